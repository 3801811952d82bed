//! Compile test: every case under `tests/cases/` is generated in both
//! layouts (single file for `include!`, module tree from the CLI) into one
//! crate, `kubegen-fixtures`, a module per case, and built against the real
//! `kubegen-runtime` with warnings denied: `cargo check` with no group
//! feature and with each alone, clippy and rustdoc with all of them; then
//! every case's samples round-trip through the generated types of both
//! layouts and each case's own checks run (`tests/cases/README.md`).
//!
//! `KUBEGEN_CASE=<case>` builds that case alone.
//!
//! Needs the crates.io cache of the workspace's `Cargo.lock`; runs cargo
//! `--offline`. Set `KUBEGEN_SKIP_COMPILE_TEST=1` to skip.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use kubegen_codegen::generate::{generate_tree, Options};
use kubegen_codegen::Builder;

/// The target folder these crates build in. It is the one the README's
/// first-client test and `generated/tests/prelude_names.rs` use, with the
/// same flags, so the runtime and its dependencies are built once for all.
fn shared_target() -> PathBuf {
    common::workspace().join("target/first-client-target")
}

fn cargo(dir: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(dir)
        .arg("--offline")
        .args(args)
        .env("CARGO_TARGET_DIR", shared_target())
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_PROFILE_DEV_DEBUG", "false");
    if let Some(flags) = rustdocflags {
        cmd.env("RUSTDOCFLAGS", flags);
    }
    let out = cmd.output().expect("run cargo");
    assert!(
        out.status.success(),
        "cargo {args:?} in {} failed:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Leaves a file alone when its text is unchanged, so cargo does not rebuild.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// One module of a generated crate: its name and what it is generated from.
struct Module {
    name: String,
    inputs: Vec<PathBuf>,
    options: Options,
}

impl Module {
    fn new(name: &str, inputs: Vec<PathBuf>, feature_per_group: bool, all_kinds: bool) -> Self {
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        assert!(
            valid,
            "case `{name}`: a case folder is named like a Rust module (a-z, 0-9, _)"
        );
        let options = Options {
            feature_per_group,
            all_openapi_kinds: all_kinds,
            runtime_crate: "::kubegen_runtime".into(),
            ..Default::default()
        };
        Module {
            name: name.to_string(),
            inputs,
            options,
        }
    }

    /// Generates only what `features` keep (`Builder::only_features`).
    fn keeping(mut self, features: &[&str]) -> Self {
        self.options.only_features = Some(features.iter().map(|f| f.to_string()).collect());
        self
    }

    /// Writes `src/<name>/single.rs` and `src/<name>/tree/`; returns the
    /// features its code tests, if it has a feature per group.
    fn generate(&self, src: &Path) -> Vec<String> {
        let dir = src.join(&self.name);
        let mut builder = Builder::new();
        if let Some(features) = &self.options.only_features {
            builder = builder.only_features(features);
        }
        let single = builder
            .inputs(&self.inputs)
            .feature_per_group(self.options.feature_per_group)
            .all_openapi_kinds(self.options.all_openapi_kinds)
            .runtime_crate(self.options.runtime_crate.clone())
            .out_file(dir.join("single.rs"))
            .quiet(true)
            .generate()
            .unwrap_or_else(|e| panic!("case `{}`: {e}", self.name));
        let (_, tree) = generate_tree(&self.inputs, &self.options)
            .unwrap_or_else(|e| panic!("case `{}`: {e}", self.name));
        for (rel, code) in tree {
            write_if_changed(&dir.join("tree").join(rel), &code);
        }
        if self.options.feature_per_group {
            single.features
        } else {
            Vec::new()
        }
    }
}

/// Writes a crate named `package` at `dir` with one module per entry, each
/// holding its generated code in both layouts; returns its features.
fn write_crate(dir: &Path, package: &str, modules: &[Module]) -> Vec<String> {
    let src = dir.join("src");
    let mut lib = String::from(
        "#![deny(warnings, missing_docs)]\n//! Generated code, built against the real runtime.\n",
    );
    let mut features = Vec::new();
    for m in modules {
        features.extend(m.generate(&src));
        let name = &m.name;
        write!(
            lib,
            "\n/// Generated from the `{name}` inputs.\npub mod {name} {{\n    /// As `include!`d by build.rs.\n    \
             pub mod single {{\n        include!(\"{name}/single.rs\");\n    }}\n    \
             /// As written by the CLI.\n    pub mod tree;\n}}\n"
        )
        .expect("write");
    }
    write_if_changed(&src.join("lib.rs"), &lib);
    features.sort();
    features.dedup();
    let table: String = features.iter().map(|f| format!("{f} = []\n")).collect();
    let runtime = common::workspace().join("runtime");
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nkubegen-runtime = {{ path = {runtime:?} }}\n\n[features]\n{table}\n[workspace]\n"
        ),
    );
    // The workspace's lock file: the same (cached, already built) versions.
    let lock = std::fs::read_to_string(common::workspace().join("Cargo.lock")).expect("Cargo.lock");
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    features
}

/// A case's sample files (`check/*.sample`) and the Rust path, within the
/// case's layout module, of the type each names: the file name's segments
/// up to the first that starts with a capital (`apps.v1.Deployment.sample`,
/// `apps.v1.Deployment.scaled.sample`).
fn samples(case_dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(case_dir.join(common::CHECK_DIR)) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, String)> = entries
        .map(|e| e.expect("entry").path())
        .filter_map(|file| {
            let stem = file
                .file_name()?
                .to_str()?
                .strip_suffix(".sample")?
                .to_string();
            let mut path = Vec::new();
            for segment in stem.split('.') {
                path.push(segment);
                if segment.starts_with(|c: char| c.is_ascii_uppercase()) {
                    return Some((file, path.join("::")));
                }
            }
            panic!(
                "{}: the file name names no type (`<module>.<Type>[.<label>].sample`)",
                file.display()
            )
        })
        .collect();
    found.sort();
    found
}

/// The fixtures crate's integration test: per case, a test round-tripping
/// its samples through both layouts, and its own `check/tests.rs`.
fn cases_test(cases: &[(String, PathBuf)]) -> String {
    let mut out = String::from(
        "//! Every case's samples and checks (written by codegen/tests/compile.rs).\n",
    );
    let all: Vec<Vec<(PathBuf, String)>> = cases.iter().map(|(_, dir)| samples(dir)).collect();
    if all.iter().any(|s| !s.is_empty()) {
        let helper = common::tests_dir("compile/samples.rs");
        writeln!(
            out,
            "\n#[path = {:?}]\nmod samples;",
            helper.display().to_string()
        )
        .expect("write");
    }
    for ((name, dir), samples) in cases.iter().zip(&all) {
        writeln!(out, "\nmod {name} {{").expect("write");
        let checks = dir.join(common::CHECK_DIR).join("tests.rs");
        if checks.is_file() {
            writeln!(
                out,
                "    #[path = {:?}]\n    mod tests;",
                checks.display().to_string()
            )
            .expect("write");
        }
        if !samples.is_empty() {
            writeln!(out, "\n    #[test]\n    fn samples_round_trip() {{").expect("write");
            for (file, ty) in samples {
                let file = file.display().to_string();
                for layout in ["single", "tree"] {
                    writeln!(
                        out,
                        "        crate::samples::round_trips::<kubegen_fixtures::{name}::{layout}::{ty}>(\n            \
                         {file:?},\n            include_str!({file:?}),\n        );"
                    )
                    .expect("write");
                }
            }
            writeln!(out, "    }}").expect("write");
        }
        writeln!(out, "}}").expect("write");
    }
    out
}

/// Clippy with warnings denied, when clippy is installed (the generated crate
/// lives in a workspace whose CI runs clippy `-D warnings`).
fn clippy(dir: &Path) {
    let has_clippy = Command::new(env!("CARGO"))
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_clippy {
        cargo(
            dir,
            &[
                "clippy",
                "--all-features",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            None,
        );
    } else {
        eprintln!("clippy not installed: lint check skipped");
    }
}

fn doc(dir: &Path) {
    cargo(
        dir,
        &["doc", "--no-deps", "--all-features"],
        Some("-D warnings"),
    );
}

fn skipped() -> bool {
    let skip = std::env::var_os("KUBEGEN_SKIP_COMPILE_TEST").is_some();
    if skip {
        eprintln!("skipped: KUBEGEN_SKIP_COMPILE_TEST is set");
    }
    skip
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn every_case_compiles_against_the_runtime_and_round_trips() {
    if skipped() {
        return;
    }
    let dir = scratch("kubegen-fixtures");
    let mut cases = Vec::new();
    let mut modules = Vec::new();
    let only = std::env::var("KUBEGEN_CASE").ok();
    for (name, inputs, feature_per_group) in common::cases() {
        if only.as_ref().is_some_and(|only| *only != name) {
            continue;
        }
        // The case's folder is its first input.
        cases.push((name.clone(), inputs[0].clone()));
        modules.push(Module::new(&name, inputs, feature_per_group, false));
    }
    assert!(
        !modules.is_empty(),
        "no case named {only:?} under tests/cases"
    );
    let features = write_crate(&dir, "kubegen-fixtures", &modules);
    write_if_changed(&dir.join("tests/cases.rs"), &cases_test(&cases));
    // The samples and checks, and no doc comment is a failing doctest.
    cargo(&dir, &["test", "--all-features"], None);
    // No group feature, and each group alone: a group has every type it
    // reaches in other groups' modules.
    cargo(&dir, &["check", "--lib"], None);
    for feature in &features {
        cargo(&dir, &["check", "--lib", "--features", feature], None);
    }
    clippy(&dir);
    doc(&dir);
}

/// The builtin case generated for one group's feature alone, core and apps
/// (whose Deployment reaches into core's module), each built with just that
/// feature on, as `kubegen`'s build script generates for an app.
#[test]
fn one_kept_group_compiles() {
    if skipped() {
        return;
    }
    let (_, inputs, _) = common::cases()
        .into_iter()
        .find(|(name, ..)| name == "builtin")
        .expect("builtin case");
    let dir = scratch("kubegen-kept-group");
    let modules = ["core", "apps"].map(|group| {
        Module::new(&format!("only_{group}"), inputs.clone(), true, false).keeping(&[group])
    });
    write_crate(&dir, "kubegen-kept-group", &modules);
    for feature in ["core", "apps"] {
        cargo(&dir, &["check", "--lib", "--features", feature], None);
    }
}

/// Every kind of the v1.20.2 spec: `cargo test -- --ignored`.
#[test]
#[ignore = "slow: builds every built-in group"]
fn every_builtin_group_compiles() {
    if skipped() {
        return;
    }
    let dir = scratch("kubegen-every-v1-20");
    let module = Module::new("v1_20", vec![common::swagger()], true, true);
    write_crate(&dir, "kubegen-every-v1-20", &[module]);
    cargo(&dir, &["check", "--lib", "--features", "batch"], None);
    cargo(&dir, &["check", "--lib", "--all-features"], None);
    clippy(&dir);
    doc(&dir);
}

/// Every kind of the v1.36 spec, alpha and beta versions too (minutes):
/// `cargo test -- --ignored`.
#[test]
#[ignore = "slow: builds every group of the v1.36 spec"]
fn every_v1_36_group_compiles() {
    if skipped() {
        return;
    }
    let dir = scratch("kubegen-every-v1-36");
    let module = Module::new("v1_36", vec![common::swagger_v1_36()], true, true);
    write_crate(&dir, "kubegen-every-v1-36", &[module]);
    cargo(&dir, &["check", "--lib", "--all-features"], None);
    clippy(&dir);
    doc(&dir);
}
