//! `Status`: the server's account of a failed (or finished) request.

/// A `meta/v1` Status, as the API server returns it for errors and some deletes.
/// Kept whole so that callers can read every field the server sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
    /// Always `Status`.
    pub kind: Option<String>,
    /// Always `v1`.
    pub api_version: Option<String>,
    /// List metadata (resourceVersion, continue), rarely set.
    pub metadata: Option<serde_json::Value>,
    /// `Success` or `Failure`.
    pub status: Option<String>,
    /// A human-readable description.
    pub message: Option<String>,
    /// A machine-readable reason, such as `NotFound` or `Conflict`.
    pub reason: Option<String>,
    /// Extended data about the reason.
    pub details: Option<StatusDetails>,
    /// The HTTP status code the server meant.
    pub code: Option<u16>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

/// Details of a Status: which object, and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusDetails {
    /// The name of the object concerned.
    pub name: Option<String>,
    /// Its API group.
    pub group: Option<String>,
    /// Its kind (or resource).
    pub kind: Option<String>,
    /// Its UID, for deletes.
    pub uid: Option<String>,
    /// Field-level causes of the failure.
    pub causes: Vec<StatusCause>,
    /// Seconds the client should wait before retrying.
    pub retry_after_seconds: Option<i32>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

/// One cause of a failure, usually a field that failed validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusCause {
    /// A machine-readable cause, such as `FieldValueInvalid`.
    pub reason: Option<String>,
    /// A human-readable description.
    pub message: Option<String>,
    /// The field concerned, such as `spec.replicas`.
    pub field: Option<String>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(Status {
    kind: "kind" optional,
    api_version: "apiVersion" optional,
    metadata: "metadata" optional,
    status: "status" optional,
    message: "message" optional,
    reason: "reason" optional,
    details: "details" optional,
    code: "code" optional,
});

lossless_codec!(StatusDetails {
    name: "name" optional,
    group: "group" optional,
    kind: "kind" optional,
    uid: "uid" optional,
    causes: "causes" nonempty_list,
    retry_after_seconds: "retryAfterSeconds" optional,
});

lossless_codec!(StatusCause {
    reason: "reason" optional,
    message: "message" optional,
    field: "field" optional,
});
