//! `LogOptions`: parameters of a Pod's log read (`GET .../pods/{name}/log`).

use chrono::SecondsFormat;

use crate::meta::Time;

/// Which part of which container's log to read, as core/v1 PodLogOptions.
/// Query parameters in this order: `container`, `follow`, `previous`,
/// `sinceSeconds`, `sinceTime`, `timestamps`, `tailLines`, `limitBytes`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LogOptions {
    /// The container; needed when the Pod has more than one.
    pub container: Option<String>,
    /// Keep the stream open and send lines as they are written.
    pub follow: bool,
    /// The log of the container's previous run (after a restart).
    pub previous: bool,
    /// Only lines from the last this many seconds.
    pub since_seconds: Option<i64>,
    /// Only lines from this time on.
    pub since_time: Option<Time>,
    /// Begin each line with its RFC 3339 timestamp.
    pub timestamps: bool,
    /// Only the last this many lines.
    pub tail_lines: Option<i64>,
    /// At most this many bytes.
    pub limit_bytes: Option<i64>,
}

impl LogOptions {
    /// The log of `container`.
    pub fn container(mut self, name: impl Into<String>) -> Self {
        self.container = Some(name.into());
        self
    }

    /// Follows the log as it grows.
    pub fn follow(mut self) -> Self {
        self.follow = true;
        self
    }

    /// Only the last `lines` lines.
    pub fn tail(mut self, lines: i64) -> Self {
        self.tail_lines = Some(lines);
        self
    }

    /// The log of the container's previous run.
    pub fn previous(mut self) -> Self {
        self.previous = true;
        self
    }

    /// Only lines from the last `seconds` seconds.
    pub fn since_seconds(mut self, seconds: i64) -> Self {
        self.since_seconds = Some(seconds);
        self
    }

    /// Only lines from `time` on.
    pub fn since_time(mut self, time: Time) -> Self {
        self.since_time = Some(time);
        self
    }

    /// Begins each line with its timestamp.
    pub fn timestamps(mut self) -> Self {
        self.timestamps = true;
        self
    }

    /// At most `bytes` bytes.
    pub fn limit_bytes(mut self, bytes: i64) -> Self {
        self.limit_bytes = Some(bytes);
        self
    }

    /// The query parameters of the options that are set.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(container) = self.container.as_ref().filter(|c| !c.is_empty()) {
            pairs.push(("container", container.clone()));
        }
        let flags = [("follow", self.follow), ("previous", self.previous)];
        pairs.extend(
            flags
                .iter()
                .filter(|(_, on)| *on)
                .map(|(k, _)| (*k, "true".to_owned())),
        );
        if let Some(seconds) = self.since_seconds {
            pairs.push(("sinceSeconds", seconds.to_string()));
        }
        if let Some(time) = &self.since_time {
            pairs.push((
                "sinceTime",
                time.0.to_rfc3339_opts(SecondsFormat::Secs, true),
            ));
        }
        if self.timestamps {
            pairs.push(("timestamps", "true".to_owned()));
        }
        if let Some(lines) = self.tail_lines {
            pairs.push(("tailLines", lines.to_string()));
        }
        if let Some(bytes) = self.limit_bytes {
            pairs.push(("limitBytes", bytes.to_string()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn query_pairs_in_order() {
        assert!(LogOptions::default().query_pairs().is_empty());
        let every = LogOptions {
            container: Some("web".into()),
            follow: true,
            previous: true,
            since_seconds: Some(60),
            since_time: Some(Time(Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 6).unwrap())),
            timestamps: true,
            tail_lines: Some(10),
            limit_bytes: Some(4096),
        };
        let pairs: Vec<String> = every
            .query_pairs()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            pairs,
            [
                "container=web",
                "follow=true",
                "previous=true",
                "sinceSeconds=60",
                "sinceTime=2026-11-23T14:05:06Z",
                "timestamps=true",
                "tailLines=10",
                "limitBytes=4096"
            ]
        );
        assert_eq!(
            LogOptions::default()
                .container("db")
                .follow()
                .tail(5)
                .query_pairs(),
            [
                ("container", "db".to_owned()),
                ("follow", "true".to_owned()),
                ("tailLines", "5".to_owned())
            ]
        );
    }
}
