//! Fetching the discovery documents: `/api` and `/apis` together, then every
//! group-version at once (bounded), a failing one recorded rather than fatal.

use std::time::SystemTime;

use futures::StreamExt;

use super::apis::DiscoveredApis;
use super::wire::{ApiGroupList, ApiResourceList, ApiVersions};
use crate::client::Client;
use crate::error::Result;

/// Group-versions fetched at the same time: a 1.20 server has about thirty.
const CONCURRENCY: usize = 16;

/// The documents as the server answered them, each group-version's answer
/// keyed `v1` or `group/version`.
#[derive(Debug)]
pub(crate) struct Documents {
    /// When `/api` and `/apis` were fetched: the age a disk cache goes by.
    pub fetched_at: SystemTime,
    pub core: ApiVersions,
    pub groups: ApiGroupList,
    pub lists: Vec<(String, Result<ApiResourceList>)>,
}

impl Documents {
    /// The snapshot they describe.
    pub fn assemble(self) -> DiscoveredApis {
        DiscoveredApis::from_parts(&self.core, &self.groups, self.lists)
    }
}

/// Fetches everything; fails only when `/api` or `/apis` does.
pub(crate) async fn fetch(client: &Client) -> Result<Documents> {
    let (core, groups) = futures::try_join!(
        client.get_json::<ApiVersions>("/api"),
        client.get_json::<ApiGroupList>("/apis"),
    )?;
    let mut documents = Documents {
        fetched_at: SystemTime::now(),
        core,
        groups,
        lists: Vec::new(),
    };
    complete(client, &mut documents).await;
    Ok(documents)
}

/// Fetches the group-versions `documents` lists but has no answer for
/// (all of them after `/api` and `/apis`; those a disk cache lacks);
/// returns how many of those answered.
pub(crate) async fn complete(client: &Client, documents: &mut Documents) -> usize {
    let core = documents
        .core
        .versions
        .iter()
        .map(|v| (v.clone(), format!("/api/{v}")));
    let named = documents
        .groups
        .groups
        .iter()
        .flat_map(|g| &g.versions)
        .map(|v| {
            (
                v.group_version.clone(),
                format!("/apis/{}", v.group_version),
            )
        });
    let missing: Vec<(String, String)> = core
        .chain(named)
        .filter(|(gv, _)| !documents.lists.iter().any(|(have, _)| have == gv))
        .collect();
    let lists: Vec<(String, Result<ApiResourceList>)> = futures::stream::iter(missing)
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
    let answered = lists.iter().filter(|(_, answer)| answer.is_ok()).count();
    documents.lists.extend(lists);
    answered
}
