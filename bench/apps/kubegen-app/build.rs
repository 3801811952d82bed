//! Generates the client of the app's own kinds (`api/`) into OUT_DIR.

fn main() {
    kubegen_codegen::Builder::new()
        .input("api")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
