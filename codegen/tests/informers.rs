//! The typed informer chain follows `Options::informers`: an app whose
//! `kubegen` has no `runtime` feature gets none, as its runtime has no `cache`.

mod common;

use kubegen_codegen::generate::{generate_file, Options};

fn generate(informers: bool, feature_per_group: bool) -> String {
    let opts = Options {
        informers,
        feature_per_group,
        ..Default::default()
    };
    let inputs = [common::tests_dir("cases/crd")];
    generate_file(&inputs, &opts).expect("generate").1
}

#[test]
fn informers_off_leaves_out_every_informer() {
    let code = generate(false, false);
    assert!(code.contains("pub struct Clientset"), "{code}");
    assert!(!code.contains("Informer"), "{code}");
    assert!(!code.contains("cache::"), "{code}");
}

#[test]
fn informers_on_by_default() {
    assert!(Options::default().informers);
    let code = generate(true, false);
    assert!(code.contains("pub struct InformerFactory"));
    assert!(!code.contains("feature = \"runtime\""));
}

#[test]
fn a_feature_per_group_puts_informers_behind_the_runtime_feature() {
    // `informers` is ignored there: the crate's `runtime` feature decides.
    let code = generate(false, true);
    let lines: Vec<&str> = code.lines().collect();
    let mut structs = 0;
    for (i, line) in lines.iter().enumerate() {
        let informer = line.trim_start().starts_with("pub struct ") && line.contains("Informer");
        if !informer {
            continue;
        }
        structs += 1;
        let mut attrs = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("#["));
        assert!(
            attrs.any(|l| l.contains("feature = \"runtime\"")),
            "{line} is not behind the runtime feature"
        );
    }
    // The root factory, the group's and the version's.
    assert_eq!(structs, 3, "{code}");
}
