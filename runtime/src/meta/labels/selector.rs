//! `Selector`: a parsed label selector, and how it matches labels.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use super::set::Labels;
use super::validate::{key_error, value_error};

/// A label selector operator, as in `k8s.io/apimachinery/pkg/selection`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `key=value`
    Equals,
    /// `key==value`, the same as `=`.
    DoubleEquals,
    /// `key!=value`; also true when the label is absent.
    NotEquals,
    /// `key in (a,b)`
    In,
    /// `key notin (a,b)`; also true when the label is absent.
    NotIn,
    /// `key`
    Exists,
    /// `!key`
    DoesNotExist,
    /// `key>5`: the label is an integer greater than the value.
    GreaterThan,
    /// `key<5`: the label is an integer less than the value.
    LessThan,
}

/// Why a selector is invalid; `position` is the byte offset in the text,
/// when there was text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    /// Byte offset of the offending token in the selector text, if parsed.
    pub position: Option<usize>,
    /// What was wrong.
    pub problem: SelectorProblem,
}

impl SelectorError {
    pub(super) fn new(position: Option<usize>, problem: SelectorProblem) -> Self {
        SelectorError { position, problem }
    }
}

impl std::error::Error for SelectorError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.problem)
    }
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(
                f,
                "invalid label selector at position {p}: {}",
                self.problem
            ),
            None => write!(f, "invalid label selector: {}", self.problem),
        }
    }
}

/// What is wrong with a selector (or one of its requirements).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectorProblem {
    /// The text has a token where the grammar wants another.
    #[error("found {}, expected: {expected}", found.as_deref().map_or_else(|| "end of string".to_owned(), |t| format!("'{t}'")))]
    UnexpectedToken {
        /// The token's text; `None` at the end of the text.
        found: Option<String>,
        /// What the grammar wants there, such as `identifier`.
        expected: &'static str,
    },
    /// A key is not a qualified name.
    #[error("invalid label key {key:?}: {rule}")]
    InvalidKey {
        /// The key.
        key: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A value is not empty and not a name.
    #[error("invalid label value {value:?}: must be at most 63 characters of [A-Za-z0-9-_.], beginning and ending with an alphanumeric character")]
    InvalidValue {
        /// The value.
        value: String,
    },
    /// `>` or `<` with a value that is not an integer.
    #[error("operator {operator:?} needs an integer value, not {value:?}")]
    NotAnInteger {
        /// The operator.
        operator: Operator,
        /// The value.
        value: String,
    },
    /// The operator takes another number of values (`In` at least one,
    /// `=` and the comparisons exactly one, `Exists` none).
    #[error("operator {operator:?} on key {key:?} cannot take {count} value(s)")]
    ValueCount {
        /// The operator.
        operator: Operator,
        /// The requirement's key.
        key: String,
        /// How many values it was given.
        count: usize,
    },
    /// A `LabelSelector`'s operator is not `In`, `NotIn`, `Exists` or `DoesNotExist`.
    #[error("{operator:?} is not a valid label selector operator")]
    UnknownOperator {
        /// The operator as written.
        operator: String,
    },
    /// `>` and `<` have no `LabelSelector` form.
    #[error("{operator:?} isn't supported in label selectors")]
    NotExpressible {
        /// The operator.
        operator: Operator,
    },
}

/// One clause of a selector: a key, an operator and its values.
///
/// Values are kept sorted and de-duplicated, as Go's sets are, so printing
/// is deterministic.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: BTreeSet<String>,
}

impl Requirement {
    /// Builds a validated requirement, as Go's `NewRequirement`: the key and
    /// values must be valid label text; `In`/`NotIn` need at least one value,
    /// `=`/`==`/`!=`/`>`/`<` exactly one (an integer for `>`/`<`), and
    /// `Exists`/`DoesNotExist` none.
    pub fn new<I, S>(
        key: impl Into<String>,
        operator: Operator,
        values: I,
    ) -> Result<Self, SelectorError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let key = key.into();
        let values: BTreeSet<String> = values.into_iter().map(Into::into).collect();
        Self::validated(key, operator, values).map_err(|p| SelectorError::new(None, p))
    }

    /// The checks of [`Requirement::new`], with the problem alone as error so
    /// the parser can attach a position.
    pub(super) fn validated(
        key: String,
        operator: Operator,
        values: BTreeSet<String>,
    ) -> Result<Self, SelectorProblem> {
        if let Some(e) = key_error(&key) {
            return Err(e);
        }
        use Operator::*;
        let count_ok = match operator {
            In | NotIn => !values.is_empty(),
            Equals | DoubleEquals | NotEquals | GreaterThan | LessThan => values.len() == 1,
            Exists | DoesNotExist => values.is_empty(),
        };
        if !count_ok {
            return Err(SelectorProblem::ValueCount {
                operator,
                key,
                count: values.len(),
            });
        }
        for v in &values {
            if matches!(operator, GreaterThan | LessThan) {
                if v.parse::<i64>().is_err() {
                    return Err(SelectorProblem::NotAnInteger {
                        operator,
                        value: v.clone(),
                    });
                }
            } else if let Some(e) = value_error(v) {
                return Err(e);
            }
        }
        Ok(Requirement {
            key,
            operator,
            values,
        })
    }

    /// The label key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The values, sorted.
    pub fn values(&self) -> &BTreeSet<String> {
        &self.values
    }

    /// Whether a set of labels satisfies this requirement, as Go's
    /// `Requirement.Matches`.
    pub fn matches(&self, labels: &(impl Labels + ?Sized)) -> bool {
        let label = labels.label(&self.key);
        match self.operator {
            Operator::Equals | Operator::DoubleEquals | Operator::In => {
                label.is_some_and(|v| self.values.contains(v))
            }
            Operator::NotEquals | Operator::NotIn => {
                !label.is_some_and(|v| self.values.contains(v))
            }
            Operator::Exists => label.is_some(),
            Operator::DoesNotExist => label.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(have), Some(want)) = (
                    label.and_then(|v| v.parse::<i64>().ok()),
                    self.values.first().and_then(|v| v.parse::<i64>().ok()),
                ) else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

/// Prints the clause as the selector syntax writes it.
impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let joined = || self.values.iter().cloned().collect::<Vec<_>>().join(",");
        match self.operator {
            Operator::Exists => f.write_str(&self.key),
            Operator::DoesNotExist => write!(f, "!{}", self.key),
            Operator::Equals => write!(f, "{}={}", self.key, joined()),
            Operator::DoubleEquals => write!(f, "{}=={}", self.key, joined()),
            Operator::NotEquals => write!(f, "{}!={}", self.key, joined()),
            Operator::GreaterThan => write!(f, "{}>{}", self.key, joined()),
            Operator::LessThan => write!(f, "{}<{}", self.key, joined()),
            Operator::In => write!(f, "{} in ({})", self.key, joined()),
            Operator::NotIn => write!(f, "{} notin ({})", self.key, joined()),
        }
    }
}

/// A label selector: requirements that must all hold. The empty selector
/// matches everything.
///
/// Requirements are kept sorted by key (stably), as Go's parser and
/// `LabelSelectorAsSelector` sort them, so two spellings of one selector
/// print alike.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selector {
    requirements: Vec<Requirement>,
}

impl Selector {
    /// A selector of these requirements.
    pub fn new(requirements: impl IntoIterator<Item = Requirement>) -> Self {
        let mut requirements: Vec<Requirement> = requirements.into_iter().collect();
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        Selector { requirements }
    }

    /// Parses selector text such as `app=web,tier in (a,b),!canary`.
    pub fn parse(text: &str) -> Result<Self, SelectorError> {
        super::parse::parse(text).map(Selector::new)
    }

    /// The requirements, sorted by key.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// True for the selector that matches everything.
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Whether a set of labels satisfies every requirement.
    pub fn matches(&self, labels: &(impl Labels + ?Sized)) -> bool {
        self.requirements.iter().all(|r| r.matches(labels))
    }
}

impl FromStr for Selector {
    type Err = SelectorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Selector::parse(s)
    }
}

/// Prints the selector in the syntax the API server's `labelSelector`
/// query parameter takes.
impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.requirements.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}
