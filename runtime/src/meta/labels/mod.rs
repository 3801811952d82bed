//! Label selectors: the structured `LabelSelector` objects embed, the text
//! syntax list and watch requests take (`app=web,tier in (a,b),!canary`),
//! conversion between the two, and matching against an object's labels.
//!
//! Field selectors have no such type: the server supports only a few
//! equality tests per kind, so they are passed as plain strings.

mod label_selector;
mod parse;
#[cfg(test)]
mod props;
mod selector;
mod set;
#[cfg(test)]
mod tests;
mod validate;

pub use label_selector::{LabelSelector, LabelSelectorRequirement};
pub use selector::{Operator, Requirement, Selector, SelectorError, SelectorProblem};
pub use set::Labels;
