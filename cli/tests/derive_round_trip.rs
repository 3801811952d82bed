//! `#[derive(CustomResource)]` round trip through the local control plane:
//! the derived CRD is accepted (structural) and Established; `kubegen
//! import` and `kubegen generate` turn the served group back into code; an
//! object written through the derived type reads back through the generated
//! type as the same JSON.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{kubegen, kubegen_on_cluster, run_ok};
use kubegen::meta::{IntOrString, Map, Quantity};
use kubegen::{CompactString, CreateOptions, CustomResource, KubeSchema, ResourceClient};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a gadget is rolled out.
#[derive(KubeSchema, Clone, Debug, Serialize, Deserialize)]
enum Rollout {
    /// All at once.
    Recreate,
    /// A few at a time.
    RollingUpdate,
}

/// Where a gadget listens.
#[derive(KubeSchema, Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Listener {
    /// Port number or name.
    target_port: IntOrString,
    /// Extra hosts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hosts: Vec<String>,
}

/// A gadget, derived from Rust.
#[derive(CustomResource, Clone, Debug, Serialize, Deserialize)]
#[kubegen(
    group = "derive.kubegen.dev",
    version = "v1",
    kind = "Gadget",
    plural = "gadgets",
    short_names = ["gd"],
    namespaced,
    status = "GadgetStatus",
    scale(spec_replicas_path = ".spec.replicas", status_replicas_path = ".status.replicas"),
    printer_column(name = "Replicas", type = "integer", json_path = ".spec.replicas"),
    category = "kubegen"
)]
#[serde(rename_all = "camelCase")]
struct GadgetSpec {
    /// How many.
    #[kubegen(validate(min = 0, max = 100))]
    replicas: i32,
    /// The name shown to people.
    #[kubegen(validate(pattern = "^[A-Za-z ]+$", max_length = 40))]
    display_name: String,
    rollout: Rollout,
    #[kubegen(validate(min_items = 1))]
    listeners: Vec<Listener>,
    /// Resource limits, such as `cpu: 500m`.
    limits: Map<CompactString, Quantity>,
    /// Free-form settings kept as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settings: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ratio: Option<f64>,
}

/// What a gadget is.
#[derive(KubeSchema, Clone, Debug, Default, Serialize, Deserialize)]
struct GadgetStatus {
    replicas: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phase: Option<String>,
}

fn spec() -> GadgetSpec {
    GadgetSpec {
        replicas: 3,
        display_name: "Round Trip".into(),
        rollout: Rollout::RollingUpdate,
        listeners: vec![
            Listener {
                target_port: IntOrString::Int(8080),
                hosts: vec!["a.example".into()],
            },
            Listener {
                target_port: IntOrString::String("http".into()),
                hosts: vec![],
            },
        ],
        limits: [("cpu".into(), "500m".parse().expect("quantity"))]
            .into_iter()
            .collect(),
        settings: Some(serde_json::json!({"nested": {"any": [1, "two"]}})),
        ratio: Some(0.25),
    }
}

/// Installs the derived CRD, waits for Established and for its schema in
/// `/openapi/v2` (what `kubegen import` reads).
async fn install(client: &kubegen::Client) {
    let crd = Gadget::crd();
    let installed = kubegen_examples::crd_install::install(
        &kubegen::Clientset::from_client(client.clone()),
        &serde_json::to_string(&crd).expect("encode the CRD"),
    )
    .await
    .unwrap_or_else(|e| panic!("the derived CRD is not accepted: {e}"));
    let conditions = installed
        .status
        .and_then(|s| s.conditions)
        .unwrap_or_default();
    assert!(
        !conditions
            .iter()
            .any(|c| c.type_ == "NonStructuralSchema" && c.status == "True"),
        "{conditions:?}"
    );
    kubegen_tests::eventually("the Gadget schema in /openapi/v2", async || {
        let spec: Value = client.get_json("/openapi/v2").await.ok()?;
        spec["definitions"]
            .get("dev.kubegen.derive.v1.Gadget")
            .map(|_| ())
    })
    .await;
}

/// Imports the group, generates its code, and builds a program that reads
/// an object as JSON on stdin into the generated `Gadget` and writes it back.
fn generated_program(dir: &Path) -> std::path::PathBuf {
    let imported = dir.join("import");
    run_ok(
        kubegen_on_cluster("import")
            .arg("--out")
            .arg(&imported)
            .arg("derive.kubegen.dev"),
    );
    let krate = dir.join("crate");
    run_ok(
        kubegen()
            .args(["generate", "--runtime-crate", "::kubegen_runtime", "--out"])
            .arg(krate.join("src/generated"))
            .arg(&imported),
    );
    // Typed all the way down: the enum and int-or-string came back as such.
    let code = std::fs::read_to_string(krate.join("src/generated/derive_kubegen_dev/v1.rs"))
        .expect("generated derive_kubegen_dev/v1.rs");
    let items: Vec<&str> = code
        .lines()
        .filter(|l| l.contains("pub struct") || l.contains("pub enum"))
        .collect();
    for wanted in ["pub enum GadgetSpecRollout", "pub struct GadgetStatus"] {
        assert!(code.contains(wanted), "no {wanted} in {items:#?}");
    }
    assert!(code.contains("IntOrString"), "{items:#?}");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let runtime = workspace.join("runtime");
    let write = |path: &str, text: String| {
        std::fs::write(krate.join(path), text).unwrap_or_else(|e| panic!("write {path}: {e}"))
    };
    write(
        "Cargo.toml",
        format!(
            "[package]\nname = \"kubegen-cli-e2e-derive\"\nversion = \"0.0.0\"\n\
             edition = \"2021\"\npublish = false\n\n\
             [dependencies]\nkubegen-runtime = {{ path = {runtime:?} }}\n\n[workspace]\n"
        ),
    );
    write(
        "src/lib.rs",
        "//! Code generated from `kubegen import`.\n#![allow(missing_docs, dead_code)]\npub mod generated;\n".into(),
    );
    write(
        "src/main.rs",
        "use kubegen_cli_e2e_derive::generated::derive_kubegen_dev::v1::Gadget;\n\
         use kubegen_runtime::serde_json;\n\n\
         fn main() {\n    \
             let gadget: Gadget = serde_json::from_reader(std::io::stdin()).expect(\"decode\");\n    \
             println!(\"{}\", serde_json::to_string(&gadget).expect(\"encode\"));\n\
         }\n"
        .into(),
    );
    // The workspace's lock file: the same (cached, already built) versions.
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy lock");
    let target = workspace.join("target/cli-e2e-target");
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "the generated crate does not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    target.join("debug/kubegen-cli-e2e-derive")
}

/// The JSON the generated type reads `object` as and writes back.
fn through_generated(program: &Path, object: &Value) -> Value {
    let mut child = Command::new(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the generated program");
    serde_json::to_writer(child.stdin.take().expect("stdin"), object).expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "the generated type does not read the object:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the generated program writes JSON")
}

#[tokio::test]
async fn derived_kind_round_trips_through_the_server_and_generated_code() {
    let client = kubegen_tests::admin();
    install(&client).await;
    let namespace = kubegen_tests::test_namespace(&client, "derive").await;
    let gadgets = ResourceClient::<Gadget>::namespaced(client.clone(), &namespace);
    let mut created = gadgets
        .create(&Gadget::new("g1", spec()), &CreateOptions::default())
        .await
        .expect("create through the derived type");
    created.status = Some(GadgetStatus {
        replicas: 2,
        phase: Some("Ready".into()),
    });
    let written = gadgets
        .update_status(&created, &Default::default())
        .await
        .expect("update the status subresource");
    let scale = gadgets
        .get_scale("g1")
        .await
        .expect("the scale subresource");
    assert_eq!(scale.spec.and_then(|s| s.replicas), Some(3));

    let raw: Value = client
        .get_json(&format!(
            "/apis/derive.kubegen.dev/v1/namespaces/{namespace}/gadgets/g1"
        ))
        .await
        .expect("get as JSON");
    // Nothing was pruned: the server kept every field the derived type wrote.
    let derived = serde_json::to_value(&written).expect("encode");
    assert_eq!(raw, derived);
    assert_eq!(raw["spec"]["settings"]["nested"]["any"][1], "two");
    assert_eq!(raw["spec"]["limits"]["cpu"], "500m");
    assert_eq!(raw["status"]["phase"], "Ready");

    let dir = tempfile::tempdir().expect("tempdir");
    let program = generated_program(dir.path());
    assert_eq!(through_generated(&program, &raw), derived);
}
