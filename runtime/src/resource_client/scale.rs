//! The scale subresource (autoscaling/v1 Scale): read and set replicas.

use serde::{Deserialize, Serialize};

use super::{decode, encode, ResourceClient};
use crate::error::Result;
use crate::meta::ObjectMeta;
use crate::options::{GetOptions, UpdateOptions};
use crate::resource::Resource;

/// autoscaling/v1 Scale: the replicas of a scalable resource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    /// `autoscaling/v1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `Scale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The scaled object's metadata (name, namespace, resourceVersion).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// The desired replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<ScaleSpec>,
    /// The observed replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ScaleStatus>,
}

/// The desired state of a Scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScaleSpec {
    /// The desired number of replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
}

/// The observed state of a Scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScaleStatus {
    /// The observed number of replicas.
    pub replicas: i32,
    /// The label selector of the replicas, as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<String>,
}

impl<K: Resource> ResourceClient<K> {
    /// `GET {collection}/{name}/scale`.
    pub async fn get_scale(&self, name: &str) -> Result<Scale> {
        let request = self
            .request
            .get_subresource("scale", name, &GetOptions::default())?;
        let response = self.client.send(request).await?;
        decode(&format!("Scale of {} {name}", K::KIND), response.body())
    }

    /// `PUT {collection}/{name}/scale`.
    pub async fn update_scale(
        &self,
        name: &str,
        scale: &Scale,
        options: &UpdateOptions,
    ) -> Result<Scale> {
        let body = encode("Scale", scale)?;
        let request = self
            .request
            .replace_subresource("scale", name, body, options)?;
        let response = self.client.send(request).await?;
        decode(&format!("Scale of {} {name}", K::KIND), response.body())
    }
}
