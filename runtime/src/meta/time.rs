//! `Time` and `MicroTime`: timestamps as the API server writes them.
//!
//! Go's `metav1.Time` serializes RFC 3339 in UTC at whole seconds
//! (`2024-01-02T03:04:05Z`), and `metav1.MicroTime` at microseconds
//! (`2024-01-02T03:04:05.123456Z`, used by Events and Leases). Reading is
//! lenient, as Go's `time.Parse` is: any RFC 3339 offset and fraction.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A timestamp that serializes at second precision.
///
/// The full value is kept in memory (as Go does); only the wire form drops
/// the sub-second part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub DateTime<Utc>);

/// A timestamp that serializes at microsecond precision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MicroTime(pub DateTime<Utc>);

impl Time {
    /// The current time, like Go's `metav1.Now()`.
    pub fn now() -> Self {
        Time(Utc::now())
    }
}

impl MicroTime {
    /// The current time, like Go's `metav1.NowMicro()`.
    pub fn now() -> Self {
        MicroTime(Utc::now())
    }
}

/// Parses RFC 3339 text, reporting failure as the deserializer's error.
fn parse_rfc3339<E: de::Error>(text: &str) -> Result<DateTime<Utc>, E> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| E::custom(format_args!("invalid RFC 3339 time {text:?}: {e}")))
}

macro_rules! timestamp_impls {
    ($ty:ident, $precision:expr) => {
        impl From<DateTime<Utc>> for $ty {
            fn from(t: DateTime<Utc>) -> Self {
                $ty(t)
            }
        }

        impl From<$ty> for DateTime<Utc> {
            fn from(t: $ty) -> Self {
                t.0
            }
        }

        /// Prints the wire form.
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0.to_rfc3339_opts($precision, true))
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                parse_rfc3339(&text).map($ty)
            }
        }
    };
}

timestamp_impls!(Time, SecondsFormat::Secs);
timestamp_impls!(MicroTime, SecondsFormat::Micros);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn instant() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap() + chrono::Duration::microseconds(123_456)
    }

    #[test]
    fn time_writes_whole_seconds_in_utc() {
        let json = serde_json::to_string(&Time(instant())).unwrap();
        assert_eq!(json, "\"2024-01-02T03:04:05Z\"");
    }

    #[test]
    fn micro_time_writes_microseconds() {
        let json = serde_json::to_string(&MicroTime(instant())).unwrap();
        assert_eq!(json, "\"2024-01-02T03:04:05.123456Z\"");
    }

    #[test]
    fn reads_offsets_and_fractions() {
        let t: Time = serde_json::from_str("\"2024-01-02T05:04:05.5+02:00\"").unwrap();
        assert_eq!(t.to_string(), "2024-01-02T03:04:05Z");
        let m: MicroTime = serde_json::from_str("\"2024-01-02T03:04:05.123456Z\"").unwrap();
        assert_eq!(m.0, instant());
        let whole: MicroTime = serde_json::from_str("\"2024-01-02T03:04:05Z\"").unwrap();
        assert_eq!(whole.to_string(), "2024-01-02T03:04:05.000000Z");
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        for bad in ["\"\"", "\"yesterday\"", "\"2024-13-01T00:00:00Z\"", "12"] {
            assert!(serde_json::from_str::<Time>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<MicroTime>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Time>("\"nope\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("nope"), "{err}");
    }

    #[test]
    fn null_reads_as_none_in_options() {
        let t: Option<Time> = serde_json::from_str("null").unwrap();
        assert_eq!(t, None);
    }
}
