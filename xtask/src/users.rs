//! Who is using the local cluster, so that one run's `cluster down` does not
//! stop it under another's tests: every `test` and `demo` run holds a shared
//! lock on `target/kubegen-cluster.lock` while it uses the cluster, and
//! stopping it takes the exclusive lock, which it cannot while they hold it.
//! The lock file sits beside the state dir, which `down` removes.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::layout::Layout;

/// A run's claim on the cluster; released when dropped (or the process ends).
pub struct Using(#[allow(dead_code)] File);

/// The right to stop the cluster: no run is using it.
pub struct Alone(#[allow(dead_code)] File);

fn lock_file(layout: &Layout) -> Result<(File, PathBuf)> {
    let path = layout.state_dir.with_extension("lock");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    Ok((file, path))
}

/// Claims the cluster for this run; waits while another run is stopping it.
pub fn claim(layout: &Layout) -> Result<Using> {
    let (file, path) = lock_file(layout)?;
    file.lock_shared()
        .with_context(|| format!("locking {}", path.display()))?;
    Ok(Using(file))
}

/// The right to stop the cluster, or `None` while some run is using it.
pub fn alone(layout: &Layout) -> Result<Option<Alone>> {
    let (file, path) = lock_file(layout)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Alone(file))),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("locking {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_one_stops_the_cluster_while_a_run_uses_it() {
        let dir = std::env::temp_dir().join(format!("xtask-users-{}", std::process::id()));
        let layout = Layout {
            root: dir.clone(),
            state_dir: dir.join("target/kubegen-cluster"),
        };
        let first = claim(&layout).unwrap();
        let second = claim(&layout).unwrap();
        assert!(alone(&layout).unwrap().is_none(), "two runs use it");
        drop(first);
        assert!(alone(&layout).unwrap().is_none(), "one run still does");
        drop(second);
        let stopping = alone(&layout).unwrap();
        assert!(stopping.is_some(), "free once both are done");
        assert!(alone(&layout).unwrap().is_none(), "one stopper at a time");
        drop(stopping);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
