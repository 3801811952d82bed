//! The reflector: list, then watch from the list's resourceVersion with
//! bookmarks; after a dropped watch resume from the last resourceVersion
//! seen; relist on 410 Gone; back off exponentially, with jitter, on errors.
//! An explicit state machine: each [`Reflector::step`] yields one event or
//! one error, so tests can drive it step by step.

use std::collections::VecDeque;
use std::time::Duration;

use futures::{Stream, StreamExt};

use super::list_watch::{EventStream, ListWatch};
use crate::error::{Error, Result};
use crate::options::ListOptions;
use crate::resource::Resource;
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
    /// The first wait after an error (client-go: 800 ms).
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
    },
    StartWatch {
        resource_version: String,
    },
    Watching {
        resource_version: String,
        stream: EventStream<K>,
    },
    Backoff {
        wait: Duration,
        then: Box<State<K>>,
    },
}

/// Lists and watches one collection, forever.
pub struct Reflector<K> {
    source: Box<dyn ListWatch<K>>,
    config: ReflectorConfig,
    state: State<K>,
    pending: VecDeque<ReflectorEvent<K>>,
    failures: u32,
}

impl<K: Resource> Reflector<K> {
    /// A reflector over `source`, starting with a list.
    pub fn new(source: impl ListWatch<K>, config: ReflectorConfig) -> Self {
        Self {
            source: Box::new(source),
            config,
            state: State::List {
                continue_token: None,
            },
            pending: VecDeque::new(),
            failures: 0,
        }
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        match &self.state {
            State::List { .. } => Phase::Listing,
            State::StartWatch { resource_version } => {
                Phase::StartingWatch(resource_version.clone())
            }
            State::Watching {
                resource_version, ..
            } => Phase::Watching(resource_version.clone()),
            State::Backoff { .. } => Phase::BackingOff,
        }
    }

    fn list_options(&self) -> ListOptions {
        ListOptions {
            label_selector: self.config.label_selector.clone(),
            field_selector: self.config.field_selector.clone(),
            ..ListOptions::default()
        }
    }

    /// The next event, or the error that interrupted listing or watching.
    /// After an error the reflector has already chosen what to do next
    /// (relist after 410 Gone, else back off and resume). Cancel-safe: a
    /// dropped `step` loses no state (a request in flight is simply made again).
    pub async fn step(&mut self) -> Result<ReflectorEvent<K>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Ok(event);
            }
            match &mut self.state {
                State::Backoff { wait, .. } => {
                    tokio::time::sleep(*wait).await;
                    let done = std::mem::replace(
                        &mut self.state,
                        State::List {
                            continue_token: None,
                        },
                    );
                    if let State::Backoff { then, .. } = done {
                        self.state = *then;
                    }
                }
                State::List { continue_token } => {
                    let continue_token = continue_token.clone();
                    let mut options = self.list_options();
                    options.limit = self.config.page_size;
                    options.continue_token = continue_token.clone();
                    match self.source.list(options).await {
                        Ok(page) => {
                            self.failures = 0;
                            let next = page.metadata.continue_.clone().filter(|t| !t.is_empty());
                            self.pending.push_back(ReflectorEvent::Page(page.items));
                            match next {
                                Some(token) => {
                                    self.state = State::List {
                                        continue_token: Some(token),
                                    }
                                }
                                None => {
                                    let resource_version =
                                        page.metadata.resource_version.unwrap_or_default();
                                    self.pending.push_back(ReflectorEvent::Listed {
                                        resource_version: resource_version.clone(),
                                    });
                                    self.state = State::StartWatch { resource_version };
                                }
                            }
                        }
                        // An expired continue token: start the list over (client-go does too).
                        Err(e) if e.is_gone() && continue_token.is_some() => {
                            self.state = State::List {
                                continue_token: None,
                            };
                            return Err(e);
                        }
                        Err(e) => {
                            return Err(self.fail(
                                e,
                                State::List {
                                    continue_token: None,
                                },
                            ))
                        }
                    }
                }
                State::StartWatch { resource_version } => {
                    let resource_version = resource_version.clone();
                    let mut options = self.list_options();
                    options.resource_version = Some(resource_version.clone());
                    options.allow_watch_bookmarks = true;
                    options.timeout_seconds = Some(self.watch_timeout());
                    match self.source.watch(options).await {
                        Ok(stream) => {
                            self.state = State::Watching {
                                resource_version,
                                stream,
                            }
                        }
                        Err(e) if e.is_gone() => {
                            self.state = State::List {
                                continue_token: None,
                            };
                            return Err(e);
                        }
                        Err(e) => return Err(self.fail(e, State::StartWatch { resource_version })),
                    }
                }
                State::Watching {
                    resource_version,
                    stream,
                } => match stream.next().await {
                    None => {
                        // The server closed the watch (its timeout): resume where it ended.
                        let resource_version = std::mem::take(resource_version);
                        self.state = State::StartWatch { resource_version };
                    }
                    Some(Ok(event)) => {
                        self.failures = 0;
                        return Ok(match event {
                            WatchEvent::Added(o) => {
                                seen(resource_version, o, ReflectorEvent::Added)
                            }
                            WatchEvent::Modified(o) => {
                                seen(resource_version, o, ReflectorEvent::Modified)
                            }
                            WatchEvent::Deleted(o) => {
                                seen(resource_version, o, ReflectorEvent::Deleted)
                            }
                            WatchEvent::Bookmark(b) => {
                                resource_version.clone_from(&b.metadata.resource_version);
                                ReflectorEvent::Bookmark {
                                    resource_version: b.metadata.resource_version,
                                }
                            }
                        });
                    }
                    Some(Err(e)) if e.is_gone() => {
                        self.state = State::List {
                            continue_token: None,
                        };
                        return Err(e);
                    }
                    Some(Err(e)) => {
                        let resource_version = std::mem::take(resource_version);
                        return Err(self.fail(e, State::StartWatch { resource_version }));
                    }
                },
            }
        }
    }

    /// Records a failure and schedules `then` after a backoff.
    fn fail(&mut self, error: Error, then: State<K>) -> Error {
        self.failures += 1;
        let wait = self.backoff(self.failures);
        tracing::debug!(error = %error, wait_ms = wait.as_millis() as u64, "reflector backing off");
        self.state = State::Backoff {
            wait,
            then: Box::new(then),
        };
        error
    }

    /// Exponential backoff with full jitter on top: between base and twice base.
    fn backoff(&self, failures: u32) -> Duration {
        let base = self
            .config
            .initial_backoff
            .saturating_mul(1 << failures.saturating_sub(1).min(16));
        let base = base.min(self.config.max_backoff);
        base.mul_f64(1.0 + fastrand::f64())
            .min(self.config.max_backoff)
    }

    /// A watch timeout between the minimum and twice it, so that many watchers
    /// do not all reconnect at once.
    fn watch_timeout(&self) -> u32 {
        let min = self.config.min_watch_timeout.as_secs_f64();
        (min * (1.0 + fastrand::f64())).round().max(1.0) as u32
    }

    /// The reflector as an endless stream of events and errors.
    pub fn into_stream(self) -> impl Stream<Item = Result<ReflectorEvent<K>>> + Send {
        futures::stream::unfold(self, |mut reflector| async move {
            let item = reflector.step().await;
            Some((item, reflector))
        })
    }
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
