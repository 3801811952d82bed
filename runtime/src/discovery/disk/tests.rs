use std::time::{Duration, SystemTime};

use serde_json::json;

use super::{server_dir, DiskCache};
use crate::discovery::fetch::Documents;
use crate::error::Error;

fn url(s: &str) -> url::Url {
    s.parse().unwrap()
}

/// Core `v1` with pods and `apps/v1` with deployments, as served.
fn documents() -> Documents {
    Documents {
        fetched_at: SystemTime::now(),
        core: serde_json::from_value(json!({"versions": ["v1"]})).unwrap(),
        groups: serde_json::from_value(json!({"groups": [{"name": "apps",
            "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
            "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}]}))
        .unwrap(),
        lists: vec![
            (
                "v1".into(),
                Ok(
                    serde_json::from_value(json!({"groupVersion": "v1", "resources": [
                    {"name": "pods", "singularName": "", "namespaced": true, "kind": "Pod",
                     "verbs": ["get", "list"], "shortNames": ["po"], "categories": ["all"]}]}))
                    .unwrap(),
                ),
            ),
            (
                "apps/v1".into(),
                Ok(
                    serde_json::from_value(json!({"groupVersion": "apps/v1", "resources": [
                    {"name": "deployments", "singularName": "", "namespaced": true,
                     "kind": "Deployment", "verbs": ["get"]},
                    {"name": "deployments/scale", "singularName": "", "namespaced": true,
                     "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get"]}]}))
                    .unwrap(),
                ),
            ),
        ],
    }
}

#[test]
fn folder_names_follow_kubectl() {
    assert_eq!(server_dir("https://127.0.0.1:6443"), "127.0.0.1_6443");
    assert_eq!(
        server_dir("https://k8s.example.com/prefix"),
        "k8s.example.com_prefix"
    );
    let base = std::path::Path::new("/cache");
    assert_eq!(
        DiskCache::new(base, &url("https://10.0.0.1:443/")).file(),
        base.join("10.0.0.1/kubegen.json"),
        "the default port is not part of the URL"
    );
}

#[test]
fn what_is_stored_loads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path(), &url("https://127.0.0.1:6443"));
    assert!(cache.load().is_none(), "nothing stored yet");
    cache.store(&documents());
    assert!(cache.file().is_file());
    let loaded = cache.load().expect("fresh");
    assert_eq!(loaded.core, documents().core);
    assert_eq!(loaded.groups, documents().groups);
    let (original, loaded) = (documents().assemble(), loaded.assemble());
    assert_eq!(original.groups(), loaded.groups());
    for gv in ["v1", "apps/v1"] {
        assert_eq!(original.resources(gv), loaded.resources(gv), "{gv}");
    }
    assert_eq!(
        loaded.resources("apps/v1").unwrap()[0].subresources[0].name,
        "scale"
    );
}

#[test]
fn stale_foreign_or_broken_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path(), &url("https://127.0.0.1:6443"));
    cache.store(&documents());
    assert!(cache.clone().with_ttl(Duration::ZERO).load().is_none());
    assert!(cache
        .clone()
        .with_ttl(Duration::from_secs(60))
        .load()
        .is_some());

    // Another scheme maps to the same folder but is another server.
    let plain = DiskCache::new(dir.path(), &url("http://127.0.0.1:6443"));
    assert_eq!(plain.file(), cache.file());
    assert!(plain.load().is_none());

    std::fs::write(cache.file(), b"{\"format\": 1, \"server\": ").unwrap();
    assert!(cache.load().is_none());
    cache.store(&documents());
    assert!(cache.load().is_some(), "a broken file is replaced");
}

#[test]
fn a_failed_group_version_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path(), &url("https://127.0.0.1:6443"));
    let mut partial = documents();
    partial.lists[1].1 = Err(Error::Transport {
        url: "https://127.0.0.1:6443/apis/apps/v1".into(),
        source: Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
    });
    cache.store(&partial);
    let loaded = cache.load().expect("stored");
    let gvs: Vec<&str> = loaded.lists.iter().map(|(gv, _)| gv.as_str()).collect();
    assert_eq!(gvs, ["v1"]);
    assert_eq!(loaded.groups, documents().groups, "apps is still listed");
}

#[test]
fn an_unwritable_folder_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"").unwrap();
    let cache = DiskCache::new(&blocker, &url("https://127.0.0.1:6443"));
    cache.store(&documents());
    assert!(cache.load().is_none());
}

#[test]
fn a_time_of_fetch_in_the_future_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path(), &url("https://127.0.0.1:6443"));
    let mut future = documents();
    future.fetched_at = SystemTime::now() + Duration::from_secs(3600);
    cache.store(&future);
    assert!(cache.file().is_file());
    assert!(cache.load().is_none());
}

#[test]
fn a_file_over_the_limit_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path(), &url("https://127.0.0.1:6443"));
    cache.store(&documents());
    let size = std::fs::metadata(cache.file()).unwrap().len();
    let exact = DiskCache {
        max_bytes: size,
        ..cache.clone()
    };
    assert!(exact.load().is_some());
    let small = DiskCache {
        max_bytes: size - 1,
        ..cache
    };
    assert!(small.load().is_none());
}

#[cfg(unix)]
#[test]
fn files_and_folders_are_private_to_owner_and_group() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path().join("discovery"), &url("https://127.0.0.1:6443"));
    cache.store(&documents());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let file = mode(cache.file());
    assert_eq!(file & 0o007, 0, "file mode {file:o}");
    assert_eq!(file & 0o600, 0o600, "file mode {file:o}");
    for folder in [
        cache.file().parent().unwrap(),
        &dir.path().join("discovery"),
    ] {
        let m = mode(folder);
        assert_eq!(m & 0o007, 0, "{} mode {m:o}", folder.display());
    }
}

#[cfg(unix)]
#[test]
fn symlinks_at_temporary_names_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DiskCache::new(dir.path(), &url("https://127.0.0.1:6443"));
    let folder = cache.file().parent().unwrap().to_owned();
    std::fs::create_dir_all(&folder).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    // The name a process id would give, and the first random names this thread will draw.
    let mut planted = vec![cache
        .file()
        .with_extension(format!("json.{}.tmp", std::process::id()))];
    fastrand::seed(7);
    planted.extend((0..3).map(|_| {
        cache
            .file()
            .with_extension(format!("json.{:016x}.tmp", fastrand::u64(..)))
    }));
    for link in &planted {
        std::os::unix::fs::symlink(&victim, link).unwrap();
    }
    fastrand::seed(7);
    cache.store(&documents());
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert!(cache.load().is_some(), "written under another name");
    for link in &planted {
        assert!(std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}
