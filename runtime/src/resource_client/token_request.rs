//! `serviceaccounts/token`: a TokenRequest (authentication.k8s.io/v1) for a
//! ServiceAccount, answered with a token the API server signed.

use serde::{Deserialize, Serialize};

use super::{ResourceClient, ServiceAccountKind};
use crate::error::Result;
use crate::meta::Time;
use crate::options::CreateOptions;
use crate::secret::Secret;

/// What the token is for (a TokenRequest's `spec`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TokenRequestSpec {
    /// Audiences the token is meant for; empty means the API server's own.
    pub audiences: Vec<String>,
    /// How long the token is valid; the server may shorten it.
    #[serde(rename = "expirationSeconds", skip_serializing_if = "Option::is_none")]
    pub expiration_seconds: Option<i64>,
    /// An object (Pod, Secret, Node) whose deletion invalidates the token.
    #[serde(rename = "boundObjectRef", skip_serializing_if = "Option::is_none")]
    pub bound_object_ref: Option<BoundObjectReference>,
}

/// The object a token is bound to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BoundObjectReference {
    /// `Pod`, `Secret` or `Node`.
    pub kind: String,
    /// Its `apiVersion`, `v1` for those.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// Its name.
    pub name: String,
    /// Its uid; the token is refused once no object with it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

/// The issued token (a TokenRequest's `status`). `Debug` hides the token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IssuedToken {
    /// The bearer token.
    pub token: Secret,
    /// When it stops being valid.
    #[serde(rename = "expirationTimestamp")]
    pub expiration_timestamp: Time,
}

#[derive(Serialize)]
struct TokenRequest<'a> {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    kind: &'static str,
    spec: &'a TokenRequestSpec,
}

#[derive(Deserialize)]
struct Answer {
    status: IssuedToken,
}

impl<K: ServiceAccountKind> ResourceClient<K> {
    /// `POST {collection}/{name}/token` with a TokenRequest for `spec`:
    /// a token that authenticates as the ServiceAccount `name`.
    pub async fn request_token(
        &self,
        name: &str,
        spec: &TokenRequestSpec,
        options: &CreateOptions,
    ) -> Result<IssuedToken> {
        let request = TokenRequest {
            api_version: "authentication.k8s.io/v1",
            kind: "TokenRequest",
            spec,
        };
        let answer: Answer = self
            .create_subresource("token", name, &request, options)
            .await?;
        Ok(answer.status)
    }
}
