//! Generates typed clients for the operators' CRDs in `crds/`, exactly as an
//! app would: drop a CRD manifest into a folder, rebuild.

fn main() {
    if let Err(e) = kubegen_codegen::Builder::new().input("crds").generate() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
