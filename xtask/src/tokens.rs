//! Static bearer tokens for the API server's `--token-auth-file`.
//!
//! Three identities cover the auth paths tests need: an admin token used
//! directly, a second admin token handed out only by the exec plugin (so a
//! successful request proves the plugin ran), and a token with no RBAC rights
//! (to provoke 403 Forbidden).

use std::fs;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};

use crate::certs::write_private;

/// The generated tokens. Never print them: they are secrets, kept in files.
pub struct Tokens {
    /// Token of `kubegen-admin` (group `system:masters`), in `admin.token`.
    pub admin: String,
    /// Token of `kubegen-exec` (group `system:masters`), in `exec.token`.
    pub exec: String,
    /// Token of `kubegen-norights` (no groups), in `norights.token`.
    pub norights: String,
}

/// Returns `bytes` random bytes from /dev/urandom as lowercase hex.
pub fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .context("reading /dev/urandom")?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Generates the three tokens, writes `<name>.token` files (no trailing
/// newline) and `tokens.csv` into `dir`.
pub fn generate(dir: &Path) -> Result<Tokens> {
    let tokens = Tokens {
        admin: random_hex(32)?,
        exec: random_hex(32)?,
        norights: random_hex(32)?,
    };
    write_secret(&dir.join("admin.token"), &tokens.admin)?;
    write_secret(&dir.join("exec.token"), &tokens.exec)?;
    write_secret(&dir.join("norights.token"), &tokens.norights)?;
    // Format: token,user,uid,"group1,group2" (groups column optional).
    let csv = format!(
        "{},kubegen-admin,kubegen-admin,\"system:masters\"\n\
         {},kubegen-exec,kubegen-exec,\"system:masters\"\n\
         {},kubegen-norights,kubegen-norights\n",
        tokens.admin, tokens.exec, tokens.norights
    );
    write_secret(&dir.join("tokens.csv"), &csv)?;
    Ok(tokens)
}

/// Writes a secret file with owner-only permissions.
fn write_secret(path: &Path, contents: &str) -> Result<()> {
    write_private(path, contents.as_bytes())
}

/// Reads back the tokens written by [`generate`] (to rewrite a lost kubeconfig).
pub fn load(dir: &Path) -> Result<Tokens> {
    let read = |name: &str| {
        let path = dir.join(name);
        fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    Ok(Tokens {
        admin: read("admin.token")?,
        exec: read("exec.token")?,
        norights: read("norights.token")?,
    })
}
