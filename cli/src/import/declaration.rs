//! A discovered resource as a kind of the generator's declaration format
//! (`kubegen_codegen::declaration`); the e2e test proves the output reads back.

use kubegen_codegen::declaration::{DeclaredKind, SchemaSpec, Scope, Subresource, Verbs};
use kubegen_runtime::discovery::ApiResource;

/// The declaration of `resource`, typed by OpenAPI definition `definition`:
/// its names and scope, the subresources with typed methods it serves, and
/// its verbs (`apply` where `patch` is served, `[all]` when every one is;
/// verbs with no typed method, such as `proxy`, are dropped).
pub fn declared_kind(resource: &ApiResource, definition: &str) -> DeclaredKind {
    DeclaredKind {
        kind: resource.kind.clone(),
        plural: Some(resource.plural.clone()),
        singular: Some(resource.singular.clone()),
        short_names: resource.short_names.clone(),
        scope: if resource.namespaced {
            Scope::Namespaced
        } else {
            Scope::Cluster
        },
        subresources: Subresource::ALL
            .into_iter()
            .filter(|s| resource.subresource(s.name()).is_some())
            .collect(),
        verbs: Verbs::served_by(resource.verbs.iter().map(String::as_str)),
        schema: SchemaSpec {
            openapi: Some(definition.to_string()),
            ..SchemaSpec::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use kubegen_codegen::declaration::Verb;

    use super::*;

    fn verbs(served: &[&str]) -> Verbs {
        Verbs::served_by(served.iter().copied())
    }

    #[test]
    fn maps_verbs() {
        let every = [
            "create",
            "delete",
            "deletecollection",
            "get",
            "list",
            "patch",
            "update",
            "watch",
        ];
        assert_eq!(verbs(&every), Verbs::All);
        assert_eq!(verbs(&["create"]), Verbs::Only(vec![Verb::Create]));
        assert_eq!(
            verbs(&["get", "patch", "update"]),
            Verbs::Only(vec![Verb::Get, Verb::Update, Verb::Patch, Verb::Apply])
        );
        assert!(verbs(&["proxy"]).expand().is_empty());
    }

    #[test]
    fn writes_the_declaration_format() {
        let mut r = ApiResource::new("apps", "v1", "Deployment", "deployments", true);
        r.verbs = ["get", "patch"].map(String::from).to_vec();
        let yaml = serde_yaml::to_string(&declared_kind(&r, "io.k8s.api.apps.v1.Deployment"))
            .expect("yaml");
        assert!(yaml.contains("scope: Namespaced\n"), "{yaml}");
        assert!(yaml.contains("verbs:\n- get\n- patch\n- apply\n"), "{yaml}");
        assert!(
            yaml.contains("schema:\n  openapi: io.k8s.api.apps.v1.Deployment\n"),
            "{yaml}"
        );
    }
}
