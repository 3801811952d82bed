//! Generates the client of the app's own kinds (`api/`) into OUT_DIR.

fn main() {
    kubegen_codegen::Builder::new()
        .input("api")
        // kubegen's default features (the `runtime` one among them) are off.
        .informers(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
