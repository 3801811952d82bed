//! Generates the clientset of the built-in groups in `groups/` (types from the
//! committed v1.20.2 OpenAPI spec) into OUT_DIR.

fn main() {
    let generated = kubegen_codegen::Builder::new()
        .input("groups")
        .openapi("openapi/swagger-v1.20.2.json")
        .feature_per_group(true)
        // This crate depends on the runtime directly.
        .runtime_crate("::kubegen_runtime")
        .generate();
    if let Err(e) = generated {
        // The error names the file, line and field; fail the build with it.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
