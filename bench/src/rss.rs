//! Memory of this process, read from `/proc/self/status` (no allocator hooks:
//! unsafe code is forbidden in the workspace).

/// A field of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`, ...), 0 if absent.
pub fn status_kib(field: &str) -> u64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    status
        .lines()
        .find_map(|line| {
            let rest = line.strip_prefix(field)?.strip_prefix(':')?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .unwrap_or(0)
}

/// Resident set size now, in bytes.
pub fn rss_bytes() -> u64 {
    status_kib("VmRSS") * 1024
}

/// Peak resident set size so far (high-water mark), in bytes.
pub fn peak_bytes() -> u64 {
    status_kib("VmHWM") * 1024
}
