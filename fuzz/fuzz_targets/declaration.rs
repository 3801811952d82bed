//! A declaration or CRD manifest from arbitrary bytes: generation never
//! panics, and an input error names the file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use kubegen_codegen::generate::{generate_file, Options};
use kubegen_codegen::Error;
use libfuzzer_sys::fuzz_target;

fn folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("kubegen-fuzz-declaration-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("folder");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let file = folder().join("input.yaml");
    std::fs::write(&file, data).expect("input file");
    match generate_file(std::slice::from_ref(&file), &Options::default()) {
        Ok(_) => {}
        Err(Error::Input { location, .. }) => assert_eq!(location.file, file),
        Err(Error::Io { path, .. }) => assert!(path.starts_with(folder()), "{path:?}"),
        Err(e @ Error::Emit(_)) => panic!("generator bug on a valid input: {e}"),
        // These come from options and other inputs, never from a declaration.
        Err(
            e @ (Error::RuntimePath { .. }
            | Error::NoOutDir
            | Error::NotOpenApi { .. }
            | Error::CrdYaml(_)),
        ) => panic!("not an input error: {e}"),
    }
});
