//! `DeleteOptions`: sent as a JSON body, not as query parameters.
//!
//! client-go sends DeleteOptions as the request body of `DELETE`, and only
//! the body form carries `preconditions`, so that is the one form offered.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::meta::Preconditions;

/// What happens to an object's dependents when it is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PropagationPolicy {
    /// Leave dependents, removing their owner references.
    Orphan,
    /// Delete the object now; the garbage collector deletes dependents later.
    Background,
    /// Keep the object (with a deletion timestamp) until dependents that
    /// block owner deletion are gone.
    Foreground,
}

/// Options for `DELETE` and delete-collection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeleteOptions {
    /// Validate and admit, but do not delete (`"dryRun": ["All"]`).
    pub dry_run: bool,
    /// Seconds before the object is forcibly removed; `0` deletes at once.
    pub grace_period_seconds: Option<i64>,
    /// How dependents are handled; unset uses the kind's default.
    pub propagation_policy: Option<PropagationPolicy>,
    /// Delete only if the object still has this UID / resource version.
    pub preconditions: Option<Preconditions>,
}

impl DeleteOptions {
    /// Turns dry-run on or off.
    pub fn dry_run(mut self, enabled: bool) -> Self {
        self.dry_run = enabled;
        self
    }

    /// Sets the grace period.
    pub fn grace_period(mut self, seconds: i64) -> Self {
        self.grace_period_seconds = Some(seconds);
        self
    }

    /// Sets the propagation policy.
    pub fn propagation(mut self, policy: PropagationPolicy) -> Self {
        self.propagation_policy = Some(policy);
        self
    }

    /// Sets the preconditions.
    pub fn preconditions(mut self, preconditions: Preconditions) -> Self {
        self.preconditions = Some(preconditions);
        self
    }

    /// The request body, as `{"kind":"DeleteOptions","apiVersion":"v1",...}`
    /// with only the options that are set.
    pub fn to_body(&self) -> Value {
        serde_json::to_value(self).expect("DeleteOptions serializes to JSON infallibly")
    }
}

/// The wire form of [`DeleteOptions`].
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    kind: &'static str,
    api_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    propagation_policy: Option<PropagationPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preconditions: Option<&'a Preconditions>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dry_run: &'static [&'static str],
}

/// Serializes the body form, type fields included.
impl Serialize for DeleteOptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Body {
            kind: "DeleteOptions",
            api_version: "v1",
            grace_period_seconds: self.grace_period_seconds,
            propagation_policy: self.propagation_policy,
            preconditions: self.preconditions.as_ref(),
            dry_run: if self.dry_run { &["All"] } else { &[] },
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_body_has_only_type_fields() {
        assert_eq!(
            DeleteOptions::default().to_body(),
            json!({"kind": "DeleteOptions", "apiVersion": "v1"})
        );
    }

    #[test]
    fn full_body() {
        let opts = DeleteOptions::default()
            .grace_period(0)
            .propagation(PropagationPolicy::Foreground)
            .preconditions(Preconditions {
                uid: Some("u-1".into()),
                resource_version: Some("42".into()),
            })
            .dry_run(true);
        assert_eq!(
            opts.to_body(),
            json!({
                "kind": "DeleteOptions",
                "apiVersion": "v1",
                "gracePeriodSeconds": 0,
                "propagationPolicy": "Foreground",
                "preconditions": {"uid": "u-1", "resourceVersion": "42"},
                "dryRun": ["All"]
            })
        );
        assert_eq!(
            serde_json::to_string(&opts).unwrap(),
            r#"{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"propagationPolicy":"Foreground","preconditions":{"uid":"u-1","resourceVersion":"42"},"dryRun":["All"]}"#
        );
    }

    #[test]
    fn policies_serialize_by_name() {
        for (policy, name) in [
            (PropagationPolicy::Orphan, "Orphan"),
            (PropagationPolicy::Background, "Background"),
            (PropagationPolicy::Foreground, "Foreground"),
        ] {
            assert_eq!(
                DeleteOptions::default().propagation(policy).to_body()["propagationPolicy"],
                name
            );
        }
    }
}
