//! Generates the clientset of the built-in groups into OUT_DIR, for the
//! Kubernetes version chosen by a cargo feature: `groups/<version>/` declares
//! the groups, `openapi/swagger-<spec>.json` (committed) gives the types.
//! Only the items of the enabled features are generated.

/// Kubernetes versions, oldest first: feature, declarations, spec, version.
const VERSIONS: [(&str, &str, &str, &str); 2] = [
    (
        "V1_20",
        "groups/v1_20",
        "openapi/swagger-v1.20.2.json",
        "1.20",
    ),
    (
        "V1_36",
        "groups/v1_36",
        "openapi/swagger-v1.36.json",
        "1.36",
    ),
];

/// The version whose types are generated. Feature unification can turn on
/// several version features in one build (a dependency asking for `v1_20`
/// while another keeps the default `v1_36`); the oldest wins, because the
/// newest is what every default build gets without asking while an older one
/// is always an explicit choice. The choice is reported with a
/// `cargo:warning`, never an error, so that no two dependents can make each
/// other fail to build. A build with none (default features off) gets the
/// newest, silently.
fn chosen_version() -> (&'static str, &'static str, &'static str) {
    let enabled: Vec<_> = VERSIONS
        .iter()
        .filter(|(feature, ..)| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_some())
        .collect();
    let newest = &VERSIONS[VERSIONS.len() - 1];
    let &&(_, groups, spec, version) = enabled.first().unwrap_or(&newest);
    if enabled.len() > 1 {
        let names: Vec<String> = enabled.iter().map(|v| v.0.to_lowercase()).collect();
        println!(
            "cargo:warning=kubegen: features {} are all on; the oldest wins: Kubernetes {version} types",
            names.join(", ")
        );
    }
    (groups, spec, version)
}

fn main() {
    let (groups, spec, version) = chosen_version();
    println!("cargo:rustc-env=KUBEGEN_KUBERNETES_VERSION={version}");
    let generated = kubegen_codegen::Builder::new()
        .input(groups)
        .openapi(spec)
        .feature_per_group(true)
        // This crate includes the output: what its features leave out is
        // never written, so never formatted nor parsed.
        .only_enabled_features(true)
        // This crate depends on the runtime directly.
        .runtime_crate("::kubegen_runtime")
        .generate();
    if let Err(e) = generated {
        // The error names the file, line and field; fail the build with it.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
