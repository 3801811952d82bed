//! The PVC capacity watcher: list the claims a label selector and a field
//! selector pick, print them as a table with the total storage they request,
//! then watch them and keep the running total with exact Quantity
//! arithmetic, announcing when it crosses a threshold and when it falls back.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use futures::StreamExt;
use kubegen::core::v1::PersistentVolumeClaim;
use kubegen::meta::Quantity;
use kubegen::{Clientset, CompactString, ListOptions, WatchEvent};

/// What to watch, and the threshold to announce.
#[derive(Clone, Debug)]
pub struct Options {
    /// The namespace of the claims.
    pub namespace: String,
    /// Only claims with these labels (e.g. `app=db`).
    pub label_selector: String,
    /// Only claims with these fields (e.g. `metadata.name!=scratch`).
    pub field_selector: Option<String>,
    /// Announce when the total request goes above this.
    pub threshold: Quantity,
}

/// What the watcher reports.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A row of the initial table.
    Row {
        /// The claim.
        name: String,
        /// Its phase (Pending, Bound ...).
        phase: String,
        /// The storage it requests.
        request: Quantity,
    },
    /// The total after the table or after a change.
    Total(Quantity),
    /// The total went above the threshold.
    Above(Quantity),
    /// The total fell back to the threshold or below.
    Below(Quantity),
}

/// The storage a claim requests (zero when it names none).
pub fn requested(claim: &PersistentVolumeClaim) -> Quantity {
    claim
        .spec
        .as_ref()
        .and_then(|s| s.resources.as_ref())
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("storage").cloned())
        .unwrap_or_default()
}

fn total(requests: &BTreeMap<CompactString, Quantity>) -> Quantity {
    requests.values().cloned().sum()
}

/// Lists, reports, then watches until `report` says stop. The watch resumes
/// from the last resourceVersion whenever the server ends it.
pub async fn run(
    cs: &Clientset,
    options: &Options,
    mut report: impl FnMut(Notice) -> ControlFlow<()>,
) -> kubegen::Result<()> {
    let claims = cs.core().v1().persistent_volume_claims(&options.namespace);
    let mut selection = ListOptions::default().labels(options.label_selector.clone());
    selection.field_selector = options.field_selector.clone();

    let list = claims.list(&selection).await?;
    let mut requests = BTreeMap::new();
    for claim in &list.items {
        let name = claim.metadata.name.clone().unwrap_or_default();
        let phase = claim
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default();
        let request = requested(claim);
        requests.insert(name.clone(), request.clone());
        if report(Notice::Row {
            name: name.into(),
            phase: phase.into(),
            request,
        })
        .is_break()
        {
            return Ok(());
        }
    }
    let mut sum = total(&requests);
    let mut above = sum > options.threshold;
    if report(Notice::Total(sum.clone())).is_break() {
        return Ok(());
    }
    if above && report(Notice::Above(sum.clone())).is_break() {
        return Ok(());
    }

    let mut resource_version = list.metadata.resource_version.unwrap_or_default();
    loop {
        let watch = selection.clone().resource_version(resource_version.clone());
        let mut events = claims.watch(&watch).await?;
        while let Some(event) = events.next().await {
            let event = event?;
            match &event {
                WatchEvent::Added(c) | WatchEvent::Modified(c) => {
                    requests.insert(c.metadata.name.clone().unwrap_or_default(), requested(c));
                }
                WatchEvent::Deleted(c) => {
                    requests.remove(c.metadata.name.as_deref().unwrap_or_default());
                }
                WatchEvent::Bookmark(b) => {
                    resource_version.clone_from(&b.metadata.resource_version);
                    continue;
                }
            }
            if let Some(rv) = event
                .object()
                .and_then(|c| c.metadata.resource_version.clone())
            {
                resource_version = rv.into();
            }
            let new_sum = total(&requests);
            if new_sum == sum {
                continue;
            }
            sum = new_sum;
            if report(Notice::Total(sum.clone())).is_break() {
                return Ok(());
            }
            let now_above = sum > options.threshold;
            if now_above != above {
                above = now_above;
                let notice = if above {
                    Notice::Above(sum.clone())
                } else {
                    Notice::Below(sum.clone())
                };
                if report(notice).is_break() {
                    return Ok(());
                }
            }
        }
    }
}
