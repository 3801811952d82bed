//! A bearer token read from a file that may be rewritten at any time
//! (projected service-account tokens rotate hourly).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::AuthError;
use crate::secret::Secret;

/// A token file and the last token read from it.
#[derive(Debug)]
pub(crate) struct TokenFile {
    path: PathBuf,
    refresh: Duration,
    cached: Mutex<Option<(Secret, Instant)>>,
}

impl TokenFile {
    pub(crate) fn new(path: PathBuf, refresh: Duration) -> Self {
        Self {
            path,
            refresh,
            cached: Mutex::new(None),
        }
    }

    /// The token, read again when the last read is older than the refresh period.
    pub(crate) async fn token(&self) -> Result<Secret, AuthError> {
        let mut cached = self.cached.lock().await;
        if let Some((token, read_at)) = cached.as_ref() {
            if read_at.elapsed() < self.refresh {
                return Ok(token.clone());
            }
        }
        let text = tokio::fs::read_to_string(&self.path)
            .await
            .map_err(|source| AuthError::TokenFile {
                path: self.path.clone(),
                source,
            })?;
        let token = Secret::new(text.trim());
        *cached = Some((token.clone(), Instant::now()));
        Ok(token)
    }

    /// Forgets the cached token so the next request reads the file.
    pub(crate) async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn rereads_after_refresh_period_and_after_invalidate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, "one\n").unwrap();
        let file = TokenFile::new(path.clone(), Duration::from_secs(3600));
        assert_eq!(file.token().await.unwrap().expose(), "one");
        std::fs::write(&path, "two").unwrap();
        assert_eq!(
            file.token().await.unwrap().expose(),
            "one",
            "cached within the period"
        );
        file.invalidate().await;
        assert_eq!(file.token().await.unwrap().expose(), "two");

        let fast = TokenFile::new(path.clone(), Duration::ZERO);
        assert_eq!(fast.token().await.unwrap().expose(), "two");
        std::fs::write(&path, "three").unwrap();
        assert_eq!(fast.token().await.unwrap().expose(), "three");
    }

    #[tokio::test]
    async fn missing_file_names_the_path() {
        let file = TokenFile::new(PathBuf::from("/nonexistent/kubegen-token"), Duration::ZERO);
        let err = file.token().await.unwrap_err().to_string();
        assert!(err.contains("/nonexistent/kubegen-token"), "{err}");
    }
}
