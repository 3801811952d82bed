//! `exec-plugin.sh`: a client-go style exec credential plugin for the `exec` user.
//!
//! It hands out the exec token (read from `exec.token` beside it, so the script
//! itself holds no secret) and logs every invocation to `exec-plugin.calls`, so
//! tests can count calls and check that credentials are cached.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{Context, Result};

/// The plugin script. Echoes back the apiVersion from `$KUBERNETES_EXEC_INFO`
/// (as client-go plugins do) and defaults to v1.
const SCRIPT: &str = r#"#!/usr/bin/env bash
# Exec credential plugin for the kubegen test cluster (written by `cargo xtask cluster up`).
# Prints an ExecCredential with the token from exec.token; logs each call to exec-plugin.calls.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
api_version="client.authentication.k8s.io/v1"
if [[ -n "${KUBERNETES_EXEC_INFO:-}" ]]; then
  if command -v jq >/dev/null 2>&1; then
    found="$(printf '%s' "$KUBERNETES_EXEC_INFO" | jq -r '.apiVersion // empty' 2>/dev/null || true)"
  else
    found="$(printf '%s' "$KUBERNETES_EXEC_INFO" | sed -n 's/.*"apiVersion"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
  fi
  if [[ -n "${found:-}" ]]; then api_version="$found"; fi
fi
token="$(cat "$dir/exec.token")"
expires="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
printf '%s pid=%s apiVersion=%s KUBEGEN_EXEC_TEST=%s\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$$" "$api_version" "${KUBEGEN_EXEC_TEST:-}" >> "$dir/exec-plugin.calls"
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\n' \
  "$api_version" "$token" "$expires"
"#;

/// Writes the executable `exec-plugin.sh` and an empty `exec-plugin.calls` into `dir`.
pub fn write(dir: &Path) -> Result<()> {
    let script = dir.join("exec-plugin.sh");
    fs::write(&script, SCRIPT).with_context(|| format!("writing {}", script.display()))?;
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755))
        .with_context(|| format!("making {} executable", script.display()))?;
    let calls = dir.join("exec-plugin.calls");
    fs::write(&calls, "").with_context(|| format!("writing {}", calls.display()))?;
    Ok(())
}
