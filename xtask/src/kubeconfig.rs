//! The kubeconfig tests and the demo use.
//!
//! File references are RELATIVE to the kubeconfig's folder on purpose: that is
//! how kubectl resolves them, and it exercises the client's path resolution.
//! One context per authentication method lets each test pick what it checks.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use base64::Engine;

use crate::tokens::Tokens;

/// Quotes a string as a YAML double-quoted scalar (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// Base64 of a file's bytes, for `client-certificate-data` / `client-key-data`.
fn b64_file(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Renders the kubeconfig for `server` using files in `dir`.
fn render(dir: &Path, server: &str, tokens: &Tokens) -> Result<String> {
    let server = q(server);
    let cert_data = b64_file(&dir.join("admin-rsa-pkcs1.crt"))?;
    let key_data = b64_file(&dir.join("admin-rsa-pkcs1.key"))?;
    let cert_user = |name: &str, stem: &str| {
        format!(
            "- name: {name}\n  user:\n    client-certificate: {stem}.crt\n    client-key: {stem}.key\n"
        )
    };
    let context = |name: &str, cluster: &str, user: &str| {
        format!("- name: {name}\n  context:\n    cluster: {cluster}\n    user: {user}\n")
    };

    let mut y = String::new();
    y += "# Written by `cargo xtask cluster up`; regenerated on every fresh start.\n";
    y += "apiVersion: v1\nkind: Config\npreferences: {}\n";
    y += "current-context: token\n";

    y += "clusters:\n";
    y += &format!(
        "- name: kubegen\n  cluster:\n    server: {server}\n    certificate-authority: ca.crt\n"
    );
    y += &format!(
        "- name: kubegen-insecure\n  cluster:\n    server: {server}\n    insecure-skip-tls-verify: true\n"
    );

    y += "users:\n";
    y += &format!(
        "- name: admin-token\n  user:\n    token: {}\n",
        q(&tokens.admin)
    );
    y += "- name: admin-token-file\n  user:\n    tokenFile: admin.token\n";
    y += &cert_user("admin-cert", "admin-ec-sec1");
    y += &format!(
        "- name: admin-cert-data\n  user:\n    client-certificate-data: {cert_data}\n    client-key-data: {key_data}\n"
    );
    y += &cert_user("admin-cert-rsa-pkcs8", "admin-rsa-pkcs8");
    y += &cert_user("admin-cert-ec-pkcs8", "admin-ec-pkcs8");
    y += "- name: exec\n  user:\n    exec:\n";
    y += "      apiVersion: client.authentication.k8s.io/v1\n";
    y += "      command: ./exec-plugin.sh\n";
    y += "      args: []\n";
    y += "      env:\n      - name: KUBEGEN_EXEC_TEST\n        value: \"1\"\n";
    y += "      interactiveMode: Never\n";
    y += "      provideClusterInfo: false\n";
    y += &format!(
        "      installHint: {}\n",
        q("run cargo xtask cluster up to create exec-plugin.sh")
    );
    y += &format!(
        "- name: no-rights\n  user:\n    token: {}\n",
        q(&tokens.norights)
    );

    y += "contexts:\n";
    y += "- name: token\n  context:\n    cluster: kubegen\n    user: admin-token\n    namespace: default\n";
    y += &context("token-file", "kubegen", "admin-token-file");
    y += &context("client-cert", "kubegen", "admin-cert");
    y += &context("client-cert-data", "kubegen", "admin-cert-data");
    y += &context("client-cert-rsa-pkcs8", "kubegen", "admin-cert-rsa-pkcs8");
    y += &context("client-cert-ec-pkcs8", "kubegen", "admin-cert-ec-pkcs8");
    y += &context("exec", "kubegen", "exec");
    y += &context("insecure", "kubegen-insecure", "admin-token");
    y += &context("no-rights", "kubegen", "no-rights");
    Ok(y)
}

/// Writes `<dir>/kubeconfig` (owner-only: it embeds tokens and a key).
pub fn write(dir: &Path, server: &str, tokens: &Tokens) -> Result<()> {
    let path = dir.join("kubeconfig");
    let text = render(dir, server, tokens)?;
    crate::certs::write_private(&path, text.as_bytes())
}
