//! The reflector driven step by step with scripted list and watch answers,
//! and the informer, store and listers on top.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::StreamExt;
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::{ApiError, Error, Result};
use crate::meta::{ListMeta, ObjectMeta, Selector, Status};
use crate::options::ListOptions;
use crate::resource::{NamespaceScope, ObjectList, Resource};
use crate::watch::{Bookmark, BookmarkMeta, WatchEvent};
use compact_str::format_compact;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Pod {
    metadata: ObjectMeta,
    #[serde(default)]
    phase: String,
}

impl Resource for Pod {
    const GROUP: &'static str = "";
    const VERSION: &'static str = "v1";
    const KIND: &'static str = "Pod";
    const PLURAL: &'static str = "pods";
    type Scope = NamespaceScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

pub(super) fn pod(name: &str, rv: &str, phase: &str) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            namespace: Some("ns".into()),
            uid: Some(format_compact!("uid-{name}")),
            resource_version: Some(rv.into()),
            labels: [("app".into(), name.into())].into(),
            ..ObjectMeta::default()
        },
        phase: phase.into(),
    }
}

pub(super) fn list(items: Vec<Pod>, rv: &str, cont: Option<&str>) -> Result<ObjectList<Pod>> {
    let mut l = ObjectList::new(items);
    l.metadata = ListMeta {
        resource_version: Some(rv.into()),
        continue_: cont.map(Into::into),
        ..ListMeta::default()
    };
    Ok(l)
}

pub(super) fn api_error(code: u16, reason: &str) -> Error {
    Error::Api(Box::new(ApiError {
        code,
        status: Status {
            code: Some(code),
            reason: Some(reason.into()),
            ..Status::default()
        },
        method: "GET".into(),
        url: "/api/v1/pods".into(),
    }))
}

pub(super) fn bookmark(rv: &str) -> WatchEvent<Pod> {
    WatchEvent::Bookmark(Bookmark {
        metadata: BookmarkMeta {
            resource_version: rv.into(),
            ..BookmarkMeta::default()
        },
    })
}

/// How a scripted watch behaves.
enum WatchScript {
    /// These events, then the server closes the watch.
    Events(Vec<Result<WatchEvent<Pod>>>),
    /// These events, then nothing more (the watch stays open).
    EventsThenHang(Vec<Result<WatchEvent<Pod>>>),
    /// Opening the watch fails.
    Fail(Error),
}

#[derive(Default)]
struct Script {
    lists: Mutex<VecDeque<(Duration, Result<ObjectList<Pod>>)>>,
    watches: Mutex<VecDeque<WatchScript>>,
    calls: Mutex<Vec<(&'static str, ListOptions)>>,
}

#[derive(Clone, Default)]
struct Fake(Arc<Script>);

impl Fake {
    fn list(self, answer: Result<ObjectList<Pod>>) -> Self {
        self.slow_list(Duration::ZERO, answer)
    }
    /// A list the server takes `delay` to answer.
    fn slow_list(self, delay: Duration, answer: Result<ObjectList<Pod>>) -> Self {
        crate::poison::lock(&self.0.lists).push_back((delay, answer));
        self
    }
    fn watch(self, answer: WatchScript) -> Self {
        crate::poison::lock(&self.0.watches).push_back(answer);
        self
    }
    fn calls(&self) -> Vec<(&'static str, ListOptions)> {
        crate::poison::lock(&self.0.calls).clone()
    }
}

impl ListWatch<Pod> for Fake {
    fn list(&self, options: ListOptions) -> BoxFuture<'static, Result<ObjectList<Pod>>> {
        crate::poison::lock(&self.0.calls).push(("list", options));
        let answer = crate::poison::lock(&self.0.lists).pop_front();
        Box::pin(async move {
            match answer {
                Some((delay, a)) => {
                    tokio::time::sleep(delay).await;
                    a
                }
                None => std::future::pending().await,
            }
        })
    }

    fn watch(&self, options: ListOptions) -> BoxFuture<'static, Result<EventStream<Pod>>> {
        crate::poison::lock(&self.0.calls).push(("watch", options));
        let answer = crate::poison::lock(&self.0.watches).pop_front();
        Box::pin(async move {
            match answer {
                Some(WatchScript::Events(events)) => Ok(futures::stream::iter(events).boxed()),
                Some(WatchScript::EventsThenHang(events)) => Ok(futures::stream::iter(events)
                    .chain(futures::stream::pending())
                    .boxed()),
                Some(WatchScript::Fail(e)) => Err(e),
                None => std::future::pending().await,
            }
        })
    }
}

fn reflector(fake: &Fake) -> Reflector<Pod> {
    Reflector::new(fake.clone(), ReflectorConfig::default())
}

#[tokio::test(start_paused = true)]
async fn lists_then_watches_from_the_lists_version_with_bookmarks() {
    let fake = Fake::default()
        .list(list(vec![pod("a", "5", "Pending")], "10", None))
        .watch(WatchScript::Events(vec![
            Ok(WatchEvent::Added(pod("b", "11", "Pending"))),
            Ok(WatchEvent::Modified(pod("b", "12", "Running"))),
            Ok(bookmark("15")),
            Ok(WatchEvent::Deleted(pod("a", "16", "Pending"))),
        ]))
        .watch(WatchScript::EventsThenHang(vec![]));
    let mut r = reflector(&fake);
    assert_eq!(r.phase(), Phase::Listing);
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Page(vec![pod("a", "5", "Pending")])
    );
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Listed {
            resource_version: "10".into()
        }
    );
    assert_eq!(r.phase(), Phase::StartingWatch("10".into()));
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Added(pod("b", "11", "Pending"))
    );
    assert_eq!(r.phase(), Phase::Watching("11".into()));
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Modified(pod("b", "12", "Running"))
    );
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Bookmark {
            resource_version: "15".into()
        }
    );
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Deleted(pod("a", "16", "Pending"))
    );
    // The server closes the watch: the next one resumes from the last version seen, no relist.
    assert!(tokio::time::timeout(Duration::from_secs(1), r.step())
        .await
        .is_err());
    assert_eq!(r.phase(), Phase::Watching("16".into()));

    let calls = fake.calls();
    assert_eq!(calls.len(), 3);
    let (verb, first) = &calls[0];
    assert_eq!(
        (*verb, first.limit, first.resource_version.as_deref()),
        ("list", Some(500), None)
    );
    for (i, rv) in [(1, "10"), (2, "16")] {
        let (verb, watch) = &calls[i];
        assert_eq!(*verb, "watch");
        assert_eq!(watch.resource_version.as_deref(), Some(rv));
        assert!(watch.allow_watch_bookmarks);
        let timeout = watch.timeout_seconds.unwrap();
        assert!(
            (300..=600).contains(&timeout),
            "randomized like client-go: {timeout}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn follows_list_pages_and_restarts_an_expired_list() {
    let fake = Fake::default()
        .list(list(vec![pod("a", "1", "")], "", Some("c1")))
        .list(Err(api_error(410, "Expired")))
        .list(list(
            vec![pod("a", "1", ""), pod("b", "2", "")],
            "",
            Some("c2"),
        ))
        .list(list(vec![pod("c", "3", "")], "9", None));
    let mut r = reflector(&fake);
    assert!(matches!(r.step().await.unwrap(), ReflectorEvent::Page(p) if p.len() == 1));
    assert!(r.step().await.unwrap_err().is_gone());
    assert_eq!(
        r.phase(),
        Phase::Listing,
        "an expired continue token restarts the list at once"
    );
    assert!(matches!(r.step().await.unwrap(), ReflectorEvent::Page(p) if p.len() == 2));
    assert!(matches!(r.step().await.unwrap(), ReflectorEvent::Page(p) if p.len() == 1));
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Listed {
            resource_version: "9".into()
        }
    );
    let conts: Vec<Option<String>> = fake
        .calls()
        .into_iter()
        .map(|(_, o)| o.continue_token)
        .collect();
    assert_eq!(conts, [None, Some("c1".into()), None, Some("c2".into())]);
}

#[tokio::test(start_paused = true)]
async fn gone_relists_from_scratch() {
    let fake = Fake::default()
        .list(list(vec![], "10", None))
        .watch(WatchScript::Events(vec![
            Ok(WatchEvent::Added(pod("a", "11", ""))),
            Err(api_error(410, "Expired")),
        ]))
        .list(list(vec![pod("a", "20", "")], "20", None))
        .watch(WatchScript::Fail(api_error(410, "Gone")))
        .list(list(vec![], "30", None));
    let mut r = reflector(&fake);
    r.step().await.unwrap();
    r.step().await.unwrap();
    r.step().await.unwrap();
    assert!(r.step().await.unwrap_err().is_gone());
    assert_eq!(r.phase(), Phase::BackingOff, "relists wait, as client-go's");
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Page(vec![pod("a", "20", "")])
    );
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Listed {
            resource_version: "20".into()
        }
    );
    assert!(
        r.step().await.unwrap_err().is_gone(),
        "410 when opening the watch"
    );
    assert_eq!(r.phase(), Phase::BackingOff);
    assert_eq!(r.step().await.unwrap(), ReflectorEvent::Page(vec![]));
}

#[tokio::test(start_paused = true)]
async fn errors_back_off_exponentially_with_jitter_and_resume() {
    let fake = Fake::default()
        .list(Err(api_error(500, "InternalError")))
        .list(Err(api_error(500, "InternalError")))
        .list(list(vec![], "10", None))
        .watch(WatchScript::Fail(api_error(503, "ServiceUnavailable")))
        .watch(WatchScript::Events(vec![Err(api_error(
            500,
            "InternalError",
        ))]))
        .watch(WatchScript::EventsThenHang(vec![Ok(WatchEvent::Added(
            pod("a", "12", ""),
        ))]));
    let mut r = reflector(&fake);
    assert!(r.step().await.is_err());
    assert_eq!(r.phase(), Phase::BackingOff);
    let start = tokio::time::Instant::now();
    assert!(r.step().await.is_err());
    let first = start.elapsed();
    assert!(
        first >= Duration::from_millis(800) && first <= Duration::from_millis(1600),
        "{first:?}"
    );
    let start = tokio::time::Instant::now();
    assert_eq!(r.step().await.unwrap(), ReflectorEvent::Page(vec![]));
    let second = start.elapsed();
    assert!(
        second >= Duration::from_millis(1600) && second <= Duration::from_millis(3200),
        "{second:?}"
    );
    assert!(matches!(
        r.step().await.unwrap(),
        ReflectorEvent::Listed { .. }
    ));
    // A failed watch start and a failed watch both resume from the same version after a fresh backoff.
    assert!(r.step().await.is_err());
    assert!(r.step().await.is_err());
    assert_eq!(
        r.step().await.unwrap(),
        ReflectorEvent::Added(pod("a", "12", ""))
    );
    let watches: Vec<String> = fake
        .calls()
        .into_iter()
        .filter(|(v, _)| *v == "watch")
        .map(|(_, o)| o.resource_version.unwrap())
        .collect();
    assert_eq!(watches, ["10", "10", "10"]);
}

#[tokio::test(start_paused = true)]
async fn step_is_cancel_safe() {
    let fake = Fake::default()
        .list(list(vec![], "10", None))
        .watch(WatchScript::EventsThenHang(vec![]));
    let mut r = reflector(&fake);
    r.step().await.unwrap();
    r.step().await.unwrap();
    for _ in 0..3 {
        assert!(tokio::time::timeout(Duration::from_millis(10), r.step())
            .await
            .is_err());
    }
    assert_eq!(r.phase(), Phase::Watching("10".into()));
    assert_eq!(
        fake.calls().len(),
        2,
        "the open watch was kept, not reopened"
    );
}

#[tokio::test(start_paused = true)]
async fn step_is_cancel_safe_while_listing_and_backing_off() {
    let fake = Fake::default()
        .list(Err(api_error(500, "InternalError")))
        .slow_list(Duration::from_secs(15), list(vec![], "10", None))
        .watch(WatchScript::EventsThenHang(vec![]));
    let mut r = reflector(&fake);
    let start = tokio::time::Instant::now();
    assert!(r.step().await.is_err());
    // Cancelled every 100 ms: the backoff keeps its deadline, the slow list stays in flight.
    let mut event = None;
    for _ in 0..1000 {
        if let Ok(e) = tokio::time::timeout(Duration::from_millis(100), r.step()).await {
            event = Some(e.unwrap());
            break;
        }
    }
    assert_eq!(event, Some(ReflectorEvent::Page(vec![])));
    let took = start.elapsed();
    assert!(
        took >= Duration::from_secs(15) && took <= Duration::from_millis(16_700),
        "{took:?}"
    );
    assert_eq!(fake.calls().len(), 2, "the list was sent once, not again");
}

/// A server that answers every list at once and every watch the same way,
/// and stops answering after 100 calls (so a reflector that never waits
/// cannot spin for ever).
#[derive(Clone)]
struct Endless {
    watch: fn() -> Result<EventStream<Pod>>,
    calls: Arc<Mutex<Vec<&'static str>>>,
}

impl Endless {
    fn new(watch: fn() -> Result<EventStream<Pod>>) -> Self {
        Self {
            watch,
            calls: Arc::default(),
        }
    }
    fn count(&self, verb: &str) -> usize {
        crate::poison::lock(&self.calls)
            .iter()
            .filter(|v| **v == verb)
            .count()
    }
    /// Records a call; false once the server has stopped answering.
    fn call(&self, verb: &'static str) -> bool {
        let mut calls = crate::poison::lock(&self.calls);
        calls.push(verb);
        calls.len() <= 100
    }
}

impl ListWatch<Pod> for Endless {
    fn list(&self, _: ListOptions) -> BoxFuture<'static, Result<ObjectList<Pod>>> {
        if !self.call("list") {
            return Box::pin(std::future::pending());
        }
        Box::pin(async { list(vec![pod("a", "1", "")], "1", None) })
    }
    fn watch(&self, _: ListOptions) -> BoxFuture<'static, Result<EventStream<Pod>>> {
        if !self.call("watch") {
            return Box::pin(std::future::pending());
        }
        let answer = (self.watch)();
        Box::pin(async move { answer })
    }
}

/// Steps `reflector` for `window` of virtual time; returns how many calls of `verb` `source` saw.
async fn calls_within(
    reflector: &mut Reflector<Pod>,
    source: &Endless,
    verb: &str,
    window: Duration,
) -> usize {
    let _ = tokio::time::timeout(window, async {
        loop {
            let _ = reflector.step().await;
        }
    })
    .await;
    source.count(verb)
}

#[tokio::test(start_paused = true)]
async fn gone_and_watches_that_end_at_once_back_off_like_client_go() {
    // Waits of 800 ms doubling to 30 s, each with up to as much again of
    // jitter: six of them take at most 79.6 s and seven at least 80.4 s,
    // so 80 s hold exactly seven calls.
    let window = Duration::from_secs(80);
    let gone_on_open: fn() -> Result<EventStream<Pod>> = || Err(api_error(410, "Gone"));
    let gone_in_stream: fn() -> Result<EventStream<Pod>> =
        || Ok(futures::stream::iter(vec![Err(api_error(410, "Expired"))]).boxed());
    for watch in [gone_on_open, gone_in_stream] {
        let source = Endless::new(watch);
        let mut r = Reflector::new(source.clone(), ReflectorConfig::default());
        assert_eq!(calls_within(&mut r, &source, "list", window).await, 7);
    }
    let closes_at_once: fn() -> Result<EventStream<Pod>> = || Ok(futures::stream::empty().boxed());
    let source = Endless::new(closes_at_once);
    let mut r = Reflector::new(source.clone(), ReflectorConfig::default());
    assert_eq!(calls_within(&mut r, &source, "watch", window).await, 7);
    assert_eq!(source.count("list"), 1, "a short watch resumes, no relist");

    // After two quiet minutes the waits start over from 800 ms.
    tokio::time::sleep(Duration::from_secs(30 + 121)).await;
    let window = Duration::from_millis(1700);
    assert_eq!(calls_within(&mut r, &source, "watch", window).await, 9);
}

#[tokio::test(start_paused = true)]
async fn an_expired_continue_token_restarts_the_list_at_once_only_once() {
    let fake = Fake::default()
        .list(list(vec![pod("a", "1", "")], "", Some("c1")))
        .list(Err(api_error(410, "Expired")))
        .list(list(vec![pod("a", "1", "")], "", Some("c2")))
        .list(Err(api_error(410, "Expired")))
        .list(list(vec![pod("a", "1", "")], "5", None));
    let mut r = reflector(&fake);
    r.step().await.unwrap();
    assert!(r.step().await.unwrap_err().is_gone());
    assert_eq!(r.phase(), Phase::Listing);
    r.step().await.unwrap();
    assert!(r.step().await.unwrap_err().is_gone());
    assert_eq!(r.phase(), Phase::BackingOff, "expired again: wait");
    r.step().await.unwrap();
    assert_eq!(r.phase(), Phase::StartingWatch("5".into()));
}

#[tokio::test(start_paused = true)]
async fn a_bookmark_without_a_version_keeps_the_resume_point() {
    let fake = Fake::default()
        .list(list(vec![], "10", None))
        .watch(WatchScript::Events(vec![
            Ok(WatchEvent::Added(pod("a", "11", ""))),
            Ok(bookmark("")),
            Ok(WatchEvent::Modified(pod("a", "12", ""))),
            Ok(bookmark("")),
        ]))
        .watch(WatchScript::EventsThenHang(vec![]));
    let mut r = reflector(&fake);
    for _ in 0..4 {
        r.step().await.unwrap();
    }
    assert!(tokio::time::timeout(Duration::from_secs(1), r.step())
        .await
        .is_err());
    assert_eq!(r.phase(), Phase::Watching("12".into()));
    let (verb, resumed) = fake.calls().pop().unwrap();
    assert_eq!(
        (verb, resumed.resource_version.as_deref()),
        ("watch", Some("12"))
    );
}

/// Records what handlers were told, as text.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn handler(&self) -> HandlerFns<Pod> {
        let (a, u, d) = (self.clone(), self.clone(), self.clone());
        HandlerFns::new()
            .on_add(move |p| a.push(format!("add {} {}", name(p), rv(p))))
            .on_update(move |o, n| u.push(format!("update {} {}->{}", name(n), rv(o), rv(n))))
            .on_delete(move |p| d.push(format!("delete {} {}", name(p), rv(p))))
    }
    fn push(&self, s: String) {
        crate::poison::lock(&self.0).push(s);
    }
    fn take(&self) -> Vec<String> {
        let mut v = std::mem::take(&mut *crate::poison::lock(&self.0));
        v.sort();
        v
    }
}

fn name(p: &Pod) -> &str {
    p.metadata.name.as_deref().unwrap()
}
fn rv(p: &Pod) -> &str {
    p.metadata.resource_version.as_deref().unwrap()
}

async fn settle() {
    for _ in 0..50 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn informer_caches_and_tells_handlers_including_missed_deletes() {
    let fake = Fake::default()
        .list(list(
            vec![pod("a", "1", ""), pod("b", "2", ""), pod("c", "3", "")],
            "3",
            None,
        ))
        .watch(WatchScript::Events(vec![
            Ok(WatchEvent::Modified(pod("a", "4", "Running"))),
            Ok(WatchEvent::Added(pod("d", "5", ""))),
            Ok(WatchEvent::Deleted(pod("c", "6", "gone"))),
            Err(api_error(410, "Expired")),
        ]))
        // While disconnected, b was deleted and d changed; a is unchanged.
        .list(list(
            vec![
                pod("a", "4", "Running"),
                pod("d", "9", "x"),
                pod("e", "8", ""),
            ],
            "9",
            None,
        ))
        .watch(WatchScript::EventsThenHang(vec![]));
    let informer = Informer::new(fake.clone(), InformerConfig::default());
    let log = Log::default();
    informer.add_handler(log.handler());
    assert!(!informer.has_synced());
    let running = tokio::spawn({
        let informer = informer.clone();
        async move { informer.run().await }
    });
    informer.wait_for_sync().await;
    // The relist after the 410 comes after a backoff.
    tokio::time::sleep(Duration::from_secs(2)).await;
    settle().await;
    let store = informer.store();
    let kept = store.get("ns/a").unwrap();
    assert_eq!(store.keys(), ["ns/a", "ns/d", "ns/e"]);
    assert_eq!(
        log.take(),
        [
            "add a 1",
            "add b 2",
            "add c 3",
            "add d 5",
            "add e 8",
            "delete b 2",
            "delete c 6",
            "update a 1->4",
            "update d 5->9",
        ]
    );
    // The relist found `a` unchanged and kept the cached copy instead of the fresh one.
    assert_eq!(rv(&kept), "4");
    running.abort();
}

#[tokio::test(start_paused = true)]
async fn a_failing_list_is_seen_as_the_last_error_until_the_server_answers() {
    let fake = Fake::default()
        .list(Err(api_error(403, "Forbidden")))
        .list(Err(api_error(403, "Forbidden")))
        .list(list(vec![pod("a", "1", "")], "1", None))
        .watch(WatchScript::EventsThenHang(vec![]));
    let informer = Informer::new(fake.clone(), InformerConfig::default());
    assert!(informer.last_error().is_none());
    let running = tokio::spawn({
        let informer = informer.clone();
        async move { informer.run().await }
    });
    settle().await;
    let error = informer.last_error().expect("the failed list");
    assert!(error.is_forbidden(), "{error}");
    assert!(!informer.has_synced());
    let unsynced = informer.unsynced().expect("not synced");
    assert_eq!(unsynced.kind, "Pod");
    assert!(unsynced.last_error.is_some_and(|e| e.is_forbidden()));

    informer.wait_for_sync().await;
    assert!(informer.last_error().is_none(), "cleared by the list");
    assert!(informer.unsynced().is_none());
    assert_eq!(fake.calls().iter().filter(|(c, _)| *c == "list").count(), 3);
    running.abort();
}

#[tokio::test(start_paused = true)]
async fn transform_resync_and_late_handlers() {
    let fake = Fake::default()
        .list(list(vec![pod("a", "1", "")], "1", None))
        .watch(WatchScript::EventsThenHang(vec![]));
    let config = InformerConfig {
        resync: Some(Duration::from_secs(30)),
        transform: Some(Arc::new(|mut p: Pod| {
            p.metadata.labels.clear();
            p
        })),
        ..InformerConfig::default()
    };
    let informer = Informer::new(fake, config);
    let running = tokio::spawn({
        let informer = informer.clone();
        async move { informer.run().await }
    });
    informer.wait_for_sync().await;
    assert!(
        informer
            .store()
            .get("ns/a")
            .unwrap()
            .metadata
            .labels
            .is_empty(),
        "transformed before caching"
    );
    let log = Log::default();
    informer.add_handler(log.handler());
    assert_eq!(
        log.take(),
        ["add a 1"],
        "a late handler gets the cache replayed"
    );
    tokio::time::sleep(Duration::from_secs(31)).await;
    settle().await;
    assert_eq!(log.take(), ["update a 1->1"], "resync");
    running.abort();
}

/// Counts what handlers were told.
#[derive(Clone, Default)]
struct Counts(Arc<Mutex<(usize, usize)>>);

impl Counts {
    fn handler(&self) -> HandlerFns<Pod> {
        let (a, u) = (self.clone(), self.clone());
        HandlerFns::new()
            .on_add(move |_| crate::poison::lock(&a.0).0 += 1)
            .on_update(move |_, _| crate::poison::lock(&u.0).1 += 1)
    }
    fn adds_and_updates(&self) -> (usize, usize) {
        *crate::poison::lock(&self.0)
    }
}

#[tokio::test(start_paused = true)]
async fn a_resync_shorter_than_a_backoff_or_a_slow_list_does_not_stall_the_informer() {
    let a = || list(vec![pod("a", "1", "")], "1", None);
    let failing = (0..5)
        .fold(Fake::default(), |f, _| {
            f.list(Err(api_error(500, "InternalError")))
        })
        .list(a());
    let slow = Fake::default().slow_list(Duration::from_secs(25), a());
    for fake in [failing, slow] {
        let fake = fake.watch(WatchScript::EventsThenHang(vec![]));
        let config = InformerConfig {
            resync: Some(Duration::from_secs(10)),
            ..InformerConfig::default()
        };
        let informer = Informer::new(fake, config);
        let counts = Counts::default();
        informer.add_handler(counts.handler());
        let running = tokio::spawn({
            let informer = informer.clone();
            async move { informer.run().await }
        });
        tokio::time::sleep(Duration::from_secs(3600)).await;
        assert!(informer.has_synced());
        assert_eq!(informer.store().keys(), ["ns/a"]);
        let (adds, updates) = counts.adds_and_updates();
        assert_eq!(adds, 1);
        assert!(updates >= 350, "resyncs still come every 10 s: {updates}");
        running.abort();
    }
}

#[test]
fn store_indexes_follow_updates_and_removals() {
    let store: Store<Pod> = Store::new();
    store.add_index("phase", |p: &Pod| vec![p.phase.clone()]);
    store.apply(Arc::new(pod("a", "1", "Pending")));
    store.apply(Arc::new(pod("b", "1", "Pending")));
    let mut other = pod("c", "1", "Running");
    other.metadata.namespace = Some("other".into());
    store.apply(Arc::new(other));
    assert_eq!(store.by_index("phase", "Pending").len(), 2);
    assert_eq!(store.by_index(NAMESPACE_INDEX, "other").len(), 1);
    store.apply(Arc::new(pod("a", "2", "Running")));
    assert_eq!(store.by_index("phase", "Pending").len(), 1);
    assert_eq!(store.by_index("phase", "Running").len(), 2);
    store.remove("ns/b");
    assert!(store.by_index("phase", "Pending").is_empty());
    assert_eq!(store.index_values("phase"), ["Running"]);
    assert!(store.by_index("nope", "x").is_empty());
    let old = store.replace([("ns/z".to_owned(), Arc::new(pod("z", "1", "Done")))].into());
    assert_eq!(old.len(), 2);
    assert_eq!(store.index_values("phase"), ["Done"]);
    assert_eq!(store.by_index(NAMESPACE_INDEX, "ns").len(), 1);
}

#[test]
fn listers_read_by_namespace_name_and_selector() {
    let store: Store<Pod> = Store::new();
    store.apply(Arc::new(pod("a", "1", "")));
    store.apply(Arc::new(pod("b", "1", "")));
    let mut elsewhere = pod("a", "1", "");
    elsewhere.metadata.namespace = Some("other".into());
    store.apply(Arc::new(elsewhere));
    let lister = Lister::new(store);
    assert!(lister.namespace("ns").get("a").is_some());
    assert!(lister.namespace("ns").get("zzz").is_none());
    let selector: Selector = "app in (a)".parse().unwrap();
    assert_eq!(lister.namespace("ns").list(&selector).len(), 1);
    assert_eq!(lister.list(&selector).len(), 2);
    assert_eq!(lister.list(&Selector::default()).len(), 3);
}
