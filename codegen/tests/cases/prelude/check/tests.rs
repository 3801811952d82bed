//! Kinds named after the prelude (`Option`, `Vec`, `Some`, ...) decode into
//! the right fields and name their resource; `Self` becomes `Self_`.

use kubegen_fixtures::prelude::single::prelude_example_com::v1 as p;
use kubegen_runtime::resource::Resource;
use kubegen_runtime::serde_json;

#[test]
fn kinds_named_after_the_prelude_decode_and_name_their_resource() {
    let typed: p::Vec =
        serde_json::from_str(include_str!("prelude_example_com.v1.Vec.sample")).expect("decode");
    let spec = typed.spec.expect("spec");
    assert_eq!(spec.some, Some(p::VecSpecSome::Self_));
    assert_eq!(spec.vec.len(), 2);
    assert_eq!(<p::Option as Resource>::PLURAL, "options");
    assert_eq!(<p::Self_ as Resource>::KIND, "Self");
    assert_eq!(p::Match::new("m", Default::default()).kind, "Match");
}
