//! Built-in kinds know their resource, carry their type meta and build with `new`.

use kubegen_fixtures::builtin::single::apps::v1::{Deployment, DeploymentSpec};
use kubegen_runtime::resource::Resource;

#[test]
fn builtin_kind_knows_its_resource() {
    assert_eq!(<Deployment as Resource>::PLURAL, "deployments");
    assert_eq!(<Deployment as Resource>::GROUP, "apps");
}

#[test]
fn defaults_carry_type_meta() {
    assert_eq!(Deployment::default().kind, "Deployment");
}

#[test]
fn constructors_fill_type_meta_name_and_spec() {
    let d = Deployment::new("web", DeploymentSpec::default());
    assert_eq!((d.kind.as_str(), d.spec.is_some()), ("Deployment", true));
}
