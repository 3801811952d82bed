//! Label and field selectors over stored JSON objects. Labels go through the
//! runtime's own selector; fields compare any dotted path as text (the real
//! server allows only some fields per kind).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::meta::{Selector, SelectorError};

/// Why a list or watch's selectors cannot be used; its text is the message
/// of the fake server's 400 answer.
#[derive(Debug, PartialEq, thiserror::Error)]
pub(crate) enum FilterError {
    /// The label selector does not parse.
    #[error(transparent)]
    Labels(#[from] SelectorError),
    /// A field selector term has no `=`, `==` or `!=`.
    #[error("invalid field selector: {term:?}")]
    FieldTerm {
        /// The term.
        term: String,
    },
}

/// What a list or watch asked for.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    labels: Selector,
    fields: Vec<(String, bool, String)>,
}

impl Filter {
    /// Parses `labelSelector` and `fieldSelector`.
    pub fn parse(labels: Option<&str>, fields: Option<&str>) -> Result<Filter, FilterError> {
        let labels = Selector::parse(labels.unwrap_or(""))?;
        let mut parsed = Vec::new();
        for term in fields
            .unwrap_or("")
            .split(',')
            .filter(|t| !t.trim().is_empty())
        {
            let (path, equal, value) = if let Some((p, v)) = term.split_once("!=") {
                (p, false, v)
            } else if let Some((p, v)) = term.split_once("==") {
                (p, true, v)
            } else if let Some((p, v)) = term.split_once('=') {
                (p, true, v)
            } else {
                return Err(FilterError::FieldTerm {
                    term: term.to_owned(),
                });
            };
            parsed.push((path.trim().to_owned(), equal, value.trim().to_owned()));
        }
        Ok(Filter {
            labels,
            fields: parsed,
        })
    }

    /// Whether `object` is selected.
    pub fn matches(&self, object: &Value) -> bool {
        let labels: BTreeMap<&str, &str> = object["metadata"]["labels"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
            .collect();
        self.labels.matches(&labels)
            && self
                .fields
                .iter()
                .all(|(path, equal, wanted)| (&field(object, path) == wanted) == *equal)
    }
}

/// The text of the field at dotted `path` (`""` when absent).
fn field(object: &Value, path: &str) -> String {
    let found = path.split('.').try_fold(object, |v, part| v.get(part));
    match found {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Filter, FilterError};

    #[test]
    fn selects_by_labels_and_fields() {
        let pod = json!({"metadata": {"name": "web", "namespace": "shop",
            "labels": {"app": "web", "tier": "front"}}, "spec": {"nodeName": "n1"}});
        let selects = |labels: Option<&str>, fields: Option<&str>| {
            Filter::parse(labels, fields).unwrap().matches(&pod)
        };
        assert!(selects(None, None));
        assert!(selects(Some("app=web,tier in (front,back)"), None));
        assert!(!selects(Some("app!=web"), None));
        assert!(selects(None, Some("metadata.name=web,spec.nodeName==n1")));
        assert!(!selects(None, Some("metadata.namespace!=shop")));
        assert!(selects(None, Some("status.phase!=Running")));
        let err = Filter::parse(None, Some("metadata.name")).unwrap_err();
        assert_eq!(
            err,
            FilterError::FieldTerm {
                term: "metadata.name".into()
            }
        );
        assert_eq!(err.to_string(), "invalid field selector: \"metadata.name\"");
        let err = Filter::parse(Some("app in"), None).unwrap_err();
        assert!(
            matches!(&err, FilterError::Labels(e) if e.position == Some(6)),
            "{err:?}"
        );
        assert!(
            err.to_string().starts_with("invalid label selector"),
            "{err}"
        );
    }
}
