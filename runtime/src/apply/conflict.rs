//! The conflicts of a refused server-side apply, read from its 409 Status.

use crate::error::ApiError;

/// One field another manager owns, from a refused apply: the cause
/// `FieldManagerConflict`, message `conflict with "mgr" using apps/v1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldConflict {
    /// The manager owning the field, when the message has the usual shape.
    pub manager: Option<String>,
    /// The field's path, such as `.spec.replicas`.
    pub field: Option<String>,
    /// The cause's message as the server wrote it.
    pub message: String,
}

impl ApiError {
    /// The field-manager conflicts of a refused server-side apply (a 409
    /// with `FieldManagerConflict` causes); empty for any other error.
    pub fn conflicts(&self) -> Vec<FieldConflict> {
        if self.code != 409 && self.status.code != Some(409) {
            return Vec::new();
        }
        let Some(details) = &self.status.details else {
            return Vec::new();
        };
        details
            .causes
            .iter()
            .filter(|c| c.reason.as_deref() == Some("FieldManagerConflict"))
            .map(|c| {
                let message = c.message.clone().unwrap_or_default();
                FieldConflict {
                    manager: manager_of(&message),
                    field: c.field.clone(),
                    message,
                }
            })
            .collect()
    }
}

/// The quoted manager of `conflict with "mgr" ...` (Go's `%q`, whose escapes
/// of printable text are JSON's), or `None` for another shape.
fn manager_of(message: &str) -> Option<String> {
    let rest = message.split_once("conflict with \"")?.1;
    let mut escaped = false;
    let end = rest.char_indices().find_map(|(i, c)| match c {
        _ if escaped => {
            escaped = false;
            None
        }
        '\\' => {
            escaped = true;
            None
        }
        '"' => Some(i),
        _ => None,
    })?;
    serde_json::from_str(&format!("\"{}\"", &rest[..end])).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{Status, StatusCause, StatusDetails};

    fn refused(code: u16, causes: &[(&str, &str, &str)]) -> ApiError {
        ApiError {
            code,
            status: Status {
                reason: Some("Conflict".into()),
                code: Some(code),
                details: Some(StatusDetails {
                    causes: causes
                        .iter()
                        .map(|(reason, message, field)| StatusCause {
                            reason: Some(reason.to_string()),
                            message: Some(message.to_string()),
                            field: Some(field.to_string()),
                            ..Default::default()
                        })
                        .collect(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            method: "PATCH".into(),
            url: "https://k/apis/apps/v1/namespaces/d/deployments/web".into(),
        }
    }

    #[test]
    fn conflicts_name_the_manager_and_field() {
        let e = refused(
            409,
            &[
                (
                    "FieldManagerConflict",
                    "conflict with \"scaler\" using apps/v1",
                    ".spec.replicas",
                ),
                (
                    "FieldManagerConflict",
                    "conflict with \"a \\\"quoted\\\" one\" using apps/v1 at 2021-01-01T00:00:00Z",
                    ".spec.paused",
                ),
                ("FieldValueInvalid", "nope", ".spec.x"),
            ],
        );
        let conflicts = e.conflicts();
        assert_eq!(conflicts.len(), 2);
        assert_eq!(conflicts[0].manager.as_deref(), Some("scaler"));
        assert_eq!(conflicts[0].field.as_deref(), Some(".spec.replicas"));
        assert_eq!(conflicts[1].manager.as_deref(), Some("a \"quoted\" one"));
    }

    #[test]
    fn another_message_shape_keeps_the_raw_message() {
        let e = refused(
            409,
            &[(
                "FieldManagerConflict",
                "owned by someone else",
                ".spec.replicas",
            )],
        );
        let conflicts = e.conflicts();
        assert_eq!(conflicts[0].manager, None);
        assert_eq!(conflicts[0].message, "owned by someone else");
        assert_eq!(conflicts[0].field.as_deref(), Some(".spec.replicas"));
        let unterminated = refused(
            409,
            &[("FieldManagerConflict", "conflict with \"scal", ".a")],
        );
        assert_eq!(unterminated.conflicts()[0].manager, None);
    }

    #[test]
    fn other_errors_have_no_conflicts() {
        let not_found = refused(
            404,
            &[("FieldManagerConflict", "conflict with \"x\"", ".a")],
        );
        assert!(not_found.conflicts().is_empty());
        let stale = ApiError {
            status: Status::default(),
            ..refused(409, &[])
        };
        assert!(stale.conflicts().is_empty());
    }
}
