//! Generates typed clients for the CRDs in `crds/` (the skew test's Gadget),
//! as an app would.

fn main() {
    if let Err(e) = kubegen_codegen::Builder::new().input("crds").generate() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
