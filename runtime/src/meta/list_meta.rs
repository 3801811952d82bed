//! `ListMeta`: the `metadata` of a list response.

/// Metadata of a list: the version it was read at and how to continue it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListMeta {
    /// Deprecated; servers stopped setting it in 1.20.
    pub self_link: Option<String>,
    /// The version the list was read at; start a watch from here.
    pub resource_version: Option<String>,
    /// The token for the next page, when the list was limited.
    pub continue_: Option<String>,
    /// An estimate of the items left after this page.
    pub remaining_item_count: Option<i64>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(ListMeta {
    self_link: "selfLink" optional,
    resource_version: "resourceVersion" optional,
    continue_: "continue" optional,
    remaining_item_count: "remainingItemCount" optional,
});

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
