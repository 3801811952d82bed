//! The scale subresource through the dynamic client, for anything scalable
//! (Deployments, or CRDs declaring `subresources.scale`).

use super::DynamicResource;
use crate::error::Result;
use crate::options::{GetOptions, UpdateOptions};
use crate::resource_client::{decode, encode, Scale};

impl DynamicResource {
    /// `GET {collection}/{name}/scale`.
    pub async fn get_scale(&self, name: &str) -> Result<Scale> {
        let request =
            self.builder(None, true)?
                .get_subresource("scale", name, &GetOptions::default())?;
        let response = self.client.send(request).await?;
        decode(
            &format!("Scale of {} {name}", self.resource.kind),
            response.body(),
        )
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
            .builder(None, true)?
            .replace_subresource("scale", name, body, options)?;
        let response = self.client.send(request).await?;
        decode(
            &format!("Scale of {} {name}", self.resource.kind),
            response.body(),
        )
    }
}
