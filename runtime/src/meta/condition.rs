//! `Condition`: the standard shape of `status.conditions` entries.

use compact_str::CompactString;

use super::Time;

/// One observation of an aspect of an object's state (`meta/v1` Condition).
///
/// `type`, `status`, `reason` and `message` are required by the schema, so
/// they are plain strings always written; missing ones read as empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    /// The aspect, in CamelCase, such as `Ready` or `Available`.
    pub type_: CompactString,
    /// `True`, `False` or `Unknown`.
    pub status: CompactString,
    /// The `metadata.generation` this condition was computed from.
    pub observed_generation: Option<i64>,
    /// When `status` last changed.
    pub last_transition_time: Option<Time>,
    /// A CamelCase machine-readable reason for the last transition.
    pub reason: CompactString,
    /// A human-readable account of the transition.
    pub message: CompactString,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(Condition {
    type_: "type" default,
    status: "status" default,
    observed_generation: "observedGeneration" optional,
    last_transition_time: "lastTransitionTime" optional,
    reason: "reason" default,
    message: "message" default,
});

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
