//! The discovery disk cache file: whatever bytes it holds, discovery through
//! it never panics (a bad file is ignored, and the server, here unreachable,
//! is asked instead).
//!
//! `NOW` in the input is replaced by the current time in milliseconds, so
//! seeds can hold files fresh enough to be used.
#![no_main]

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use kubegen_runtime::discovery::{Discovery, DiskCache};
use kubegen_runtime::{Client, Config};
use libfuzzer_sys::fuzz_target;

/// Nothing listens on port 1 of loopback: a fetch fails at once.
const SERVER: &str = "http://127.0.0.1:1";

struct Fixture {
    runtime: tokio::runtime::Runtime,
    client: Client,
    url: reqwest::Url,
    dir: std::path::PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("kubegen-fuzz-discovery-{}", std::process::id()));
        let url: reqwest::Url = SERVER.parse().expect("url");
        let mut config = Config::new(url.clone());
        // A refused connection fails at once instead of backing off...
        config.max_retries = 0;
        // Nor does the client-side rate limit slow each run.
        config.qps = None;
        Fixture {
            client: Client::new(config).expect("client"),
            url,
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
            dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let fixture = fixture();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
        .to_string();
    let bytes = match std::str::from_utf8(data) {
        Ok(text) => text.replace("NOW", &now).into_bytes(),
        Err(_) => data.to_vec(),
    };
    let disk = DiskCache::new(&fixture.dir, &fixture.url);
    std::fs::create_dir_all(disk.file().parent().expect("folder")).expect("cache folder");
    std::fs::write(disk.file(), &bytes).expect("cache file");
    let discovery = Discovery::with_disk_cache(fixture.client.clone(), disk);
    if let Ok(apis) = fixture.runtime.block_on(discovery.apis()) {
        for group in apis.groups() {
            let _ = apis.preferred_version(&group.name);
        }
        let _ = apis.all_resources().count();
        let _ = apis.check_complete();
    }
});
