//! `Duration`: a Go `time.Duration` in its string form (`1h2m3.5s`).
//!
//! `metav1.Duration` travels as the text Go's `Duration.String` prints and is
//! read with `time.ParseDuration`; both are reproduced here so that values
//! round-trip byte for byte. Go durations are signed nanosecond counts, so
//! this is not `std::time::Duration` (which cannot be negative).

use std::fmt;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

const NANOS_PER_MICRO: u64 = 1_000;
const NANOS_PER_MILLI: u64 = 1_000_000;
const NANOS_PER_SECOND: u64 = 1_000_000_000;
const NANOS_PER_MINUTE: u64 = 60 * NANOS_PER_SECOND;
const NANOS_PER_HOUR: u64 = 60 * NANOS_PER_MINUTE;

/// A signed span of nanoseconds, printed and parsed as Go does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    nanos: i64,
}

/// Why duration text could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration {input:?}: {reason}")]
pub struct DurationError {
    input: String,
    reason: &'static str,
}

impl Duration {
    /// A duration of `nanos` nanoseconds.
    pub const fn from_nanos(nanos: i64) -> Self {
        Duration { nanos }
    }

    /// A duration of whole seconds, saturating at Go's limits (~292 years).
    pub const fn from_secs(secs: i64) -> Self {
        Duration {
            nanos: secs.saturating_mul(NANOS_PER_SECOND as i64),
        }
    }

    /// The length in nanoseconds.
    pub const fn as_nanos(&self) -> i64 {
        self.nanos
    }

    /// The same span as a `std::time::Duration`, or `None` if negative.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        u64::try_from(self.nanos)
            .ok()
            .map(std::time::Duration::from_nanos)
    }
}

/// Converts, or fails if the span exceeds Go's `int64` nanoseconds.
impl TryFrom<std::time::Duration> for Duration {
    type Error = std::num::TryFromIntError;

    fn try_from(d: std::time::Duration) -> Result<Self, Self::Error> {
        i64::try_from(d.as_nanos()).map(Duration::from_nanos)
    }
}

/// Writes `value / 10^precision` with trailing zeros (and a bare point)
/// dropped, as Go's `fmtFrac` followed by `fmtInt`.
fn write_fraction(f: &mut fmt::Formatter<'_>, value: u64, precision: u32) -> fmt::Result {
    let unit = 10u64.pow(precision);
    write!(f, "{}", value / unit)?;
    let fraction = value % unit;
    if fraction != 0 {
        let digits = format!("{fraction:0width$}", width = precision as usize);
        write!(f, ".{}", digits.trim_end_matches('0'))?;
    }
    Ok(())
}

/// Prints like Go's `Duration.String`: `0s`, `1.5ms`, `2m0s`, `1h0m0s`.
impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = self.nanos.unsigned_abs();
        if self.nanos < 0 {
            f.write_str("-")?;
        }
        if u == 0 {
            return f.write_str("0s");
        }
        if u < NANOS_PER_SECOND {
            let (precision, unit) = if u < NANOS_PER_MICRO {
                (0, "ns")
            } else if u < NANOS_PER_MILLI {
                // Go prints the micro sign U+00B5.
                (3, "\u{b5}s")
            } else {
                (6, "ms")
            };
            write_fraction(f, u, precision)?;
            return f.write_str(unit);
        }
        let hours = u / NANOS_PER_HOUR;
        let minutes = (u % NANOS_PER_HOUR) / NANOS_PER_MINUTE;
        if hours > 0 {
            write!(f, "{hours}h")?;
        }
        if hours > 0 || minutes > 0 {
            write!(f, "{minutes}m")?;
        }
        write_fraction(f, u % NANOS_PER_MINUTE, 9)?;
        f.write_str("s")
    }
}

/// The nanoseconds in one unit of a Go duration suffix.
fn unit_nanos(unit: &str) -> Option<u64> {
    Some(match unit {
        "ns" => 1,
        "us" | "\u{b5}s" | "\u{3bc}s" => NANOS_PER_MICRO,
        "ms" => NANOS_PER_MILLI,
        "s" => NANOS_PER_SECOND,
        "m" => NANOS_PER_MINUTE,
        "h" => NANOS_PER_HOUR,
        _ => return None,
    })
}

/// Parses like Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`
/// or a bare `0`. Fractions are computed exactly (Go goes through `float64`).
impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| DurationError {
            input: input.to_owned(),
            reason,
        };
        let (negative, mut rest) = match input.as_bytes().first() {
            Some(b'-') => (true, &input[1..]),
            Some(b'+') => (false, &input[1..]),
            _ => (false, input),
        };
        if rest == "0" {
            return Ok(Duration::default());
        }
        if rest.is_empty() {
            return Err(fail("empty"));
        }
        let mut total: u128 = 0;
        while !rest.is_empty() {
            let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            let (int_digits, after) = rest.split_at(int_len);
            let (frac_digits, after) = match after.strip_prefix('.') {
                Some(after) => after.split_at(after.bytes().take_while(u8::is_ascii_digit).count()),
                None => ("", after),
            };
            if int_digits.is_empty() && frac_digits.is_empty() {
                return Err(fail("expected a number"));
            }
            let unit_len = after
                .find(|c: char| c == '.' || c.is_ascii_digit())
                .unwrap_or(after.len());
            if unit_len == 0 {
                return Err(fail("missing unit"));
            }
            let unit = unit_nanos(&after[..unit_len]).ok_or_else(|| fail("unknown unit"))?;
            rest = &after[unit_len..];

            let whole: u128 = if int_digits.is_empty() {
                0
            } else {
                int_digits.parse().map_err(|_| fail("overflow"))?
            };
            // Digits past nanosecond resolution of an hour cannot matter.
            let frac_digits = &frac_digits[..frac_digits.len().min(20)];
            let mut fraction: u128 = 0;
            if !frac_digits.is_empty() {
                let scale = 10u128.pow(frac_digits.len() as u32);
                let digits: u128 = frac_digits.parse().map_err(|_| fail("overflow"))?;
                fraction = digits * u128::from(unit) / scale;
            }
            total = whole
                .checked_mul(u128::from(unit))
                .and_then(|v| v.checked_add(fraction))
                .and_then(|v| v.checked_add(total))
                .filter(|v| *v <= 1 << 63)
                .ok_or_else(|| fail("overflow"))?;
        }
        let nanos = if negative {
            (total as i128).wrapping_neg() as i64
        } else {
            i64::try_from(total).map_err(|_| fail("overflow"))?
        };
        Ok(Duration { nanos })
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Duration {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn prints_like_go() {
        let cases: &[(i64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1\u{b5}s"),
            (2_200_000, "2.2ms"),
            (3_300_000_000, "3.3s"),
            (4 * 60 * 1_000_000_000 + 5_000_000_000, "4m5s"),
            (120 * 1_000_000_000, "2m0s"),
            (3_600 * 1_000_000_000, "1h0m0s"),
            (3_723_500_000_000, "1h2m3.5s"),
            (-1_500_000_000, "-1.5s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (nanos, want) in cases {
            assert_eq!(Duration::from_nanos(*nanos).to_string(), *want);
        }
    }

    #[test]
    fn parses_like_go() {
        assert_eq!(d("1h2m3.5s").as_nanos(), 3_723_500_000_000);
        assert_eq!(d("0").as_nanos(), 0);
        assert_eq!(d("-0").as_nanos(), 0);
        assert_eq!(d("+5s").as_nanos(), 5_000_000_000);
        assert_eq!(d("-1.5h").as_nanos(), -5_400_000_000_000);
        assert_eq!(d("1.5us"), d("1.5\u{b5}s"));
        assert_eq!(d("1.5us"), d("1.5\u{3bc}s"));
        assert_eq!(d("1.5us").as_nanos(), 1_500);
        assert_eq!(d(".5s").as_nanos(), 500_000_000);
        assert_eq!(d("1.s").as_nanos(), 1_000_000_000);
        assert_eq!(d("10ms5ns").as_nanos(), 10_000_005);
        assert_eq!(d("1.0000000001s").as_nanos(), 1_000_000_000);
        assert_eq!(d("9223372036854775807ns").as_nanos(), i64::MAX);
        assert_eq!(d("-9223372036854775808ns").as_nanos(), i64::MIN);
    }

    #[test]
    fn round_trips_text() {
        for text in [
            "1h2m3.5s",
            "2m0s",
            "1.5ms",
            "-3s",
            "0s",
            "100ns",
            "1.234\u{b5}s",
        ] {
            assert_eq!(d(text).to_string(), text);
        }
    }

    #[test]
    fn rejects_bad_text() {
        for bad in [
            "",
            "-",
            "1",
            "s",
            ".s",
            "1x",
            "1.2.3s",
            "1h2",
            "9223372036854775808ns",
            "3000000h",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad:?}");
        }
        let err = "1x".parse::<Duration>().unwrap_err().to_string();
        assert_eq!(err, "invalid duration \"1x\": unknown unit");
    }

    #[test]
    fn serde_is_a_string() {
        assert_eq!(serde_json::to_string(&d("90s")).unwrap(), "\"1m30s\"");
        let back: Duration = serde_json::from_str("\"1m30s\"").unwrap();
        assert_eq!(back, d("90s"));
        assert!(serde_json::from_str::<Duration>("\"soon\"").is_err());
    }

    #[test]
    fn converts_to_std() {
        assert_eq!(
            d("1.5s").to_std(),
            Some(std::time::Duration::from_millis(1_500))
        );
        assert_eq!(d("-1s").to_std(), None);
        let back = Duration::try_from(std::time::Duration::from_secs(2)).unwrap();
        assert_eq!(back, Duration::from_secs(2));
    }
}

#[cfg(test)]
mod props {
    //! Printed durations parse back to themselves, for any value and for
    //! any text the grammar accepts.

    use proptest::prelude::*;

    use super::Duration;

    /// Duration text of the grammar: signed runs of number and unit.
    fn duration_text() -> impl Strategy<Value = String> {
        let part = (
            "[0-9]{0,12}",
            prop::option::of("[0-9]{0,25}"),
            prop::sample::select(&["ns", "us", "\u{b5}s", "\u{3bc}s", "ms", "s", "m", "h"][..]),
        )
            .prop_map(|(int, frac, unit)| match frac {
                Some(frac) => format!("{int}.{frac}{unit}"),
                None => format!("{int}{unit}"),
            });
        (
            prop::sample::select(&["", "+", "-"][..]),
            prop::collection::vec(part, 1..4),
        )
            .prop_map(|(sign, parts)| format!("{sign}{}", parts.concat()))
    }

    proptest! {
        #[test]
        fn any_value_prints_and_parses_back(nanos in any::<i64>()) {
            let d = Duration::from_nanos(nanos);
            prop_assert_eq!(d.to_string().parse::<Duration>(), Ok(d));
        }

        #[test]
        fn parsed_text_prints_and_parses_back(text in duration_text()) {
            let Ok(d) = text.parse::<Duration>() else { return Ok(()) };
            let printed = d.to_string();
            prop_assert_eq!(printed.parse::<Duration>(), Ok(d), "{:?} printed {:?}", text, printed);
        }

        #[test]
        fn any_text_fails_cleanly(text in "\\PC{0,30}") {
            if let Ok(d) = text.parse::<Duration>() {
                prop_assert_eq!(d.to_string().parse::<Duration>(), Ok(d));
            }
        }
    }
}
