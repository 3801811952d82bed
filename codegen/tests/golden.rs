//! Golden tests: the code generated for each case under `tests/cases/` is
//! compared with `tests/golden/<case>.rs`. `KUBEGEN_BLESS=1` rewrites them.

mod common;

#[test]
fn golden_outputs_match() {
    let bless = std::env::var_os("KUBEGEN_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, inputs, features) in common::cases() {
        let code = common::generate(&inputs, features);
        let path = common::tests_dir(&format!("golden/{name}.rs"));
        if bless {
            std::fs::write(&path, &code).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != code {
            let line = expected
                .lines()
                .zip(code.lines())
                .position(|(a, b)| a != b)
                .map_or(
                    expected.lines().count().min(code.lines().count()) + 1,
                    |i| i + 1,
                );
            stale.push(format!("{name} (first difference at line {line})"));
        }
    }
    assert!(
        stale.is_empty(),
        "generated code differs from tests/golden for: {}\nrerun with KUBEGEN_BLESS=1 to accept",
        stale.join(", ")
    );
}
