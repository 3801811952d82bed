//! Exec plugin output: parsing never panics, and a secret in the output
//! (the token or key the plugin printed) never shows in the error.
#![no_main]

use kubegen_runtime::fuzzing::exec_credential_errors;
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "zq7SECRETplanted9x";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if text.contains(SECRET) {
        return;
    }
    // The input as it is, then with the secret put where a token goes.
    let _ = exec_credential_errors(data);
    let planted = text.replace("TOKEN", SECRET);
    if let Some(error) = exec_credential_errors(planted.as_bytes()) {
        assert!(!error.contains(SECRET), "the secret shows in: {error}");
    }
});
