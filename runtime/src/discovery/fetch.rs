//! Fetching the discovery documents: `/api` and `/apis` together, then every
//! group-version at once (bounded), a failing one recorded rather than fatal.

use futures::StreamExt;

use super::apis::DiscoveredApis;
use super::wire::{ApiGroupList, ApiResourceList, ApiVersions};
use crate::client::Client;
use crate::error::Result;

/// Group-versions fetched at the same time: a 1.20 server has about thirty.
const CONCURRENCY: usize = 16;

/// Fetches everything; fails only when `/api` or `/apis` does.
pub(crate) async fn fetch(client: &Client) -> Result<DiscoveredApis> {
    let (core, groups) = futures::try_join!(
        client.get_json::<ApiVersions>("/api"),
        client.get_json::<ApiGroupList>("/apis"),
    )?;
    let mut targets: Vec<(String, String)> = core
        .versions
        .iter()
        .map(|v| (v.clone(), format!("/api/{v}")))
        .collect();
    for group in &groups.groups {
        for v in &group.versions {
            targets.push((
                v.group_version.clone(),
                format!("/apis/{}", v.group_version),
            ));
        }
    }
    let lists: Vec<(String, Result<ApiResourceList>)> = futures::stream::iter(targets)
        .map(|(gv, path)| async move {
            let answer = client.get_json::<ApiResourceList>(&path).await;
            if let Err(e) = &answer {
                tracing::debug!(group_version = %gv, error = %e, "discovery of a group-version failed");
            }
            (gv, answer)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    Ok(DiscoveredApis::from_parts(&core, &groups, lists))
}
