//! Kubernetes version priority, as the API server sorts versions: GA before
//! beta before alpha, then higher numbers first (`v2` > `v1` > `v11beta2` >
//! `v1beta1` > `v1alpha1`); names of another shape come last, alphabetically.

use std::cmp::Reverse;

/// The highest-priority version: the one a CRD stores.
pub fn newest<'a>(versions: impl Iterator<Item = &'a str>) -> &'a str {
    versions
        .max_by_key(|v| (priority(v), Reverse(*v)))
        .unwrap_or_default()
}

/// (level: GA 3, beta 2, alpha 1, other shapes 0; major; minor).
fn priority(version: &str) -> (u8, u64, u64) {
    let Some(rest) = version.strip_prefix('v') else {
        return (0, 0, 0);
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Ok(major) = rest[..digits].parse::<u64>() else {
        return (0, 0, 0);
    };
    let tail = &rest[digits..];
    if tail.is_empty() {
        return (3, major, 0);
    }
    let (level, minor) = match (tail.strip_prefix("beta"), tail.strip_prefix("alpha")) {
        (Some(n), _) => (2, n),
        (_, Some(n)) => (1, n),
        _ => return (0, 0, 0),
    };
    match minor.parse::<u64>() {
        Ok(minor) => (level, major, minor),
        Err(_) => (0, 0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::newest;

    #[test]
    fn ga_beats_beta_beats_alpha_then_numbers() {
        assert_eq!(newest(["v1alpha1", "v1beta1", "v1"].into_iter()), "v1");
        assert_eq!(newest(["v1", "v2"].into_iter()), "v2");
        assert_eq!(newest(["v11beta2", "v1"].into_iter()), "v1");
        assert_eq!(
            newest(["v1beta1", "v1beta2", "v2alpha1"].into_iter()),
            "v1beta2"
        );
        assert_eq!(newest(["foo", "v1alpha1"].into_iter()), "v1alpha1");
        assert_eq!(newest(["b", "a"].into_iter()), "a");
    }
}
