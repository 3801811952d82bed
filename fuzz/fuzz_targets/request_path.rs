//! Request confinement: whatever the namespace and name, a request URL is
//! either refused or stays inside its collection: its path is the
//! collection's segments then the name, each exactly as given (the URL
//! parser may only percent-encode them).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// A path segment with its percent-escapes decoded.
fn decoded(segment: &str) -> Vec<u8> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

fuzz_target!(|input: (Option<String>, String)| {
    let (namespace, name) = input;
    let base = "https://127.0.0.1:6443/prefix";
    let Ok(url) = kubegen_runtime::fuzzing::resource_url(base, namespace.as_deref(), &name) else {
        return;
    };
    let rest = url
        .strip_prefix("https://127.0.0.1:6443/")
        .unwrap_or_else(|| panic!("{url} left the server"));
    let got: Vec<Vec<u8>> = rest.split('/').map(decoded).collect();
    let mut want: Vec<&str> = vec!["prefix", "api", "v1"];
    if let Some(ns) = &namespace {
        want.extend(["namespaces", ns]);
    }
    want.extend(["secrets", &name]);
    let want: Vec<Vec<u8>> = want.iter().map(|s| s.as_bytes().to_vec()).collect();
    assert_eq!(got, want, "namespace {namespace:?}, name {name:?}: {url}");
});
