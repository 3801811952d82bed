//! `ListMeta`: the `metadata` of a list response.

use serde::{Deserialize, Serialize};

/// Metadata of a list: the version it was read at and how to continue it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListMeta {
    /// Deprecated; servers stopped setting it in 1.20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
    /// The version the list was read at; start a watch from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<String>,
    /// The token for the next page, when the list was limited.
    #[serde(rename = "continue", default, skip_serializing_if = "Option::is_none")]
    pub continue_: Option<String>,
    /// An estimate of the items left after this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_item_count: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_uses_its_wire_name() {
        let json = r#"{"resourceVersion":"7","continue":"abc","remainingItemCount":5}"#;
        let meta: ListMeta = serde_json::from_str(json).unwrap();
        assert_eq!(meta.continue_.as_deref(), Some("abc"));
        assert_eq!(serde_json::to_string(&meta).unwrap(), json);
    }
}
