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

/// The largest cache file read: far above any real server's discovery.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// Where and for how long discovery of one server is kept on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskCache {
    file: PathBuf,
    server: String,
    ttl: Duration,
    max_bytes: u64,
}

impl DiskCache {
    /// How long a cached answer is used: six hours, as kubectl.
    pub const DEFAULT_TTL: Duration = Duration::from_secs(6 * 60 * 60);

    /// The cache of the server at `server` (the cluster URL) under `base`:
    /// `<base>/<host_port>/kubegen.json`, beside kubectl's own files there.
    pub fn new(base: impl AsRef<Path>, server: &url::Url) -> Self {
        let server = server.as_str().trim_end_matches('/').to_string();
        let file = base.as_ref().join(server_dir(&server)).join("kubegen.json");
        DiskCache {
            file,
            server,
            ttl: Self::DEFAULT_TTL,
            max_bytes: MAX_FILE_BYTES,
        }
    }

    /// The cache of `server` in kubectl's folder: `$KUBECACHEDIR/discovery`,
    /// else `~/.kube/cache/discovery`; `None` when there is no home folder.
    pub fn in_default_dir(server: &url::Url) -> Option<Self> {
        let base = match std::env::var_os("KUBECACHEDIR") {
            Some(dir) => PathBuf::from(dir),
            None => std::env::home_dir()?.join(".kube/cache"),
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
        let Ok(bytes) = read_at_most(&self.file, self.max_bytes) else {
            return skip("no readable file");
        };
        let Some(bytes) = bytes else {
            return skip("larger than any discovery cache file");
        };
        let stored: Stored = match serde_json::from_slice(&bytes) {
            Ok(stored) => stored,
            Err(_) => return skip("not a discovery cache file"),
        };
        if stored.format != FORMAT || stored.server != self.server {
            return skip("another layout or another server");
        }
        let fetched_at = UNIX_EPOCH + Duration::from_millis(stored.fetched_at_unix_ms);
        // A time in the future (a clock set back, a forged file) never expires: treat it as stale.
        match SystemTime::now().duration_since(fetched_at) {
            Ok(age) if age < self.ttl => {}
            Ok(_) => return skip("older than its time to live"),
            Err(_) => return skip("fetched in the future"),
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

    /// Writes through a new file of a random name in the same folder, created
    /// exclusively (so a planted symlink is never followed) with kubectl's
    /// modes (0660 files, 0750 folders), then renamed over the cache file, so
    /// a reader never sees half a file.
    fn write(&self, stored: &Stored) -> std::io::Result<()> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        create_private_dir(dir)?;
        let (aside, file) = create_aside(&self.file)?;
        let mut writer = std::io::BufWriter::new(file);
        let written = serde_json::to_writer(&mut writer, stored)
            .map_err(std::io::Error::from)
            .and_then(|()| std::io::Write::flush(&mut writer))
            .and_then(|()| std::fs::rename(&aside, &self.file));
        written.inspect_err(|_| {
            let _ = std::fs::remove_file(&aside);
        })
    }
}

/// The content of `file`, or `None` when it is longer than `limit` bytes.
fn read_at_most(file: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Creates `dir` and its missing parents, readable by owner and group only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o750);
    builder.create(dir)
}

/// A new file beside `file`, of a random name, created exclusively with mode 0660.
fn create_aside(file: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut last = None;
    for _ in 0..8 {
        let aside = file.with_extension(format!("json.{:016x}.tmp", fastrand::u64(..)));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o660);
        match options.open(&aside) {
            Ok(handle) => return Ok((aside, handle)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()))
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
