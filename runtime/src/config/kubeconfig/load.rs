//! Reading kubeconfig files and merging several as kubectl does.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::model::Kubeconfig;
use crate::config::{ConfigError, MissingKubeconfig};

impl Kubeconfig {
    /// Reads one kubeconfig file. Every entry remembers this file, so relative
    /// paths inside it resolve against its folder and errors can name it.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parses kubeconfig text; `path` is where it came from.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut config: Kubeconfig = if text.trim().is_empty() {
            Kubeconfig::default()
        } else {
            serde_yaml::from_str(text).map_err(|source| ConfigError::Parse {
                path: path.to_owned(),
                source: Box::new(source),
            })?
        };
        let origin = absolute(path);
        config
            .clusters
            .iter_mut()
            .for_each(|c| c.origin = origin.clone());
        config
            .users
            .iter_mut()
            .for_each(|u| u.origin = origin.clone());
        config
            .contexts
            .iter_mut()
            .for_each(|c| c.origin = origin.clone());
        Ok(config)
    }

    /// Reads and merges the files named by `KUBECONFIG` (separated by `:`),
    /// or `~/.kube/config` when it is unset. Listed files that do not exist
    /// are skipped, as kubectl skips them.
    pub fn from_env() -> Result<Self, ConfigError> {
        match std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty()) {
            Some(list) => {
                let paths: Vec<PathBuf> = std::env::split_paths(&list)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect();
                let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
                if existing.is_empty() {
                    return Err(ConfigError::NoKubeconfig(
                        MissingKubeconfig::ListedFilesMissing {
                            list: list.to_string_lossy().into_owned(),
                        },
                    ));
                }
                Self::read_merged(existing)
            }
            None => {
                // `$HOME`, else the user's entry in the password database.
                let home = std::env::home_dir()
                    .ok_or(ConfigError::NoKubeconfig(MissingKubeconfig::NoHome))?;
                let path = home.join(".kube").join("config");
                if !path.exists() {
                    return Err(ConfigError::NoKubeconfig(
                        MissingKubeconfig::DefaultMissing { path },
                    ));
                }
                Self::read(path)
            }
        }
    }

    /// Reads several files and merges them, the first file that sets a key winning.
    pub fn read_merged<P: AsRef<Path>>(
        paths: impl IntoIterator<Item = P>,
    ) -> Result<Self, ConfigError> {
        let mut merged = Kubeconfig::default();
        for path in paths {
            merged = merged.merge(Kubeconfig::read(path)?);
        }
        Ok(merged)
    }

    /// Merges `later` into `self`: entries of a name already present and
    /// scalar keys already set stay as they are (kubectl's "first wins").
    pub fn merge(mut self, later: Kubeconfig) -> Self {
        fn add<T>(into: &mut Vec<T>, from: Vec<T>, name: impl Fn(&T) -> &str) {
            let mut seen: BTreeSet<String> = into.iter().map(|e| name(e).to_owned()).collect();
            for entry in from {
                if seen.insert(name(&entry).to_owned()) {
                    into.push(entry);
                }
            }
        }
        add(&mut self.clusters, later.clusters, |c| &c.name);
        add(&mut self.users, later.users, |u| &u.name);
        add(&mut self.contexts, later.contexts, |c| &c.name);
        if self.current_context.as_deref().unwrap_or("").is_empty() {
            self.current_context = later.current_context;
        }
        self.api_version = self.api_version.or(later.api_version);
        self.kind = self.kind.or(later.kind);
        self.preferences = self.preferences.or(later.preferences);
        self.extensions = self.extensions.or(later.extensions);
        for (key, value) in later.extra {
            self.extra.entry(key).or_insert(value);
        }
        self
    }
}

/// Makes a path absolute against the current directory, without touching the file system.
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_owned())
    }
}
