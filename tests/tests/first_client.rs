//! The README's "Your first generated client", for real: its Cargo.toml,
//! declaration, build.rs and main.rs (the fenced blocks marked
//! `<!-- first-client: PATH -->`) become a crate outside the workspace, which
//! builds with warnings denied; the CRD its build wrote is installed on the
//! local control plane, and the program's output is the README's. The CRD the
//! server then holds, fed back to the generator, gives the same code as the
//! declaration.

use std::path::{Path, PathBuf};
use std::process::Command;

use kubegen::apiextensions::v1::CustomResourceDefinition;
use kubegen::Clientset;
use kubegen_codegen::generate::{generate_file, Options};
use kubegen_tests::{admin, cluster_file, test_namespace};
use serde_json::Value;

const CRD_NAME: &str = "widgets.toys.example.net";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace")
}

/// The README's blocks marked `<!-- first-client: NAME -->`, in order.
fn readme_blocks() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line
            .trim()
            .strip_prefix("<!-- first-client: ")
            .and_then(|r| r.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().expect("a fenced block after the marker");
        assert!(fence.starts_with("```"), "{name}: no fence but {fence:?}");
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        blocks.push((name.to_string(), body.join("\n") + "\n"));
    }
    blocks
}

fn block(name: &str) -> String {
    readme_blocks()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("README.md has no first-client block {name}"))
        .1
}

/// Writes the README's crate under `target/first-client/widgets`; the
/// dependencies on a clone next to it point at this workspace instead.
fn write_crate() -> PathBuf {
    let ws = workspace();
    let krate = ws.join("target/first-client/widgets");
    for stale in ["src", "api", "crds"] {
        let _ = std::fs::remove_dir_all(krate.join(stale));
    }
    let files = ["Cargo.toml", "api/widgets.yaml", "build.rs", "src/main.rs"];
    let blocks = readme_blocks();
    for name in files {
        let text = &blocks
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("README.md has no first-client block {name}"))
            .1;
        let text = if name == "Cargo.toml" {
            let clone = "\"../kubegen/";
            assert!(text.contains(clone), "Cargo.toml names {clone}");
            // Its own workspace: it lives under this one's target folder.
            text.replace(clone, &format!("\"{}/", ws.display())) + "\n[workspace]\n"
        } else {
            text.clone()
        };
        let path = krate.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    // The workspace's lock file: the same (cached, already built) versions.
    std::fs::copy(ws.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy lock");
    krate
}

/// `cargo build` of the crate, offline, warnings denied, in a target folder
/// kept between runs; returns the program.
fn build(krate: &Path) -> PathBuf {
    let target = workspace().join("target/first-client-target");
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        // Only whether it builds and runs matters; debug info would triple the folder.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "the README's crate does not build with warnings denied:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    target.join("debug/widgets")
}

async fn install(manifest: &str) -> CustomResourceDefinition {
    kubegen_examples::crd_install::install(&Clientset::from_client(admin()), manifest)
        .await
        .unwrap_or_else(|e| panic!("installing the generated CRD: {e}"))
}

#[tokio::test]
async fn the_readme_walk_through_builds_and_runs() {
    let krate = write_crate();
    let program = build(&krate);
    let manifest = std::fs::read_to_string(krate.join(format!("crds/{CRD_NAME}.yaml")))
        .expect("build.rs wrote the CRD");
    let crd = install(&manifest).await;
    assert_eq!(crd.spec.names.short_names, Some(vec!["wd".into()]));

    let client = admin();
    let namespace = test_namespace(&client, "first-client").await;
    let out = Command::new(&program)
        .arg(&namespace)
        .env("KUBECONFIG", cluster_file("kubeconfig"))
        .output()
        .expect("run the program");
    assert!(
        out.status.success(),
        "the program failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), block("output"));

    // What the server holds: the constructor's type meta, the enum's string, the status.
    let widget: Value = client
        .get_json(&format!(
            "/apis/toys.example.net/v1/namespaces/{namespace}/widgets/w1"
        ))
        .await
        .expect("get w1");
    assert_eq!(widget["apiVersion"], "toys.example.net/v1");
    assert_eq!(widget["kind"], "Widget");
    assert_eq!(
        widget["spec"],
        serde_json::json!({"size": 3, "color": "blue", "tags": ["new"]})
    );
    assert_eq!(widget["status"]["phase"], "Ready");
}

#[tokio::test]
async fn the_installed_crd_generates_the_declarations_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let decl = dir.path().join("decl");
    std::fs::create_dir_all(&decl).expect("mkdir");
    std::fs::write(decl.join("widgets.yaml"), block("api/widgets.yaml")).expect("write");
    let manifests =
        kubegen_codegen::crd::crd_manifests(std::slice::from_ref(&decl)).expect("manifests");
    let [manifest] = manifests.crds.as_slice() else {
        panic!("one CRD expected: {:?}", manifests.crds);
    };
    install(&manifest.yaml).await;

    // The server's own view, with everything it adds (status, conversion, defaults).
    let served: Value = admin()
        .get_json(&format!(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{CRD_NAME}"
        ))
        .await
        .expect("get the CRD");
    let from_server = dir.path().join("server");
    std::fs::create_dir_all(&from_server).expect("mkdir");
    // JSON is YAML: the generator reads it as a CRD manifest.
    std::fs::write(from_server.join("crd.yaml"), served.to_string()).expect("write");

    let generate = |input: &Path| {
        generate_file(&[input.to_path_buf()], &Options::default())
            .expect("generate")
            .1
    };
    let (declared, served) = (generate(&decl), generate(&from_server));
    assert!(declared.contains("pub enum WidgetSpecColor"));
    assert_eq!(declared, served, "the served CRD gives other code");
}
