//! Certificates and keys for the cluster, made with the `openssl` CLI.
//!
//! We own the CA so tests control TLS end to end: a trusted CA, an unrelated
//! "wrong" CA (to provoke verification failures), a serving certificate for
//! 127.0.0.1/localhost, and admin client certificates in every private-key
//! encoding a kubeconfig may carry (SEC1, PKCS#1, PKCS#8), so the client's key
//! parsing is exercised against a real server.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::process::run_captured;
use crate::tokens::random_hex;

/// How long generated certificates are valid (days).
const CA_DAYS: &str = "3650";
/// Validity of leaf certificates (days).
const LEAF_DAYS: &str = "825";

/// Private-key encodings we produce; each maps to a distinct PEM header.
#[derive(Debug, Clone, Copy)]
enum KeyKind {
    /// EC P-256, SEC1 (`BEGIN EC PRIVATE KEY`).
    EcSec1,
    /// EC P-256, PKCS#8 (`BEGIN PRIVATE KEY`).
    EcPkcs8,
    /// RSA 2048, PKCS#1 (`BEGIN RSA PRIVATE KEY`).
    RsaPkcs1,
    /// RSA 2048, PKCS#8 (`BEGIN PRIVATE KEY`).
    RsaPkcs8,
}

impl KeyKind {
    /// The PEM header this encoding must start with.
    fn header(self) -> &'static str {
        match self {
            KeyKind::EcSec1 => "-----BEGIN EC PRIVATE KEY-----",
            KeyKind::RsaPkcs1 => "-----BEGIN RSA PRIVATE KEY-----",
            KeyKind::EcPkcs8 | KeyKind::RsaPkcs8 => "-----BEGIN PRIVATE KEY-----",
        }
    }
}

/// Admin client certificates: file stem and key encoding.
const ADMIN_CERTS: [(&str, KeyKind); 4] = [
    ("admin-ec-sec1", KeyKind::EcSec1),
    ("admin-ec-pkcs8", KeyKind::EcPkcs8),
    ("admin-rsa-pkcs1", KeyKind::RsaPkcs1),
    ("admin-rsa-pkcs8", KeyKind::RsaPkcs8),
];

/// Subject of the admin client certificates (CN = user, O = group).
const ADMIN_SUBJECT: &[(&str, &str)] = &[("CN", "kubegen-admin"), ("O", "system:masters")];

/// Generates every certificate and key into `dir` (which must exist).
pub fn generate(dir: &Path) -> Result<()> {
    let work = dir.join("openssl-work");
    fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;

    make_ca(dir, &work, "ca", "kubegen-ca")?;
    make_ca(dir, &work, "wrong-ca", "kubegen-wrong-ca")?;

    make_key(dir, "server.key", KeyKind::RsaPkcs8)?;
    make_leaf(
        dir,
        &work,
        "server",
        &[("CN", "kube-apiserver")],
        "serverAuth",
        Some("IP:127.0.0.1,DNS:localhost"),
    )?;

    for (stem, kind) in ADMIN_CERTS {
        make_key(dir, &format!("{stem}.key"), kind)?;
        make_leaf(dir, &work, stem, ADMIN_SUBJECT, "clientAuth", None)?;
    }

    // The kubelet stand-in's serving certificate, and the client certificate
    // the API server presents to it (named and grouped as kubeadm does).
    make_key(dir, "kubelet.key", KeyKind::EcPkcs8)?;
    make_leaf(
        dir,
        &work,
        "kubelet",
        &[("CN", "kubegen-node")],
        "serverAuth",
        Some("IP:127.0.0.1"),
    )?;
    make_key(dir, "apiserver-kubelet-client.key", KeyKind::EcPkcs8)?;
    make_leaf(
        dir,
        &work,
        "apiserver-kubelet-client",
        &[
            ("CN", "kube-apiserver-kubelet-client"),
            ("O", "system:masters"),
        ],
        "clientAuth",
        None,
    )?;

    make_key(dir, "sa.key", KeyKind::RsaPkcs8)?;

    fs::remove_dir_all(&work).with_context(|| format!("removing {}", work.display()))?;

    // Sanity check: every leaf chains to our CA (and not to the wrong one).
    let mut verify = openssl(dir);
    verify.args(["verify", "-CAfile", "ca.crt", "server.crt", "kubelet.crt"]);
    verify.arg("apiserver-kubelet-client.crt");
    for (stem, _) in ADMIN_CERTS {
        verify.arg(format!("{stem}.crt"));
    }
    run_captured(&mut verify).context("verifying the generated certificates against ca.crt")?;
    Ok(())
}

/// An `openssl` command running in `dir` (so file arguments can be relative).
fn openssl(dir: &Path) -> Command {
    let mut cmd = Command::new("openssl");
    cmd.current_dir(dir);
    cmd
}

/// Writes an OpenSSL config with a fixed subject and an `ext` extension section.
fn write_config(path: &Path, subject: &[(&str, &str)], extensions: &[String]) -> Result<()> {
    let mut text = String::from("[req]\nprompt = no\ndistinguished_name = dn\n\n[dn]\n");
    for (k, v) in subject {
        text += &format!("{k} = {v}\n");
    }
    text += "\n[ext]\n";
    for line in extensions {
        text += line;
        text.push('\n');
    }
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// A self-signed CA: `<stem>.key` (RSA 2048, PKCS#8) and `<stem>.crt`.
fn make_ca(dir: &Path, work: &Path, stem: &str, cn: &str) -> Result<()> {
    make_key(dir, &format!("{stem}.key"), KeyKind::RsaPkcs8)?;
    let cnf = work.join(format!("{stem}.cnf"));
    write_config(
        &cnf,
        &[("CN", cn)],
        &[
            "basicConstraints = critical,CA:TRUE".into(),
            "keyUsage = critical,keyCertSign,cRLSign,digitalSignature".into(),
            "subjectKeyIdentifier = hash".into(),
        ],
    )?;
    run_captured(
        openssl(dir)
            .args(["req", "-x509", "-new", "-sha256", "-days", CA_DAYS])
            .args(["-key", &format!("{stem}.key"), "-config"])
            .arg(&cnf)
            .args(["-extensions", "ext", "-out", &format!("{stem}.crt")]),
    )
    .with_context(|| format!("creating CA certificate {stem}.crt"))?;
    Ok(())
}

/// A leaf certificate `<stem>.crt` for the existing `<stem>.key`, signed by `ca`.
fn make_leaf(
    dir: &Path,
    work: &Path,
    stem: &str,
    subject: &[(&str, &str)],
    eku: &str,
    san: Option<&str>,
) -> Result<()> {
    let cnf = work.join(format!("{stem}.cnf"));
    let csr = work.join(format!("{stem}.csr"));
    let mut ext = vec![
        "basicConstraints = critical,CA:FALSE".to_string(),
        "keyUsage = critical,digitalSignature,keyEncipherment".to_string(),
        format!("extendedKeyUsage = {eku}"),
        "subjectKeyIdentifier = hash".to_string(),
        "authorityKeyIdentifier = keyid,issuer".to_string(),
    ];
    if let Some(san) = san {
        ext.push(format!("subjectAltName = {san}"));
    }
    write_config(&cnf, subject, &ext)?;
    let key = format!("{stem}.key");
    let crt = format!("{stem}.crt");
    run_captured(
        openssl(dir)
            .args(["req", "-new", "-key", &key, "-config"])
            .arg(&cnf)
            .arg("-out")
            .arg(&csr),
    )
    .with_context(|| format!("creating certificate request for {crt}"))?;
    // A random serial: reusing serials under one CA confuses some TLS stacks.
    let serial = format!("0x{}", random_hex(16)?);
    run_captured(
        openssl(dir)
            .args(["x509", "-req", "-sha256", "-days", LEAF_DAYS])
            .args(["-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", &serial])
            .arg("-in")
            .arg(&csr)
            .arg("-extfile")
            .arg(&cnf)
            .args(["-extensions", "ext", "-out", &crt]),
    )
    .with_context(|| format!("signing {crt} with ca.crt"))?;
    Ok(())
}

/// Generates a private key `name` in `dir` in the given encoding and checks its PEM header.
fn make_key(dir: &Path, name: &str, kind: KeyKind) -> Result<()> {
    // `-out` goes right after the subcommand: `genrsa` wants the key size last.
    let generate = |args: &[&str]| {
        run_captured(
            openssl(dir)
                .arg(args[0])
                .args(["-out", name])
                .args(&args[1..]),
        )
    };
    // openssl keeps the mode of a file it overwrites: create the key owner-only first.
    create_private(&dir.join(name))?;
    let result = match kind {
        KeyKind::EcSec1 => generate(&["ecparam", "-name", "prime256v1", "-genkey", "-noout"]),
        KeyKind::EcPkcs8 => generate(&[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-pkeyopt",
            "ec_param_enc:named_curve",
        ]),
        KeyKind::RsaPkcs8 => generate(&[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ]),
        // OpenSSL 3 writes PKCS#8 unless told `-traditional`; OpenSSL 1.1
        // lacks the flag but writes PKCS#1 by default.
        KeyKind::RsaPkcs1 => {
            generate(&["genrsa", "-traditional", "2048"]).or_else(|_| generate(&["genrsa", "2048"]))
        }
    };
    result.with_context(|| format!("generating private key {name}"))?;
    restrict_permissions(&dir.join(name))?;
    check_pem_header(&dir.join(name), kind.header())
}

/// Fails unless the file at `path` starts with `header`.
fn check_pem_header(path: &Path, header: &str) -> Result<()> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if !text.starts_with(header) {
        let first = text.lines().next().unwrap_or("<empty>");
        bail!(
            "{} starts with {first:?}, expected {header:?}",
            path.display()
        );
    }
    Ok(())
}

/// Opens `path` for writing, emptied, readable by its owner only from the
/// moment it exists (an existing file is restricted before it is emptied).
pub fn create_private(path: &Path) -> Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    if path.exists() {
        restrict_permissions(path)?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))
}

/// Writes a secret file readable by its owner only, never readable by others
/// even for a moment.
pub fn write_private(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    create_private(path)?
        .write_all(contents)
        .with_context(|| format!("writing {}", path.display()))
}

/// Makes a secret file readable by its owner only.
pub fn restrict_permissions(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
        .with_context(|| format!("restricting permissions of {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn secret_files_are_owner_only_from_the_moment_they_exist() {
        let dir = std::env::temp_dir().join(format!("xtask-certs-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join("fresh.key");
        let _open = create_private(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o600, "before anything is written");

        let old = dir.join("old.token");
        fs::write(&old, "old").unwrap();
        fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&old, b"new").unwrap();
        assert_eq!(mode(&old), 0o600);
        assert_eq!(fs::read(&old).unwrap(), b"new");

        let tokens = crate::tokens::generate(&dir).unwrap();
        for name in ["admin.token", "exec.token", "norights.token", "tokens.csv"] {
            assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
        }
        assert_eq!(
            fs::read_to_string(dir.join("admin.token")).unwrap(),
            tokens.admin
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
