//! `Time` and `MicroTime`: timestamps as the API server writes them.
//!
//! Go's `metav1.Time` serializes RFC 3339 in UTC at whole seconds
//! (`2024-01-02T03:04:05Z`), and `metav1.MicroTime` at microseconds
//! (`2024-01-02T03:04:05.123456Z`, used by Events and Leases). Reading is
//! lenient, as Go's `time.Parse` is: any RFC 3339 offset and fraction.
//! The server's own forms are read by a short parser of their fixed layout
//! (a Pod carries several timestamps, and chrono's general parser was a
//! tenth of a watch's time); any other text goes to chrono.

use std::fmt;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
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
    if let Some(t) = parse_server_form(text) {
        return Ok(t);
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| E::custom(format_args!("invalid RFC 3339 time {text:?}: {e}")))
}

/// `YYYY-MM-DDTHH:MM:SSZ`, with an optional fraction of one to nine digits
/// before the `Z`: what the API server writes. `None` for any other text
/// (other offsets, lowercase `t`/`z`, leap seconds, invalid dates), which
/// the general parser then accepts or refuses.
fn parse_server_form(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let (&b'Z', b) = b.split_last()? else {
        return None;
    };
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let second = digits(&b[17..19])?;
    if second > 59 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?
    .and_hms_nano_opt(digits(&b[11..13])?, digits(&b[14..16])?, second, nanos)
    .map(|t| t.and_utc())
}

/// The number an ASCII digit string spells (at most nine digits here).
fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Reads a timestamp from the string as it lies in the input (no copy).
struct TimeVisitor;

impl<'de> de::Visitor<'de> for TimeVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 time")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        parse_rfc3339(text)
    }
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
                deserializer.deserialize_str(TimeVisitor).map($ty)
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

    /// What chrono's general parser makes of `text`, in UTC.
    fn general(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    #[test]
    fn odd_inputs_read_as_the_general_parser_reads_them() {
        let odd = [
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.123456789Z",
            "2024-01-02T03:04:05.1234567891Z",
            "2024-01-02T03:04:05.Z",
            "2024-01-02t03:04:05z",
            "2024-01-02 03:04:05Z",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60.5Z",
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-00-10T00:00:00Z",
            "2024-01-00T00:00:00Z",
            "2024-01-02T24:00:00Z",
            "2024-01-02T23:60:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2024-01-02T03:04:05+00:00",
            "2024-01-02T03:04:05-07:30",
            "2024-01-02T03:04:05.5+14:00",
            "+2024-01-02T03:04:05Z",
            "2024-1-02T03:04:05Z",
            "2024-01-02T03:04:5Z",
            "2024-01-02T03:04:05",
            "2024-01-02T03:04:05ZZ",
            "2024-01-02T03:04:05.12a4Z",
            "2024-01-02T03:04:0\u{0665}Z",
            "Z",
            "",
        ];
        for text in odd {
            let fast = parse_server_form(text);
            if let Some(t) = fast {
                assert_eq!(Some(t), general(text), "{text}");
            }
            let decoded = parse_rfc3339::<serde_json::Error>(text).ok();
            assert_eq!(decoded, general(text), "{text}");
        }
        assert!(parse_server_form("2024-01-02T03:04:05.123456Z").is_some());
        assert!(parse_server_form("2016-12-31T23:59:60Z").is_none());
    }

    proptest::proptest! {
        /// Texts of the server's layout with any digits (and any byte in the
        /// separators' places) decode as the general parser decodes them.
        #[test]
        fn server_layout_agrees_with_the_general_parser(
            text in "[0-9]{4}[-/][0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?[Zz+]"
        ) {
            let decoded = parse_rfc3339::<serde_json::Error>(&text).ok();
            proptest::prop_assert_eq!(decoded, general(&text));
        }

        /// Valid instants, as the server writes them, read back to the same instant.
        #[test]
        fn server_forms_read_back(secs in 0i64..253_402_300_799, micros in 0u32..1_000_000) {
            let t = DateTime::from_timestamp(secs, micros * 1000).unwrap();
            let micro = MicroTime(t).to_string();
            proptest::prop_assert_eq!(parse_server_form(&micro), Some(t));
            let whole = Time(t).to_string();
            proptest::prop_assert_eq!(
                parse_server_form(&whole),
                DateTime::from_timestamp(secs, 0)
            );
        }
    }

    #[test]
    fn null_reads_as_none_in_options() {
        let t: Option<Time> = serde_json::from_str("null").unwrap();
        assert_eq!(t, None);
    }
}
