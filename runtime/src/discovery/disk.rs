//! Discovery kept on disk between processes, as kubectl keeps it under
//! `~/.kube/cache/discovery`: a command-line tool starts often, and each
//! start would otherwise fetch dozens of documents that rarely change.
//!
//! One JSON file per server holds the documents exactly as served; a
//! group-version that failed is left out, so the next reader fetches just
//! that one (kubectl keeps one file per group-version to the same end). The
//! cache never makes discovery fail: a missing, stale, unreadable or foreign
//! file is ignored (and logged at debug level), and so is a failed write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::fetch::Documents;
use super::wire::{ApiGroupList, ApiResourceList, ApiVersions};

/// The file's layout version; a file of another layout is ignored.
const FORMAT: u32 = 1;

/// Where and for how long discovery of one server is kept on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskCache {
    file: PathBuf,
    server: String,
    ttl: Duration,
}

impl DiskCache {
    /// How long a cached answer is used: six hours, as kubectl.
    pub const DEFAULT_TTL: Duration = Duration::from_secs(6 * 60 * 60);

    /// The cache of the server at `server` (the cluster URL) under `base`:
    /// `<base>/<host_port>/kubegen.json`, beside kubectl's own files there.
    pub fn new(base: impl AsRef<Path>, server: &reqwest::Url) -> Self {
        let server = server.as_str().trim_end_matches('/').to_string();
        let file = base.as_ref().join(server_dir(&server)).join("kubegen.json");
        DiskCache {
            file,
            server,
            ttl: Self::DEFAULT_TTL,
        }
    }

    /// The cache of `server` in kubectl's folder: `$KUBECACHEDIR/discovery`,
    /// else `~/.kube/cache/discovery`; `None` when neither variable is set.
    pub fn in_default_dir(server: &reqwest::Url) -> Option<Self> {
        let base = match std::env::var_os("KUBECACHEDIR") {
            Some(dir) => PathBuf::from(dir),
            None => PathBuf::from(std::env::var_os("HOME")?).join(".kube/cache"),
        };
        Some(Self::new(base.join("discovery"), server))
    }

    /// Keeps answers for `ttl` instead of [`DEFAULT_TTL`](Self::DEFAULT_TTL).
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The file it reads and writes.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The documents stored for this server, if fresh and readable.
    pub(crate) fn load(&self) -> Option<Documents> {
        let skip = |why: &str| {
            tracing::debug!(file = %self.file.display(), why, "discovery cache not used");
            None
        };
        let Ok(bytes) = std::fs::read(&self.file) else {
            return skip("no readable file");
        };
        let stored: Stored = match serde_json::from_slice(&bytes) {
            Ok(stored) => stored,
            Err(_) => return skip("not a discovery cache file"),
        };
        if stored.format != FORMAT || stored.server != self.server {
            return skip("another layout or another server");
        }
        let fetched_at = UNIX_EPOCH + Duration::from_millis(stored.fetched_at_unix_ms);
        let age = SystemTime::now()
            .duration_since(fetched_at)
            .unwrap_or_default();
        if age >= self.ttl {
            return skip("older than its time to live");
        }
        Some(Documents {
            fetched_at,
            core: stored.core,
            groups: stored.groups,
            lists: stored
                .lists
                .into_iter()
                .map(|(gv, l)| (gv, Ok(l)))
                .collect(),
        })
    }

    /// Stores `documents`, the group-versions that answered, replacing the
    /// file whole. Their age goes with them: completing a copy later does not
    /// make it younger.
    pub(crate) fn store(&self, documents: &Documents) {
        let lists = documents
            .lists
            .iter()
            .filter_map(|(gv, answer)| Some((gv.clone(), answer.as_ref().ok()?.clone())))
            .collect();
        let fetched_at_unix_ms = documents
            .fetched_at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let stored = Stored {
            format: FORMAT,
            server: self.server.clone(),
            fetched_at_unix_ms,
            core: documents.core.clone(),
            groups: documents.groups.clone(),
            lists,
        };
        if let Err(e) = self.write(&stored) {
            tracing::debug!(file = %self.file.display(), error = %e, "discovery cache not written");
        }
    }

    fn write(&self, stored: &Stored) -> std::io::Result<()> {
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Written aside and renamed, so a reader never sees half a file.
        let aside = self
            .file
            .with_extension(format!("json.{}.tmp", std::process::id()));
        std::fs::write(&aside, serde_json::to_vec(stored)?)?;
        std::fs::rename(&aside, &self.file).inspect_err(|_| {
            let _ = std::fs::remove_file(&aside);
        })
    }
}

/// The file's content: the documents as served, and whose they are.
#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    server: String,
    fetched_at_unix_ms: u64,
    core: ApiVersions,
    groups: ApiGroupList,
    lists: BTreeMap<String, ApiResourceList>,
}

/// A folder name for a server, as kubectl makes it: the URL without its
/// scheme, every character but letters, digits, `.`, `-` and `_` as `_`.
fn server_dir(server: &str) -> String {
    let bare = server
        .strip_prefix("https://")
        .or_else(|| server.strip_prefix("http://"))
        .unwrap_or(server);
    bare.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
