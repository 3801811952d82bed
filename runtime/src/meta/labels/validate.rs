//! Label key and value validation, as `k8s.io/apimachinery/pkg/util/validation`.
//!
//! The server rejects a selector with an invalid key or value, so catching
//! it while parsing gives the error where the text was written.

use super::selector::SelectorProblem;

/// Why `key` is not a valid label key (a qualified name: an optional DNS
/// subdomain prefix and `/`, then a name of at most 63 characters).
pub(super) fn key_error(key: &str) -> Option<SelectorProblem> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    let rule = match prefix {
        Some("") => "prefix part must be non-empty",
        Some(prefix) if !is_dns_subdomain(prefix) => {
            "prefix part must be a lowercase DNS subdomain of at most 253 characters"
        }
        _ if name.is_empty() => "name part must be non-empty",
        _ if !is_name(name) => "name part must be at most 63 characters of [A-Za-z0-9-_.], beginning and ending with an alphanumeric character",
        _ => return None,
    };
    Some(SelectorProblem::InvalidKey {
        key: key.to_owned(),
        rule,
    })
}

/// Why `value` is not a valid label value (empty, or a name as above).
pub(super) fn value_error(value: &str) -> Option<SelectorProblem> {
    if value.is_empty() || is_name(value) {
        None
    } else {
        Some(SelectorProblem::InvalidValue {
            value: value.to_owned(),
        })
    }
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, at most 63 characters.
fn is_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// Dot-separated lowercase DNS labels, at most 253 characters in all.
fn is_dns_subdomain(s: &str) -> bool {
    s.len() <= 253
        && s.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase() || *c == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_qualified_names() {
        for key in [
            "app",
            "app.kubernetes.io/name",
            "a-b_c.d",
            "A1",
            "example.com/X",
        ] {
            assert_eq!(key_error(key), None, "{key}");
        }
    }

    #[test]
    fn rejects_bad_keys() {
        let long = "a".repeat(64);
        for key in [
            "",
            "-a",
            "a-",
            "/a",
            "a/",
            "a/b/c",
            "Example.com/a",
            "a b",
            long.as_str(),
        ] {
            assert!(key_error(key).is_some(), "{key:?}");
        }
    }

    #[test]
    fn values_may_be_empty() {
        assert_eq!(value_error(""), None);
        assert_eq!(value_error("v1.2"), None);
        assert!(value_error("a/b").is_some());
        assert!(value_error("-a").is_some());
    }
}
