//! Which collection, object and subresource a request path names, the way
//! the API server reads it: `/api/v1/...` for core, `/apis/{group}/{version}/...`
//! otherwise, `namespaces/{ns}/` in front of namespaced resources.

/// What a path addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Route {
    /// `""` for core.
    pub group: String,
    pub version: String,
    /// The resource, such as `deployments`.
    pub plural: String,
    /// `Some` for namespaced paths; `None` for cluster-scoped resources and
    /// for lists across all namespaces.
    pub namespace: Option<String>,
    pub name: Option<String>,
    /// `status`, `scale` ...
    pub subresource: Option<String>,
}

impl Route {
    /// Reads `path`; `None` when it names no resource (`/api`, `/version` ...).
    pub fn parse(path: &str) -> Option<Route> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let (group, version, rest) = match segments.as_slice() {
            ["api", version, rest @ ..] => ("", *version, rest),
            ["apis", group, version, rest @ ..] => (*group, *version, rest),
            _ => return None,
        };
        let owned = |s: &&str| s.to_string();
        let (namespace, rest) = match rest {
            // A Namespace's own subresources: namespaces/{name}/status.
            ["namespaces", _, "status" | "finalize"] => (None, rest),
            ["namespaces", namespace, rest @ ..] if !rest.is_empty() => {
                (Some(namespace.to_string()), rest)
            }
            _ => (None, rest),
        };
        let (plural, name, subresource) = match rest {
            [plural] => (plural, None, None),
            [plural, name] => (plural, Some(name), None),
            [plural, name, sub] => (plural, Some(name), Some(sub)),
            _ => return None,
        };
        Some(Route {
            group: group.to_owned(),
            version: version.to_owned(),
            plural: plural.to_string(),
            namespace,
            name: name.map(owned),
            subresource: subresource.map(owned),
        })
    }

    /// `v1` or `group/version`: the objects' `apiVersion`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The key of the collection in the store: `group/version/plural`.
    pub fn collection(&self) -> String {
        format!("{}/{}/{}", self.group, self.version, self.plural)
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    fn route(path: &str) -> (String, Option<String>, Option<String>, Option<String>) {
        let r = Route::parse(path).expect(path);
        (r.collection(), r.namespace, r.name, r.subresource)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn reads_paths_as_the_server_does() {
        assert_eq!(route("/api/v1/pods"), ("/v1/pods".into(), None, None, None));
        assert_eq!(
            route("/api/v1/namespaces/ns/pods/web/status"),
            ("/v1/pods".into(), some("ns"), some("web"), some("status"))
        );
        assert_eq!(
            route("/apis/apps/v1/namespaces/ns/deployments"),
            ("apps/v1/deployments".into(), some("ns"), None, None)
        );
        assert_eq!(
            route("/api/v1/namespaces"),
            ("/v1/namespaces".into(), None, None, None)
        );
        assert_eq!(
            route("/api/v1/namespaces/ns"),
            ("/v1/namespaces".into(), None, some("ns"), None)
        );
        assert_eq!(
            route("/api/v1/namespaces/ns/status"),
            ("/v1/namespaces".into(), None, some("ns"), some("status"))
        );
        assert_eq!(
            route("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin"),
            (
                "rbac.authorization.k8s.io/v1/clusterroles".into(),
                None,
                some("admin"),
                None
            )
        );
        assert_eq!(
            Route::parse("/api/v1/namespaces/ns/pods/web")
                .unwrap()
                .api_version(),
            "v1"
        );
        for not_a_resource in [
            "/api",
            "/apis",
            "/version",
            "/apis/apps/v1",
            "/api/v1/a/b/c/d",
        ] {
            assert_eq!(Route::parse(not_a_resource), None, "{not_a_resource}");
        }
    }
}
