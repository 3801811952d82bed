//! How kubegen's decode time, list peak RSS and cache memory grow with the
//! number of Pods: 1,000, 10,000 and 50,000, made from the recorded list by
//! renamed copies (`server::scaled_list`). Each size is served by a server of
//! its own; each measurement runs in a child process, as the others do.

use std::sync::Arc;

use anyhow::Result;
use kubegen_bench::server;
use serde_json::{json, Value};

/// The sizes measured.
pub const SIZES: [usize; 3] = [1_000, 10_000, 50_000];

/// Measures every size with `child` (which runs `bench child ARGS...`).
pub fn measure(
    runtime: &tokio::runtime::Runtime,
    child: impl Fn(&[&str]) -> Result<Value>,
) -> Result<Value> {
    let mut rows = Vec::new();
    for pods in SIZES {
        let count = pods.to_string();
        eprintln!("bench: scaling, {pods} Pods");
        let decode = child(&["decode", "kubegen", &count])?;
        let fixtures = Arc::new(server::Fixtures::scaled(pods)?);
        let port = runtime.block_on(server::spawn(fixtures))?.to_string();
        let list = child(&["list", "kubegen", &port, &count])?;
        let informer = child(&["informer", "kubegen", &port, &count])?;
        rows.push(json!({
            "pods": pods,
            "body_bytes": decode["bytes"],
            "decode_secs": decode["secs"],
            "list_secs": list["secs"],
            "list_peak_bytes": list["peak_bytes"],
            "cache_bytes_per_pod": informer["bytes_per_object"],
        }));
    }
    Ok(Value::from(rows))
}

/// The scaling rows as a Markdown table (per-Pod columns show whether growth is linear).
pub fn table(rows: &Value) -> String {
    let mut out = String::from(
        "| Pods | body MB | decode s | decode µs/Pod | list s | list peak RSS MB | peak KB/Pod | cache KB/Pod |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for row in rows.as_array().into_iter().flatten() {
        let pods = row["pods"].as_f64().unwrap_or(f64::NAN);
        let num = |key: &str| row[key].as_f64().unwrap_or(f64::NAN);
        out.push_str(&format!(
            "| {pods} | {:.1} | {:.3} | {:.1} | {:.3} | {:.0} | {:.1} | {:.1} |\n",
            num("body_bytes") / 1e6,
            num("decode_secs"),
            num("decode_secs") * 1e6 / pods,
            num("list_secs"),
            num("list_peak_bytes") / 1e6,
            num("list_peak_bytes") / 1e3 / pods,
            num("cache_bytes_per_pod") / 1e3,
        ));
    }
    out
}
