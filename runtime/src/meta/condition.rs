//! `Condition`: the standard shape of `status.conditions` entries.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::Time;

/// One observation of an aspect of an object's state (`meta/v1` Condition).
///
/// `type`, `status`, `reason` and `message` are required by the schema, so
/// they are plain strings always written; missing ones read as empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// The aspect, in CamelCase, such as `Ready` or `Available`.
    #[serde(rename = "type", default)]
    pub type_: CompactString,
    /// `True`, `False` or `Unknown`.
    #[serde(default)]
    pub status: CompactString,
    /// The `metadata.generation` this condition was computed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// When `status` last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    /// A CamelCase machine-readable reason for the last transition.
    #[serde(default)]
    pub reason: CompactString,
    /// A human-readable account of the transition.
    #[serde(default)]
    pub message: CompactString,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_uses_its_wire_name() {
        let json = r#"{"type":"Ready","status":"True","observedGeneration":2,"lastTransitionTime":"2024-01-02T03:04:05Z","reason":"Done","message":"ok"}"#;
        let c: Condition = serde_json::from_str(json).unwrap();
        assert_eq!(c.type_, "Ready");
        assert_eq!(serde_json::to_string(&c).unwrap(), json);
    }
}
