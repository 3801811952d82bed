//! `LabelSelector`: the structured selector objects embed (`spec.selector`),
//! and its conversion to and from the text syntax.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;

use super::selector::{Operator, Requirement, Selector, SelectorError, SelectorProblem};
use super::set::Labels;
use crate::meta::Map;

/// A structured label selector (`meta/v1` LabelSelector). The two parts are
/// ANDed; an empty selector matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {
    /// Labels that must be present with exactly these values.
    pub match_labels: Map<CompactString, CompactString>,
    /// Further requirements.
    pub match_expressions: Vec<LabelSelectorRequirement>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: crate::meta::UnknownFields,
}

/// One `matchExpressions` entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelectorRequirement {
    /// The label key.
    pub key: CompactString,
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`. A string rather than an
    /// enum so that objects with any operator still deserialize.
    pub operator: CompactString,
    /// The values for `In`/`NotIn`; empty for `Exists`/`DoesNotExist`.
    pub values: Vec<CompactString>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: crate::meta::UnknownFields,
}

impl LabelSelector {
    /// The equivalent [`Selector`], validated as Go's
    /// `LabelSelectorAsSelector`: an unknown operator, a bad key or value,
    /// or a wrong number of values is an error.
    pub fn to_selector(&self) -> Result<Selector, SelectorError> {
        let mut requirements = Vec::new();
        for (key, value) in &self.match_labels {
            requirements.push(Requirement::new(
                key.as_str(),
                Operator::Equals,
                [value.as_str()],
            )?);
        }
        for expr in &self.match_expressions {
            let operator = match expr.operator.as_str() {
                "In" => Operator::In,
                "NotIn" => Operator::NotIn,
                "Exists" => Operator::Exists,
                "DoesNotExist" => Operator::DoesNotExist,
                other => {
                    return Err(SelectorError::new(
                        None,
                        SelectorProblem::UnknownOperator {
                            operator: other.to_owned(),
                        },
                    ))
                }
            };
            requirements.push(Requirement::new(
                expr.key.as_str(),
                operator,
                expr.values.iter().map(CompactString::as_str),
            )?);
        }
        Ok(Selector::new(requirements))
    }

    /// Whether the labels satisfy this selector. An invalid selector matches
    /// nothing, which is how controllers treat one they cannot convert.
    pub fn matches(&self, labels: &(impl Labels + ?Sized)) -> bool {
        self.to_selector().is_ok_and(|s| s.matches(labels))
    }
}

/// Prints the text form, or `<invalid: ...>` if the selector is invalid;
/// use [`LabelSelector::to_selector`] to handle that case.
impl fmt::Display for LabelSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_selector() {
            Ok(s) => write!(f, "{s}"),
            Err(e) => write!(f, "<invalid: {e}>"),
        }
    }
}

impl TryFrom<&LabelSelector> for Selector {
    type Error = SelectorError;

    fn try_from(ls: &LabelSelector) -> Result<Self, Self::Error> {
        ls.to_selector()
    }
}

impl TryFrom<&Selector> for LabelSelector {
    type Error = SelectorError;

    /// Equality clauses become `matchLabels` (a second one on the same key
    /// becomes `In`, keeping its meaning), `!=` becomes `NotIn` (Go refuses
    /// it, but the meaning is identical), and `>`/`<`, which LabelSelector
    /// cannot express, are an error.
    fn try_from(selector: &Selector) -> Result<Self, Self::Error> {
        let mut out = LabelSelector::default();
        for r in selector.requirements() {
            let values: Vec<CompactString> = r.values().iter().map(|v| v.as_str().into()).collect();
            let operator = match r.operator() {
                Operator::Equals | Operator::DoubleEquals
                    if !out.match_labels.contains_key(r.key()) =>
                {
                    out.match_labels.insert(r.key().into(), values[0].clone());
                    continue;
                }
                Operator::Equals | Operator::DoubleEquals | Operator::In => "In",
                Operator::NotEquals | Operator::NotIn => "NotIn",
                Operator::Exists => "Exists",
                Operator::DoesNotExist => "DoesNotExist",
                op @ (Operator::GreaterThan | Operator::LessThan) => {
                    return Err(SelectorError::new(
                        None,
                        SelectorProblem::NotExpressible { operator: op },
                    ))
                }
            };
            out.match_expressions.push(LabelSelectorRequirement {
                key: r.key().into(),
                operator: operator.into(),
                values,
                ..Default::default()
            });
        }
        Ok(out)
    }
}

/// Parses the text form into the structured form.
impl FromStr for LabelSelector {
    type Err = SelectorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LabelSelector::try_from(&Selector::parse(s)?)
    }
}

lossless_codec!(LabelSelector {
    match_labels: "matchLabels" nonempty,
    match_expressions: "matchExpressions" nonempty_list,
});

lossless_codec!(LabelSelectorRequirement {
    key: "key" required,
    operator: "operator" required,
    values: "values" nonempty_list,
});
