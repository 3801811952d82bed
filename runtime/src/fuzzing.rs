//! Entry points for fuzz targets: the pure parts of the runtime that take
//! untrusted input, each returning what an oracle needs to check. Not a
//! stable API.

use std::path::Path;

use crate::config::{ConfigError, Kubeconfig, KubeconfigOptions};
use crate::error::Result;
use crate::request::{url_on, ResourcePath};
use crate::resource::ObjectList;
use crate::watch::LineDecoder;

/// The final URL (after URL parsing, as sent) of `GET` on the Secret `name`
/// in `namespace` (cluster-wide when `None`) on the server at `base`, or why
/// it is refused. A URL that is returned always has the collection's path
/// (`{base path}/api/v1[/namespaces/{namespace}]/secrets/`) as a prefix.
pub fn resource_url(base: &str, namespace: Option<&str>, name: &str) -> Result<String> {
    let base = url::Url::parse(base).map_err(|_| crate::Error::InvalidPath {
        what: "base URL".into(),
        value: base.into(),
    })?;
    let path = ResourcePath::new("", "v1", "secrets", namespace).item(name)?;
    Ok(url_on(&base, &path)?.to_string())
}

/// Every Debug string and error message (Display and Debug) that loading
/// `yaml` as a kubeconfig produces: the parsed file, and the [`Config`](crate::Config) (or
/// the error) of the current context and of each context. A fuzz target
/// plants secrets in the YAML and checks that none of these shows one.
pub fn kubeconfig_debug_and_errors(yaml: &str) -> Vec<String> {
    let mut shown = Vec::new();
    let error = |shown: &mut Vec<String>, e: &ConfigError| {
        shown.push(e.to_string());
        shown.push(format!("{e:?}"));
    };
    let kubeconfig = match Kubeconfig::parse(yaml, Path::new("fuzz-kubeconfig")) {
        Ok(kubeconfig) => kubeconfig,
        Err(e) => {
            error(&mut shown, &e);
            return shown;
        }
    };
    let mut choices = vec![KubeconfigOptions::default()];
    choices.extend(
        kubeconfig
            .contexts
            .iter()
            .map(|c| KubeconfigOptions::context(&c.name)),
    );
    for options in &choices {
        match kubeconfig.to_config(options) {
            Ok(config) => shown.push(format!("{config:?}")),
            Err(e) => error(&mut shown, &e),
        }
    }
    shown.push(format!("{kubeconfig:?}"));
    shown
}

/// What the exec plugin output parser says of `bytes` (message and Debug),
/// `None` when it accepts them.
pub fn exec_credential_errors(bytes: &[u8]) -> Option<String> {
    crate::auth::exec_output_error(bytes)
}

/// `body` cut into chunks whose lengths are the bytes of `cuts` in turn (the
/// rest in a last chunk): how the fuzz targets of streaming decoders choose
/// where the network splits an answer.
pub fn chunks<'a>(body: &'a [u8], cuts: &[u8]) -> Vec<&'a [u8]> {
    let mut chunks = Vec::new();
    let mut rest = body;
    for &cut in cuts {
        if rest.is_empty() {
            break;
        }
        let (chunk, tail) = rest.split_at(usize::from(cut).min(rest.len()));
        chunks.push(chunk);
        rest = tail;
    }
    chunks.push(rest);
    chunks
}

/// The line limit of [`line_decoder_split`], small so fuzz inputs reach it.
pub const LINE_LIMIT: usize = 64;

/// A list body decoded as a whole and as it arrives in `chunks` (which,
/// concatenated, are `body`), with JSON values as items: a fuzz target checks
/// that both give the same list, or both an error. The whole body goes
/// through [`crate::resource::decode_json`], as every other answer does: it
/// refuses invalid UTF-8 anywhere, where `serde_json::from_slice` lets it
/// pass inside a string it skips.
#[allow(clippy::type_complexity)]
pub fn list_body_both_ways(
    body: &[u8],
    chunks: &[&[u8]],
) -> (
    std::result::Result<ObjectList<serde_json::Value>, String>,
    std::result::Result<ObjectList<serde_json::Value>, String>,
) {
    let whole = crate::resource::decode_json(body).map_err(|e| e.to_string());
    let split =
        crate::resource_client::decode_in_chunks(chunks.iter().copied()).map_err(|e| e.to_string());
    (whole, split)
}

/// The lines a log decoder (blank lines kept, at most [`LINE_LIMIT`] bytes
/// each) hands out for a body arriving in `chunks`, in order: each line
/// without its newline, then the last line without a newline if any. A
/// chunk that makes a line too long gives one `Err` and ends the output.
pub fn line_decoder_split(chunks: &[&[u8]]) -> Vec<std::result::Result<Vec<u8>, String>> {
    let mut decoder = LineDecoder::keeping_blank_lines().with_max_line(LINE_LIMIT);
    let mut lines = Vec::new();
    for chunk in chunks {
        if let Err(e) = decoder.push(chunk) {
            lines.push(Err(e.to_string()));
            return lines;
        }
        while let Some(line) = decoder.next_line() {
            lines.push(Ok(line.to_vec()));
        }
    }
    if let Some(rest) = decoder.finish() {
        lines.push(Ok(rest.to_vec()));
    }
    lines
}

/// The event types a watch line is built with by [`watch_event_layouts`]:
/// the five the API server sends, then one it does not.
pub const WATCH_EVENT_TYPES: [&str; 6] =
    ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR", "SYNC"];

/// What a watch line of event type `kind` (any text) and object `object`
/// decodes to, in the API server's layout (`{"type":..,"object":..}`) and in
/// another layout of the same event (object first, whitespace, an extra
/// member), each summed up as text: the event, or the error's class (its
/// message quotes columns, which differ between layouts). `None` when
/// `object` is not exactly one JSON value, as there is then no one event to
/// compare; the line is decoded anyway, which must not panic.
pub fn watch_event_layouts(kind: &str, object: &str) -> Option<(String, String)> {
    use crate::error::Error;
    use crate::meta::ObjectMeta;
    use crate::watch::decode_event_with;

    let decode = |line: &str| -> String {
        match decode_event_with::<ObjectMeta>(line.as_bytes(), "/w", crate::resource::decode_json) {
            Ok(event) => format!("{event:?}"),
            Err(Error::Decode { .. }) => "decode error".into(),
            Err(Error::Api(api)) => format!("api error {}: {:?}", api.code, api.status),
            Err(Error::UnknownWatchEvent { event_type, .. }) => format!("unknown {event_type}"),
            Err(other) => format!("other error: {other}"),
        }
    };
    let kind = serde_json::to_string(kind).expect("a string encodes");
    let server = decode(&format!(r#"{{"type":{kind},"object":{object}}}"#));
    serde_json::from_str::<serde::de::IgnoredAny>(object).ok()?;
    let other = decode(&format!(
        r#"{{ "object" : {object} , "extra": [1, {{"type": "x"}}], "type" : {kind} }}"#
    ));
    Some((server, other))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watch_layouts_agree_and_say_what_each_line_is() {
        let (server, other) = watch_event_layouts("ADDED", r#"{"name":"a"}"#).unwrap();
        assert_eq!(server, other);
        assert!(
            server.starts_with("Added(") && server.contains(r#""a""#),
            "{server}"
        );
        let status = r#"{"kind":"Status","code":410,"reason":"Expired"}"#;
        let (server, other) = watch_event_layouts("ERROR", status).unwrap();
        assert_eq!(server, other);
        assert!(server.starts_with("api error 410"), "{server}");
        let (server, _) = watch_event_layouts("MODIFIED", "[1]").unwrap();
        assert_eq!(server, "decode error");
        assert_eq!(watch_event_layouts("SYNC", "{}").unwrap().0, "unknown SYNC");
        // Not one JSON value: no event to compare.
        assert_eq!(watch_event_layouts("ADDED", r#"{"a":1},"b":2"#), None);
    }
}
