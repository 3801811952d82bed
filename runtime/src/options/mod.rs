//! Request options for the REST verbs, as plain structs with builders.
//!
//! Each type renders exactly the query parameters the API server reads, via
//! a pure `query_pairs()` (or, for `DeleteOptions`, the JSON body the server
//! expects), so URL building stays testable without a server. Unset options
//! produce no parameter at all, and the order of parameters is fixed and
//! documented on each type, so generated URLs are stable.

mod delete;
mod get;
mod list;
mod log;
mod patch;
mod write;

pub use delete::{DeleteOptions, PropagationPolicy};
pub use get::GetOptions;
pub use list::{ListOptions, ResourceVersionMatch};
pub use log::LogOptions;
pub use patch::{ApplyOptions, Patch, PatchOptions};
pub use write::{CreateOptions, UpdateOptions};

/// The query value for dry-run requests; `All` is the only stage defined.
const DRY_RUN_ALL: &str = "All";

/// Pushes `dryRun=All` and `fieldManager=...` (when set), the parameters
/// every write verb shares, in that order.
fn push_write_pairs(
    pairs: &mut Vec<(&'static str, String)>,
    dry_run: bool,
    field_manager: Option<&str>,
) {
    if dry_run {
        pairs.push(("dryRun", DRY_RUN_ALL.to_owned()));
    }
    if let Some(manager) = field_manager.filter(|m| !m.is_empty()) {
        pairs.push(("fieldManager", manager.to_owned()));
    }
}
