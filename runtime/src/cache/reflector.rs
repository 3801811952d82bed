//! The reflector: list, then watch from the list's resourceVersion with
//! bookmarks; after a dropped watch resume from the last resourceVersion
//! seen; relist on 410 Gone; back off exponentially, with jitter, on errors,
//! before relists and after watches that end at once.
//! An explicit state machine: each [`Reflector::step`] yields one event or
//! one error, so tests can drive it step by step.

use std::collections::VecDeque;
use std::time::Duration;

use futures::future::BoxFuture;
use futures::{Stream, StreamExt};
use tokio::time::Instant;

use super::backoff::Backoff;
use super::list_watch::{EventStream, ListWatch};
use crate::error::{Error, Result};
use crate::options::ListOptions;
use crate::resource::{ObjectList, Resource};
use crate::watch::WatchEvent;

/// What a reflector reports.
#[derive(Debug, PartialEq)]
pub enum ReflectorEvent<K> {
    /// A page of a (re)list. The pages of one list, then [`Listed`](Self::Listed),
    /// together are the whole state of the collection.
    Page(Vec<K>),
    /// The list is complete: replace everything known with its pages.
    Listed {
        /// The list's resourceVersion, where the watch starts.
        resource_version: String,
    },
    /// An object was added.
    Added(K),
    /// An object changed.
    Modified(K),
    /// An object was deleted (its last state).
    Deleted(K),
    /// The watch has seen everything up to here.
    Bookmark {
        /// The bookmark's resourceVersion.
        resource_version: String,
    },
}

/// The phase a reflector is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Listing (from scratch, or the next page).
    Listing,
    /// About to open a watch from a resourceVersion.
    StartingWatch(String),
    /// Reading a watch.
    Watching(String),
    /// Waiting before trying again.
    BackingOff,
}

/// Tunables, with client-go's defaults.
#[derive(Clone, Debug)]
pub struct ReflectorConfig {
    /// Objects per list page (client-go's 500); `None` lists in one request.
    pub page_size: Option<u32>,
    /// Watches time out after between this and twice this (randomized, as client-go).
    pub min_watch_timeout: Duration,
    /// Only objects with these labels.
    pub label_selector: Option<String>,
    /// Only objects with these fields.
    pub field_selector: Option<String>,
    /// The first wait after an error, a 410 Gone or a watch that ended at once (client-go: 800 ms).
    pub initial_backoff: Duration,
    /// The longest wait (client-go: 30 s).
    pub max_backoff: Duration,
}

impl Default for ReflectorConfig {
    fn default() -> Self {
        Self {
            page_size: Some(500),
            min_watch_timeout: Duration::from_secs(300),
            label_selector: None,
            field_selector: None,
            initial_backoff: Duration::from_millis(800),
            max_backoff: Duration::from_secs(30),
        }
    }
}

enum State<K> {
    List {
        continue_token: Option<String>,
        /// This list already started over once after its continue token expired.
        restarted: bool,
        /// The page request in flight, kept when `step` is dropped.
        request: Option<BoxFuture<'static, Result<ObjectList<K>>>>,
    },
    StartWatch {
        resource_version: String,
        /// The watch request in flight, kept when `step` is dropped.
        request: Option<BoxFuture<'static, Result<EventStream<K>>>>,
    },
    Watching {
        resource_version: String,
        stream: EventStream<K>,
        opened: Instant,
        /// No event has come yet.
        quiet: bool,
    },
    Backoff {
        until: Instant,
        then: Box<State<K>>,
    },
}

impl<K> State<K> {
    fn list() -> Self {
        State::List {
            continue_token: None,
            restarted: false,
            request: None,
        }
    }

    fn start_watch(resource_version: String) -> Self {
        State::StartWatch {
            resource_version,
            request: None,
        }
    }
}

/// A watch that ends this soon without an event counts as trouble (client-go's "very short watch").
const SHORT_WATCH: Duration = Duration::from_secs(1);

/// Lists and watches one collection, forever.
pub struct Reflector<K> {
    source: Box<dyn ListWatch<K>>,
    config: ReflectorConfig,
    state: State<K>,
    pending: VecDeque<ReflectorEvent<K>>,
    backoff: Backoff,
}

impl<K: Resource> Reflector<K> {
    /// A reflector over `source`, starting with a list.
    pub fn new(source: impl ListWatch<K>, config: ReflectorConfig) -> Self {
        let backoff = Backoff::new(config.initial_backoff, config.max_backoff);
        Self {
            source: Box::new(source),
            config,
            state: State::list(),
            pending: VecDeque::new(),
            backoff,
        }
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        match &self.state {
            State::List { .. } => Phase::Listing,
            State::StartWatch {
                resource_version, ..
            } => Phase::StartingWatch(resource_version.clone()),
            State::Watching {
                resource_version, ..
            } => Phase::Watching(resource_version.clone()),
            State::Backoff { .. } => Phase::BackingOff,
        }
    }

    /// The next event, or the error that interrupted listing or watching.
    /// After an error the reflector has already chosen what to do next
    /// (relist after 410 Gone, else resume), and waits before doing it.
    /// Cancel-safe: a dropped `step` loses nothing; the next one goes on
    /// with the same request in flight or the same wait.
    pub async fn step(&mut self) -> Result<ReflectorEvent<K>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Ok(event);
            }
            match &mut self.state {
                State::Backoff { until, .. } => {
                    tokio::time::sleep_until(*until).await;
                    if let State::Backoff { then, .. } =
                        std::mem::replace(&mut self.state, State::list())
                    {
                        self.state = *then;
                    }
                }
                State::List {
                    continue_token,
                    restarted,
                    request,
                } => {
                    let request = request.get_or_insert_with(|| {
                        let mut options = list_options(&self.config);
                        options.limit = self.config.page_size;
                        options.continue_token = continue_token.clone();
                        self.source.list(options)
                    });
                    let answer = request.await;
                    let (expiring, restarted) = (continue_token.is_some(), *restarted);
                    match answer {
                        Ok(page) => {
                            let next = page.metadata.continue_.clone().filter(|t| !t.is_empty());
                            self.pending.push_back(ReflectorEvent::Page(page.items));
                            self.state = match next {
                                Some(token) => State::List {
                                    continue_token: Some(token),
                                    restarted,
                                    request: None,
                                },
                                None => {
                                    let resource_version =
                                        page.metadata.resource_version.unwrap_or_default();
                                    self.pending.push_back(ReflectorEvent::Listed {
                                        resource_version: resource_version.clone(),
                                    });
                                    State::start_watch(resource_version)
                                }
                            };
                        }
                        // An expired continue token: start the list over at once,
                        // once (client-go does too); expiring again backs off.
                        Err(e) if e.is_gone() && expiring && !restarted => {
                            self.state = State::List {
                                continue_token: None,
                                restarted: true,
                                request: None,
                            };
                            return Err(e);
                        }
                        Err(e) => return Err(self.fail(e, State::list())),
                    }
                }
                State::StartWatch {
                    resource_version,
                    request,
                } => {
                    let request = request.get_or_insert_with(|| {
                        let mut options = list_options(&self.config);
                        options.resource_version = Some(resource_version.clone());
                        options.allow_watch_bookmarks = true;
                        options.timeout_seconds = Some(watch_timeout(&self.config));
                        self.source.watch(options)
                    });
                    let answer = request.await;
                    let resource_version = std::mem::take(resource_version);
                    match answer {
                        Ok(stream) => {
                            self.state = State::Watching {
                                resource_version,
                                stream,
                                opened: Instant::now(),
                                quiet: true,
                            }
                        }
                        Err(e) if e.is_gone() => return Err(self.fail(e, State::list())),
                        Err(e) => return Err(self.fail(e, State::start_watch(resource_version))),
                    }
                }
                State::Watching {
                    resource_version,
                    stream,
                    opened,
                    quiet,
                } => match stream.next().await {
                    None => {
                        // The server closed the watch (its timeout): resume where it ended,
                        // after a wait if it closed at once without a word.
                        let short = *quiet && opened.elapsed() < SHORT_WATCH;
                        let then = State::start_watch(std::mem::take(resource_version));
                        if short {
                            self.wait_then(&"the watch ended at once", then);
                        } else {
                            self.state = then;
                        }
                    }
                    Some(Ok(event)) => {
                        *quiet = false;
                        match event {
                            WatchEvent::Added(o) => {
                                return Ok(seen(resource_version, o, ReflectorEvent::Added))
                            }
                            WatchEvent::Modified(o) => {
                                return Ok(seen(resource_version, o, ReflectorEvent::Modified))
                            }
                            WatchEvent::Deleted(o) => {
                                return Ok(seen(resource_version, o, ReflectorEvent::Deleted))
                            }
                            // Nothing to resume from: keep the version we have.
                            WatchEvent::Bookmark(b) if b.metadata.resource_version.is_empty() => {}
                            WatchEvent::Bookmark(b) => {
                                resource_version.clone_from(&b.metadata.resource_version);
                                return Ok(ReflectorEvent::Bookmark {
                                    resource_version: b.metadata.resource_version,
                                });
                            }
                        }
                    }
                    Some(Err(e)) if e.is_gone() => return Err(self.fail(e, State::list())),
                    Some(Err(e)) => {
                        let resource_version = std::mem::take(resource_version);
                        return Err(self.fail(e, State::start_watch(resource_version)));
                    }
                },
            }
        }
    }

    /// Schedules `then` after a backoff and hands the error back.
    fn fail(&mut self, error: Error, then: State<K>) -> Error {
        self.wait_then(&error, then);
        error
    }

    /// Schedules `then` after the next backoff.
    fn wait_then(&mut self, why: &dyn std::fmt::Display, then: State<K>) {
        let wait = self.backoff.next_wait();
        tracing::debug!(
            kind = K::KIND,
            why = %why,
            wait_ms = wait.as_millis() as u64,
            "reflector backing off"
        );
        self.state = State::Backoff {
            until: Instant::now() + wait,
            then: Box::new(then),
        };
    }

    /// The reflector as an endless stream of events and errors.
    pub fn into_stream(self) -> impl Stream<Item = Result<ReflectorEvent<K>>> + Send {
        futures::stream::unfold(self, |mut reflector| async move {
            let item = reflector.step().await;
            Some((item, reflector))
        })
    }
}

fn list_options(config: &ReflectorConfig) -> ListOptions {
    ListOptions {
        label_selector: config.label_selector.clone(),
        field_selector: config.field_selector.clone(),
        ..ListOptions::default()
    }
}

/// A watch timeout between the minimum and twice it, so that many watchers
/// do not all reconnect at once.
fn watch_timeout(config: &ReflectorConfig) -> u32 {
    let min = config.min_watch_timeout.as_secs_f64();
    (min * (1.0 + fastrand::f64())).round().max(1.0) as u32
}

/// Advances the watch's resourceVersion to the object's and wraps it.
fn seen<K: Resource>(
    resource_version: &mut String,
    object: K,
    wrap: fn(K) -> ReflectorEvent<K>,
) -> ReflectorEvent<K> {
    if let Some(rv) = object
        .metadata()
        .resource_version
        .as_ref()
        .filter(|rv| !rv.is_empty())
    {
        rv.as_str().clone_into(resource_version);
    }
    wrap(object)
}
