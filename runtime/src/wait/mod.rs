//! Waiting until one object reaches a state: read it, then watch that object
//! alone from the version read, and watch again when a watch ends (from
//! where it stopped, or from a fresh read after 410 Gone). No polling, like
//! kube-rs's `await_condition` and client-go's `UntilWithSync`. It has no
//! time limit of its own: wrap it in `tokio::time::timeout`.

pub mod conditions;

use futures::StreamExt;

use crate::error::Result;
use crate::options::ListOptions;
use crate::resource::Resource;
use crate::resource_client::ResourceClient;
use crate::watch::WatchEvent;

/// Waits until `condition` holds for the object `name` of `api` (`None`
/// while it does not exist) and returns the object as it was then.
///
/// ```no_run
/// # async fn example<Pod: kubegen_runtime::Resource>(pods: kubegen_runtime::ResourceClient<Pod>) -> kubegen_runtime::Result<()> {
/// use std::time::Duration;
/// use kubegen_runtime::wait::{await_condition, conditions};
/// use kubegen_runtime::Resource;
///
/// let created = pods.get("web", &Default::default()).await?;
/// let uid = created.uid().unwrap_or_default().to_owned();
/// pods.delete("web", &Default::default()).await?;
/// tokio::time::timeout(
///     Duration::from_secs(30),
///     await_condition(&pods, "web", conditions::is_deleted(&uid)),
/// )
/// .await
/// .expect("gone within 30 s")?;
/// # Ok(()) }
/// ```
pub async fn await_condition<K: Resource>(
    api: &ResourceClient<K>,
    name: &str,
    condition: impl Fn(Option<&K>) -> bool,
) -> Result<Option<K>> {
    let only = ListOptions::default().fields(format!("metadata.name={name}"));
    'read: loop {
        let list = api.list(&only).await?;
        let object = list.items.into_iter().next();
        if condition(object.as_ref()) {
            return Ok(object);
        }
        let mut version = list.metadata.resource_version.clone();
        loop {
            let options = ListOptions {
                resource_version: version.clone(),
                allow_watch_bookmarks: true,
                ..only.clone()
            };
            let mut events = match api.watch(&options).await {
                Ok(events) => events,
                Err(e) if e.is_gone() => continue 'read,
                Err(e) => return Err(e),
            };
            while let Some(event) = events.next().await {
                match event {
                    Ok(WatchEvent::Added(object) | WatchEvent::Modified(object)) => {
                        if condition(Some(&object)) {
                            return Ok(Some(object));
                        }
                        advance(&mut version, object.resource_version());
                    }
                    Ok(WatchEvent::Deleted(object)) => {
                        if condition(None) {
                            return Ok(None);
                        }
                        advance(&mut version, object.resource_version());
                    }
                    Ok(WatchEvent::Bookmark(bookmark)) => {
                        advance(&mut version, Some(&bookmark.metadata.resource_version));
                    }
                    Err(e) if e.is_gone() => continue 'read,
                    Err(e) => return Err(e),
                }
            }
        }
    }
}

/// Moves the resume point to `seen`, unless the event carried no
/// resourceVersion: resuming from "" would mean "any version", replaying
/// old states as new.
fn advance(version: &mut Option<String>, seen: Option<&str>) {
    if let Some(seen) = seen.filter(|v| !v.is_empty()) {
        *version = Some(seen.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::advance;

    #[test]
    fn an_event_without_a_version_keeps_the_resume_point() {
        let mut version = Some("41".to_owned());
        advance(&mut version, Some(""));
        assert_eq!(version.as_deref(), Some("41"));
        advance(&mut version, None);
        assert_eq!(version.as_deref(), Some("41"));
        advance(&mut version, Some("42"));
        assert_eq!(version.as_deref(), Some("42"));
    }
}
