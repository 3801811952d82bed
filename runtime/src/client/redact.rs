//! What the trace log may show of a request or answer: headers without
//! credentials, and bodies unless they may hold credentials (Secrets,
//! service-account tokens, token reviews), which become their size only.

use std::fmt;

use http::header::{HeaderName, AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION, SET_COOKIE};
use http::HeaderMap;

/// Headers as Debug, with credential-bearing ones (Authorization,
/// Proxy-Authorization, cookies, and any header marked sensitive) hidden.
pub(super) struct LoggedHeaders<'a>(pub &'a HeaderMap);

/// Headers whose values are credentials, in requests or answers.
const CREDENTIAL_HEADERS: [HeaderName; 4] =
    [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE, SET_COOKIE];

impl fmt::Debug for LoggedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if CREDENTIAL_HEADERS.contains(name) || value.is_sensitive() {
                map.entry(&name.as_str(), &"<redacted>");
            } else {
                map.entry(&name.as_str(), &value.to_str().unwrap_or("<binary>"));
            }
        }
        map.finish()
    }
}

/// A body as Display: its text, or its size when its path may carry
/// credentials.
pub(super) struct LoggedBody<'a> {
    body: &'a [u8],
    redact: bool,
}

impl<'a> LoggedBody<'a> {
    pub(super) fn new(url: &url::Url, body: &'a [u8]) -> Self {
        LoggedBody {
            body,
            redact: holds_credentials(url.path()),
        }
    }
}

impl fmt::Display for LoggedBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.redact {
            write!(
                f,
                "<{} bytes redacted: may hold credentials>",
                self.body.len()
            )
        } else {
            f.write_str(&String::from_utf8_lossy(self.body))
        }
    }
}

/// Whether requests to or answers from `path` may carry credentials: any
/// Secret (one, a list, a watch), a service account's `token`
/// subresource, and TokenReviews (their spec is a bearer token).
fn holds_credentials(path: &str) -> bool {
    let has = |segment: &str| path.split('/').any(|s| s == segment);
    has("secrets")
        || has("tokenreviews")
        || (has("serviceaccounts") && path.trim_end_matches('/').ends_with("/token"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(path: &str, body: &str) -> String {
        let url = url::Url::parse(&format!("https://127.0.0.1:6443{path}")).unwrap();
        LoggedBody::new(&url, body.as_bytes()).to_string()
    }

    #[test]
    fn bodies_that_may_hold_credentials_show_their_size_only() {
        let secret = r#"{"data":{"password":"aHVudGVyMg=="}}"#;
        for path in [
            "/api/v1/namespaces/default/secrets/db",
            "/api/v1/namespaces/default/secrets",
            "/api/v1/secrets",
            "/api/v1/namespaces/default/serviceaccounts/builder/token",
            "/apis/authentication.k8s.io/v1/tokenreviews",
        ] {
            let text = shown(path, secret);
            assert_eq!(text, "<36 bytes redacted: may hold credentials>", "{path}");
            assert!(!text.contains("aHVudGVyMg"), "{path}");
        }
    }

    #[test]
    fn other_bodies_are_shown() {
        let body = r#"{"data":{"colour":"blue"}}"#;
        for path in [
            "/api/v1/namespaces/default/configmaps/app",
            "/api/v1/namespaces/default/serviceaccounts/builder",
            "/apis/apps/v1/namespaces/secrets-team/deployments",
        ] {
            assert_eq!(shown(path, body), body, "{path}");
        }
    }

    #[test]
    fn authorization_is_hidden() {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, "Bearer abc.def".parse().unwrap());
        headers.insert(SET_COOKIE, "session=cookie-secret".parse().unwrap());
        headers.insert(PROXY_AUTHORIZATION, "Basic proxy-secret".parse().unwrap());
        headers.insert("accept", "application/json".parse().unwrap());
        let text = format!("{:?}", LoggedHeaders(&headers));
        for secret in ["abc.def", "cookie-secret", "proxy-secret"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("<redacted>") && text.contains("application/json"));
    }
}
