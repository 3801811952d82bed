//! `CreateOptions` and `UpdateOptions`: parameters of create and replace.

use super::push_write_pairs;

/// Options for `POST` (create).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateOptions {
    /// Validate and admit, but do not persist (`dryRun=All`).
    pub dry_run: bool,
    /// The manager name recorded in `managedFields`.
    pub field_manager: Option<String>,
}

/// Options for `PUT` (replace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UpdateOptions {
    /// Validate and admit, but do not persist (`dryRun=All`).
    pub dry_run: bool,
    /// The manager name recorded in `managedFields`.
    pub field_manager: Option<String>,
}

macro_rules! write_options {
    ($ty:ident) => {
        impl $ty {
            /// Turns dry-run on or off.
            pub fn dry_run(mut self, enabled: bool) -> Self {
                self.dry_run = enabled;
                self
            }

            /// Sets the field manager.
            pub fn field_manager(mut self, manager: impl Into<String>) -> Self {
                self.field_manager = Some(manager.into());
                self
            }

            /// The query parameters, in this order, each only if set:
            /// `dryRun=All`, `fieldManager`.
            pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
                let mut pairs = Vec::new();
                push_write_pairs(&mut pairs, self.dry_run, self.field_manager.as_deref());
                pairs
            }
        }
    };
}

write_options!(CreateOptions);
write_options!(UpdateOptions);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_pairs() {
        assert!(CreateOptions::default().query_pairs().is_empty());
        assert_eq!(
            CreateOptions::default()
                .field_manager("kubegen")
                .dry_run(true)
                .query_pairs(),
            [
                ("dryRun", "All".to_owned()),
                ("fieldManager", "kubegen".to_owned())
            ]
        );
    }

    #[test]
    fn update_pairs() {
        assert!(UpdateOptions::default()
            .field_manager("")
            .query_pairs()
            .is_empty());
        assert_eq!(
            UpdateOptions::default().field_manager("me").query_pairs(),
            [("fieldManager", "me".to_owned())]
        );
        assert_eq!(
            UpdateOptions::default().dry_run(true).query_pairs(),
            [("dryRun", "All".to_owned())]
        );
    }
}
