//! The edit loops users feel: one small change to an app's source, then
//! `cargo build` (or `cargo check`) in a target dir that already holds the
//! build of the unchanged app. Each edit is undone afterwards, the file
//! restored byte for byte.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// The cargo command an edit is followed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cargo {
    /// `cargo build` (debug).
    Build,
    /// `cargo check`.
    Check,
}

impl Cargo {
    fn subcommand(self) -> &'static str {
        match self {
            Cargo::Build => "build",
            Cargo::Check => "check",
        }
    }
}

/// One edit of one app: in `file` (relative to the app), `anchor` becomes
/// `replacement`.
#[derive(Clone, Copy, Debug)]
pub struct Edit {
    /// The file changed, relative to the app's folder.
    pub file: &'static str,
    /// Text that occurs exactly once in the file.
    pub anchor: &'static str,
    /// What the anchor is replaced by.
    pub replacement: &'static str,
}

/// A call on a kind the kubegen app does not use yet (Service).
const KUBEGEN_ADD_CALL: Edit = Edit {
    file: "src/main.rs",
    anchor: "    let deployments = cs.apps().v1().deployments(\"default\");\n",
    replacement: "    let services = cs\n        .core()\n        .v1()\n        .services(\"default\")\n        .list(&ListOptions::default())\n        .await?;\n    println!(\"{} services\", services.items.len());\n    let deployments = cs.apps().v1().deployments(\"default\");\n",
};

/// The same call in the kube-rs app.
const KUBE_ADD_CALL: Edit = Edit {
    file: "src/main.rs",
    anchor: "    let deployments: Api<Deployment> = Api::namespaced(client, \"default\");\n",
    replacement: "    let services: Api<k8s_openapi::api::core::v1::Service> =\n        Api::namespaced(client.clone(), \"default\");\n    let services = services.list(&ListParams::default()).await?;\n    println!(\"{} services\", services.items.len());\n    let deployments: Api<Deployment> = Api::namespaced(client, \"default\");\n",
};

/// A changed string literal (both apps print the same line).
const LITERAL: Edit = Edit {
    file: "src/main.rs",
    anchor: "println!(\"created {:?}\"",
    replacement: "println!(\"made {:?}\"",
};

/// One more kind in the kubegen app's own declaration (`api/toys.yaml`).
const DECLARATION: Edit = Edit {
    file: "api/toys.yaml",
    anchor: "    kinds:\n",
    replacement: "    kinds:\n      - kind: Gadget\n        schema:\n          inline:\n            type: object\n            properties:\n              spec:\n                type: object\n                properties:\n                  size: {type: integer}\n                  owner: {type: string}\n",
};

/// A measured edit loop: its name (as `--only` takes it), the command after
/// the edit, and the edit for each app (`None`: the app has no counterpart).
#[derive(Clone, Copy, Debug)]
pub struct Loop {
    /// The measurement's name.
    pub name: &'static str,
    /// `cargo build` or `cargo check` after the edit.
    pub cargo: Cargo,
    /// The kubegen app's edit.
    pub kubegen: Edit,
    /// The kube-rs app's edit, if it has one.
    pub kube: Option<Edit>,
}

/// Every edit loop the bench measures.
pub const LOOPS: [Loop; 4] = [
    Loop {
        name: "add-call",
        cargo: Cargo::Build,
        kubegen: KUBEGEN_ADD_CALL,
        kube: Some(KUBE_ADD_CALL),
    },
    Loop {
        name: "literal",
        cargo: Cargo::Build,
        kubegen: LITERAL,
        kube: Some(LITERAL),
    },
    Loop {
        name: "check",
        cargo: Cargo::Check,
        kubegen: KUBEGEN_ADD_CALL,
        kube: Some(KUBE_ADD_CALL),
    },
    Loop {
        name: "declaration",
        cargo: Cargo::Build,
        kubegen: DECLARATION,
        kube: None,
    },
];

/// Runs `cargo build` or `cargo check` of the app in `app_dir` with
/// `target_dir`, returning its wall seconds and what it wrote to stderr.
pub fn run_cargo(
    app_dir: &Path,
    target_dir: &Path,
    cargo: Cargo,
    time_v: bool,
) -> Result<(f64, String)> {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time_v && time.exists() {
        let mut cmd = Command::new(time);
        cmd.arg("-v").arg(&program);
        cmd
    } else {
        Command::new(&program)
    };
    cmd.arg(cargo.subcommand())
        .arg("--manifest-path")
        .arg(app_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS");
    let start = Instant::now();
    let output = cmd.output().context("running cargo")?;
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        bail!(
            "cargo {} of {} failed:\n{stderr}",
            cargo.subcommand(),
            app_dir.display()
        );
    }
    Ok((secs, stderr))
}

/// Puts a file's original bytes back when dropped, so an edit is undone
/// even when the build after it fails.
struct Restore {
    path: PathBuf,
    original: Vec<u8>,
}

impl Drop for Restore {
    fn drop(&mut self) {
        if let Err(e) = std::fs::write(&self.path, &self.original) {
            eprintln!("bench: could not restore {}: {e}", self.path.display());
        }
    }
}

/// The text of `file` with `edit` applied; an anchor that is missing or
/// not unique is an error (the app changed under the bench).
pub fn apply(text: &str, edit: &Edit) -> Result<String> {
    match text.matches(edit.anchor).count() {
        1 => Ok(text.replacen(edit.anchor, edit.replacement, 1)),
        n => bail!(
            "{}: the text to edit occurs {n} times, not once: {:?}",
            edit.file,
            edit.anchor
        ),
    }
}

/// Brings the target dir up to date with the unchanged app (not timed),
/// applies `edit`, times `cargo`, and restores the file.
pub fn time_edit(app_dir: &Path, target_dir: &Path, edit: &Edit, cargo: Cargo) -> Result<f64> {
    run_cargo(app_dir, target_dir, cargo, false)?;
    let path = app_dir.join(edit.file);
    let original = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let text = String::from_utf8(original.clone()).context("the app's source is not UTF-8")?;
    let edited = apply(&text, edit)?;
    let _restore = Restore {
        path: path.clone(),
        original,
    };
    std::fs::write(&path, edited).with_context(|| format!("writing {}", path.display()))?;
    let (secs, _) = run_cargo(app_dir, target_dir, cargo, false)?;
    Ok(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_file(app: &str, file: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("apps")
            .join(app)
            .join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn every_edit_applies_once_to_its_app() {
        for l in LOOPS {
            let text = app_file("kubegen-app", l.kubegen.file);
            let edited = apply(&text, &l.kubegen).expect(l.name);
            assert_ne!(edited, text, "{}", l.name);
            if let Some(kube) = l.kube {
                let text = app_file("kube-app", kube.file);
                assert_ne!(apply(&text, &kube).expect(l.name), text, "{}", l.name);
            }
        }
    }

    #[test]
    fn an_edited_file_gets_its_bytes_back() {
        let path =
            std::env::temp_dir().join(format!("kubegen-bench-restore-{}", std::process::id()));
        let original = b"fn main() {}\r\n\xff".to_vec();
        std::fs::write(&path, &original).unwrap();
        {
            let _restore = Restore {
                path: path.clone(),
                original: original.clone(),
            };
            std::fs::write(&path, "edited").unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), original);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn an_anchor_that_is_not_unique_is_refused() {
        let edit = Edit {
            file: "f",
            anchor: "a",
            replacement: "b",
        };
        assert!(apply("a a", &edit).is_err());
        assert!(apply("c", &edit).is_err());
        assert_eq!(apply("cac", &edit).unwrap(), "cbc");
    }
}
