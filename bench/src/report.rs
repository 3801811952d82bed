//! The results as a Markdown table, with ratios against the targets.

use std::fmt::Write;

use serde_json::Value;

/// One row: a figure for each client, and how their ratio compares to the target.
struct Row {
    what: String,
    kubegen: String,
    kube: String,
    ratio: String,
    target: String,
    met: &'static str,
}

fn met(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "n/a",
    }
}

fn f(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn mb(bytes: Option<f64>) -> String {
    bytes.map_or("-".into(), |b| format!("{:.0} MB", b / 1e6))
}

/// Renders every measurement present in `r` (the bench's results object).
pub fn table(r: &Value) -> String {
    let mut rows = Vec::new();

    if let Some(ignored) = f(&r["decode_ignored"]["mb_per_s"]) {
        rows.push(Row {
            what: "parse list, IgnoredAny baseline (MB/s)".into(),
            kubegen: format!("{ignored:.0}"),
            kube: format!("{ignored:.0}"),
            ratio: "-".into(),
            target: "-".into(),
            met: "n/a",
        });
    }
    if let (Some(g), Some(k)) = (
        f(&r["decode_kubegen"]["mb_per_s"]),
        f(&r["decode_kube"]["mb_per_s"]),
    ) {
        rows.push(Row {
            what: "typed list decode from bytes (MB/s)".into(),
            kubegen: format!("{g:.0}"),
            kube: format!("{k:.0}"),
            ratio: format!("{:.2}x", g / k),
            target: ">= 3x".into(),
            met: met(Some(g / k >= 3.0)),
        });
    }
    if let (Some(g), Some(k)) = (f(&r["list_kubegen"]["secs"]), f(&r["list_kube"]["secs"])) {
        rows.push(Row {
            what: "list 10,000 Pods over HTTP (s)".into(),
            kubegen: format!("{g:.3}"),
            kube: format!("{k:.3}"),
            ratio: format!("{:.2}x faster", k / g),
            target: "-".into(),
            met: "n/a",
        });
    }
    if let (Some(g), Some(k)) = (
        f(&r["list_kubegen"]["peak_bytes"]),
        f(&r["list_kube"]["peak_bytes"]),
    ) {
        rows.push(Row {
            what: "list over HTTP, peak RSS of the process".into(),
            kubegen: mb(Some(g)),
            kube: mb(Some(k)),
            ratio: format!("{:.2}", g / k),
            target: "<= 0.15".into(),
            met: met(Some(g / k <= 0.15)),
        });
    }
    if let (Some(g), Some(k)) = (
        f(&r["watch_kubegen"]["events_per_s"]),
        f(&r["watch_kube"]["events_per_s"]),
    ) {
        rows.push(Row {
            what: "watch 10,000 ADDED events over HTTP (events/s)".into(),
            kubegen: format!("{g:.0}"),
            kube: format!("{k:.0}"),
            ratio: format!("{:.2}x", g / k),
            target: ">= 2x".into(),
            met: met(Some(g / k >= 2.0)),
        });
    }
    if let (Some(g), Some(k)) = (
        f(&r["informer_kubegen"]["bytes_per_object"]),
        f(&r["informer_kube"]["bytes_per_object"]),
    ) {
        rows.push(Row {
            what: "informer cache, RSS growth per Pod (all fields)".into(),
            kubegen: format!("{:.1} KB", g / 1e3),
            kube: format!("{:.1} KB", k / 1e3),
            ratio: format!("{:.2}", g / k),
            target: "<= 10 KB/Pod".into(),
            met: met(Some(g <= 10_000.0)),
        });
    }
    if let (Some(g), Some(k)) = (
        f(&r["informer_kubegen-transform"]["bytes_per_object"]),
        f(&r["informer_kube-transform"]["bytes_per_object"]),
    ) {
        let full = f(&r["informer_kubegen"]["bytes_per_object"]);
        rows.push(Row {
            what: "informer cache per Pod, managedFields dropped".into(),
            kubegen: format!("{:.1} KB", g / 1e3),
            kube: format!("{:.1} KB", k / 1e3),
            ratio: format!("{:.2}", g / k),
            target: "< full kubegen".into(),
            met: met(full.map(|full| g < full)),
        });
    }
    build_rows(r, &mut rows);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "| measurement | kubegen | kube-rs + k8s-openapi | ratio | target | met |"
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- | --- |");
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            row.what, row.kubegen, row.kube, row.ratio, row.target, row.met
        );
    }
    if r["scaling"].is_array() {
        let _ = write!(
            out,
            "\nkubegen by number of Pods:\n\n{}",
            crate::scaling::table(&r["scaling"])
        );
    }
    out
}

/// The clean builds and the edit loops, against the targets of issue 18.
fn build_rows(r: &Value, rows: &mut Vec<Row>) {
    if let (Some(g), Some(k)) = (
        f(&r["build_kubegen-app"]["secs"]),
        f(&r["build_kube-app"]["secs"]),
    ) {
        rows.push(Row {
            what: "clean debug build of the small app (wall s)".into(),
            kubegen: format!("{g:.1}"),
            kube: format!("{k:.1}"),
            ratio: format!("{:.2}", g / k),
            target: "<= 0.75".into(),
            met: met(Some(g / k <= 0.75)),
        });
        let (gp, kp) = (
            f(&r["build_kubegen-app"]["peak_bytes"]),
            f(&r["build_kube-app"]["peak_bytes"]),
        );
        rows.push(Row {
            what: "clean debug build, peak RSS of one compiler process".into(),
            kubegen: mb(gp),
            kube: mb(kp),
            ratio: match (gp, kp) {
                (Some(g), Some(k)) => format!("{:.2}", g / k),
                _ => "-".into(),
            },
            target: "-".into(),
            met: "n/a",
        });
        if let Some(floor) = f(&r["build_stack-floor"]["secs"]) {
            rows.push(Row {
                what: "the floor: reqwest + rustls + tokio + serde alone (wall s)".into(),
                kubegen: format!("{floor:.1}"),
                kube: "-".into(),
                ratio: format!("{:.2}", floor / k),
                target: "-".into(),
                met: "n/a",
            });
        }
    }
    let loops = [
        (
            "add-call",
            "add a call on a new kind, `cargo build` (s)",
            0.5,
        ),
        ("literal", "change a string literal, `cargo build` (s)", 1.0),
        ("check", "add that call, `cargo check` (s)", 1.0),
    ];
    for (name, what, target) in loops {
        let e = &r[format!("edit_{name}")];
        if let (Some(g), Some(k), Some(ratio)) =
            (f(&e["kubegen_secs"]), f(&e["kube_secs"]), f(&e["ratio"]))
        {
            rows.push(Row {
                what: what.into(),
                kubegen: format!("{g:.2}"),
                kube: format!("{k:.2}"),
                ratio: format!("{ratio:.2}"),
                target: format!("<= {target}"),
                met: met(Some(ratio <= target)),
            });
        }
    }
    if let Some(d) = f(&r["edit_declaration"]["kubegen_secs"]) {
        let add_call = f(&r["edit_add-call"]["kubegen_secs"]);
        rows.push(Row {
            what: "add a kind to the app's declaration, `cargo build` (s; ratio to adding a call)"
                .into(),
            kubegen: format!("{d:.2}"),
            kube: "-".into(),
            ratio: add_call.map_or("-".into(), |a| format!("{:.2}", d / a)),
            target: "<= 2 (vs add a call)".into(),
            met: met(add_call.map(|a| d / a <= 2.0)),
        });
    }
    for app in ["kubegen-app", "kube-app", "stack-floor"] {
        if let Some(error) = r[format!("build_{app}")]["error"].as_str() {
            let first = error.lines().next().unwrap_or_default();
            rows.push(Row {
                what: format!("clean debug build of {app}: FAILED ({first})"),
                kubegen: "-".into(),
                kube: "-".into(),
                ratio: "-".into(),
                target: "<= 0.75".into(),
                met: "**no**",
            });
        }
    }
    for name in ["add-call", "literal", "check", "declaration"] {
        if let Some(error) = r[format!("edit_{name}")]["error"].as_str() {
            let first = error.lines().next().unwrap_or_default();
            rows.push(Row {
                what: format!("edit loop {name}: FAILED ({first})"),
                kubegen: "-".into(),
                kube: "-".into(),
                ratio: "-".into(),
                target: "-".into(),
                met: "**no**",
            });
        }
    }
}
