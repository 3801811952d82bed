//! Bad `#[kubegen(...)]` attributes are compile errors that point at the
//! attribute (or the part of it that is wrong); `tests/ui/*.stderr` hold the
//! expected messages.

#[test]
fn bad_attributes_fail_to_compile_at_the_attribute() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
