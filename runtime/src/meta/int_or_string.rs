//! `IntOrString`: a field that holds either an integer or a string.
//!
//! Ports (`8080` or `"http"`) and rollout limits (`1` or `"25%"`) use it; on
//! the wire it is a bare JSON number or string. It is written as serde's
//! untagged form, and read by a visitor of its own that takes the number or
//! the string as it comes (the untagged form buffers the value first, over a
//! thousand instructions for each port of a Pod).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// An `int32` or a string, as `k8s.io/apimachinery/pkg/util/intstr`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum IntOrString {
    /// A number, such as a port.
    Int(i32),
    /// A string, such as a port name or a percentage like `25%`.
    String(String),
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntOrStringVisitor)
    }
}

struct IntOrStringVisitor;

impl Visitor<'_> for IntOrStringVisitor {
    type Value = IntOrString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an int32 or a string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<IntOrString, E> {
        i32::try_from(v)
            .map(IntOrString::Int)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<IntOrString, E> {
        i32::try_from(v)
            .map(IntOrString::Int)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<IntOrString, E> {
        Ok(IntOrString::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<IntOrString, E> {
        Ok(IntOrString::String(v))
    }
}

impl Default for IntOrString {
    /// `0`, as Go's zero value.
    fn default() -> Self {
        IntOrString::Int(0)
    }
}

impl From<i32> for IntOrString {
    fn from(v: i32) -> Self {
        IntOrString::Int(v)
    }
}

impl From<&str> for IntOrString {
    fn from(v: &str) -> Self {
        IntOrString::String(v.to_owned())
    }
}

impl From<String> for IntOrString {
    fn from(v: String) -> Self {
        IntOrString::String(v)
    }
}

/// Prints the value without quotes.
impl fmt::Display for IntOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::String(s) => f.write_str(s),
        }
    }
}

impl IntOrString {
    /// Resolves an absolute number or a percentage of `total`, as Go's
    /// `GetScaledValueFromIntOrPercent` does for `maxSurge`/`maxUnavailable`:
    /// `"25%"` of 10 is 3 rounding up, 2 rounding down. A string that is not
    /// a percentage is an error.
    pub fn scaled_value(&self, total: i32, round_up: bool) -> Result<i32, ScaleError> {
        let text = match self {
            IntOrString::Int(i) => return Ok(*i),
            IntOrString::String(s) => s,
        };
        let percent: i64 = text
            .strip_suffix('%')
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| ScaleError::NotAPercentage {
                value: text.clone(),
            })?;
        let product = percent * i64::from(total);
        let scaled = if round_up {
            product.div_euclid(100) + i64::from(product.rem_euclid(100) != 0)
        } else {
            product.div_euclid(100)
        };
        i32::try_from(scaled).map_err(|_| ScaleError::Overflow {
            value: text.clone(),
            total,
        })
    }
}

/// Why [`IntOrString::scaled_value`] has no answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// A string that is not a percentage such as `25%`.
    #[error("invalid value for IntOrString: {value:?} is not a percentage")]
    NotAPercentage {
        /// The string.
        value: String,
    },
    /// The percentage of the total does not fit an `int32`.
    #[error("{value:?} of {total} overflows int32")]
    Overflow {
        /// The percentage.
        value: String,
        /// The total it was taken of.
        total: i32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_is_untagged() {
        assert_eq!(
            serde_json::to_string(&IntOrString::Int(8080)).unwrap(),
            "8080"
        );
        assert_eq!(
            serde_json::to_string(&IntOrString::from("http")).unwrap(),
            "\"http\""
        );
        let int: IntOrString = serde_json::from_str("80").unwrap();
        assert_eq!(int, IntOrString::Int(80));
        let string: IntOrString = serde_json::from_str("\"25%\"").unwrap();
        assert_eq!(string, IntOrString::from("25%"));
        assert!(serde_json::from_str::<IntOrString>("true").is_err());
    }

    #[test]
    fn reads_what_the_untagged_form_read() {
        let read = |text: &str| serde_json::from_str::<IntOrString>(text).ok();
        assert_eq!(read("-2147483648"), Some(IntOrString::Int(i32::MIN)));
        assert_eq!(read("2147483647"), Some(IntOrString::Int(i32::MAX)));
        assert_eq!(read(r#""\u0068ttp""#), Some(IntOrString::from("http")));
        for bad in [
            "2147483648",
            "-2147483649",
            "1.5",
            "8080.0",
            "null",
            "[]",
            "{}",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        let error = serde_json::from_str::<IntOrString>("2147483648").unwrap_err();
        assert!(
            error.to_string().contains("an int32 or a string"),
            "{error}"
        );
        // From a `Value` too (a dynamic object's field).
        let value = serde_json::json!([80, "http"]);
        let both: Vec<IntOrString> = serde_json::from_value(value).unwrap();
        assert_eq!(both, [IntOrString::Int(80), IntOrString::from("http")]);
    }

    #[test]
    fn scales_percentages() {
        assert_eq!(IntOrString::from("25%").scaled_value(10, true), Ok(3));
        assert_eq!(IntOrString::from("25%").scaled_value(10, false), Ok(2));
        assert_eq!(IntOrString::from("100%").scaled_value(7, false), Ok(7));
        assert_eq!(IntOrString::Int(4).scaled_value(10, true), Ok(4));
        assert_eq!(
            IntOrString::from("25").scaled_value(10, true),
            Err(ScaleError::NotAPercentage { value: "25".into() })
        );
        assert!(IntOrString::from("x%").scaled_value(10, true).is_err());
        assert_eq!(
            IntOrString::from("3000000000%").scaled_value(100, true),
            Err(ScaleError::Overflow {
                value: "3000000000%".into(),
                total: 100
            })
        );
    }

    #[test]
    fn displays_bare_value() {
        assert_eq!(IntOrString::Int(3).to_string(), "3");
        assert_eq!(IntOrString::from("http").to_string(), "http");
    }
}
