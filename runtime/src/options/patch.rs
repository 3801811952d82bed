//! Patches: the `Patch` body kinds, `PatchOptions`, and `ApplyOptions` for
//! server-side apply.

use serde_json::Value;

use super::push_write_pairs;

/// A patch body; the variant decides the `Content-Type`, which is how the
/// server knows which patch semantics to apply.
#[derive(Clone, Debug, PartialEq)]
pub enum Patch {
    /// An RFC 6902 JSON Patch: an array of operations.
    Json(Value),
    /// An RFC 7386 JSON merge patch: `null` deletes, objects merge, lists
    /// are replaced whole.
    Merge(Value),
    /// A Kubernetes strategic merge patch: lists merge by key as the
    /// built-in types declare (not supported for custom resources).
    Strategic(Value),
    /// A server-side apply configuration: the fields this manager owns.
    /// Needs a field manager (see [`ApplyOptions`]).
    Apply(Value),
}

impl Patch {
    /// The `Content-Type` header for this patch.
    pub fn content_type(&self) -> &'static str {
        match self {
            Patch::Json(_) => "application/json-patch+json",
            Patch::Merge(_) => "application/merge-patch+json",
            Patch::Strategic(_) => "application/strategic-merge-patch+json",
            Patch::Apply(_) => "application/apply-patch+yaml",
        }
    }

    /// The request body: compact JSON. Apply declares YAML, and JSON is
    /// YAML, so the one encoding serves every kind.
    pub fn body_bytes(&self) -> Vec<u8> {
        let (Patch::Json(v) | Patch::Merge(v) | Patch::Strategic(v) | Patch::Apply(v)) = self;
        v.to_string().into_bytes()
    }
}

/// Options for `PATCH`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PatchOptions {
    /// Validate and admit, but do not persist (`dryRun=All`).
    pub dry_run: bool,
    /// The manager name recorded in `managedFields`; required for apply.
    pub field_manager: Option<String>,
    /// For apply only: take ownership of fields other managers own instead
    /// of failing with a conflict.
    pub force: Option<bool>,
}

impl PatchOptions {
    /// Turns dry-run on or off.
    pub fn dry_run(mut self, enabled: bool) -> Self {
        self.dry_run = enabled;
        self
    }

    /// Sets the field manager.
    pub fn field_manager(mut self, manager: impl Into<String>) -> Self {
        self.field_manager = Some(manager.into());
        self
    }

    /// Sets or clears `force` (apply only).
    pub fn force(mut self, force: bool) -> Self {
        self.force = Some(force);
        self
    }

    /// The query parameters, in this order, each only if set: `dryRun=All`,
    /// `fieldManager`, `force`.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        push_write_pairs(&mut pairs, self.dry_run, self.field_manager.as_deref());
        if let Some(force) = self.force {
            pairs.push(("force", force.to_string()));
        }
        pairs
    }
}

/// Options for server-side apply: a `PATCH` with [`Patch::Apply`].
///
/// There is no `Default`: the server requires a field manager for apply,
/// so [`ApplyOptions::new`] takes one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApplyOptions {
    /// The manager that owns the applied fields.
    pub field_manager: String,
    /// Take ownership of conflicting fields instead of failing.
    pub force: bool,
    /// Validate and admit, but do not persist (`dryRun=All`).
    pub dry_run: bool,
}

impl ApplyOptions {
    /// Options for applying as `field_manager`.
    pub fn new(field_manager: impl Into<String>) -> Self {
        ApplyOptions {
            field_manager: field_manager.into(),
            force: false,
            dry_run: false,
        }
    }

    /// Takes ownership of conflicting fields (what controllers usually want).
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Turns dry-run on or off.
    pub fn dry_run(mut self, enabled: bool) -> Self {
        self.dry_run = enabled;
        self
    }

    /// The query parameters, in this order: `dryRun=All` if set,
    /// `fieldManager`, `force=true` if set.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        PatchOptions::from(self.clone()).query_pairs()
    }
}

impl From<ApplyOptions> for PatchOptions {
    fn from(apply: ApplyOptions) -> Self {
        PatchOptions {
            dry_run: apply.dry_run,
            field_manager: Some(apply.field_manager),
            force: apply.force.then_some(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        list.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn content_types() {
        let v = json!({});
        assert_eq!(
            Patch::Json(json!([])).content_type(),
            "application/json-patch+json"
        );
        assert_eq!(
            Patch::Merge(v.clone()).content_type(),
            "application/merge-patch+json"
        );
        assert_eq!(
            Patch::Strategic(v.clone()).content_type(),
            "application/strategic-merge-patch+json"
        );
        assert_eq!(
            Patch::Apply(v).content_type(),
            "application/apply-patch+yaml"
        );
    }

    #[test]
    fn bodies_are_compact_json() {
        let ops = json!([{"op": "replace", "path": "/spec/replicas", "value": 3}]);
        assert_eq!(
            Patch::Json(ops).body_bytes(),
            br#"[{"op":"replace","path":"/spec/replicas","value":3}]"#.to_vec()
        );
        let merge = json!({"metadata": {"labels": {"app": null}}});
        assert_eq!(
            Patch::Merge(merge).body_bytes(),
            br#"{"metadata":{"labels":{"app":null}}}"#.to_vec()
        );
    }

    #[test]
    fn patch_pairs() {
        assert!(PatchOptions::default().query_pairs().is_empty());
        assert_eq!(
            PatchOptions::default()
                .force(false)
                .field_manager("m")
                .dry_run(true)
                .query_pairs(),
            pairs(&[("dryRun", "All"), ("fieldManager", "m"), ("force", "false")])
        );
    }

    #[test]
    fn apply_pairs() {
        assert_eq!(
            ApplyOptions::new("ctl").query_pairs(),
            pairs(&[("fieldManager", "ctl")])
        );
        assert_eq!(
            ApplyOptions::new("ctl")
                .force(true)
                .dry_run(true)
                .query_pairs(),
            pairs(&[
                ("dryRun", "All"),
                ("fieldManager", "ctl"),
                ("force", "true")
            ])
        );
        let as_patch = PatchOptions::from(ApplyOptions::new("ctl").force(true));
        assert_eq!(as_patch.field_manager.as_deref(), Some("ctl"));
        assert_eq!(as_patch.force, Some(true));
    }
}
