//! Where the recorded fixtures live, and how to load them.

use std::path::PathBuf;

use anyhow::{Context, Result};

/// The namespace the fixture server pretends to serve.
pub const SERVED_NAMESPACE: &str = "bench";

/// How many Pods (and watch events) the fixtures hold.
pub const POD_COUNT: usize = 10_000;

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `target/bench-fixtures/` (or `$KUBEGEN_BENCH_FIXTURES`).
pub fn dir() -> PathBuf {
    match std::env::var_os("KUBEGEN_BENCH_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("target").join("bench-fixtures"),
    }
}

/// The recorded list body (one JSON document, as the server sent it).
pub fn list_path() -> PathBuf {
    dir().join("pods-list.json")
}

/// The recorded watch stream (one JSON event per line, as the server sent it).
pub fn watch_path() -> PathBuf {
    dir().join("pods-watch.jsonl")
}

/// Facts about the recording (sizes, server version, when).
pub fn meta_path() -> PathBuf {
    dir().join("meta.json")
}

/// Whether both recordings are present.
pub fn present() -> bool {
    list_path().is_file() && watch_path().is_file()
}

/// Reads the list body.
pub fn load_list() -> Result<Vec<u8>> {
    let path = list_path();
    std::fs::read(&path).with_context(|| {
        format!(
            "reading {} (record it with `cargo run -p kubegen-bench --release --bin record`)",
            path.display()
        )
    })
}

/// Reads the watch stream, split into its events (each without its newline).
pub fn load_watch_events() -> Result<Vec<Vec<u8>>> {
    let path = watch_path();
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "reading {} (record it with `cargo run -p kubegen-bench --release --bin record`)",
            path.display()
        )
    })?;
    Ok(bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(<[u8]>::to_vec)
        .collect())
}
