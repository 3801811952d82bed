//! `kubegen discover` against the local control plane: the columns and rows
//! `kubectl api-resources` prints, built-ins and an installed CRD alike.

mod common;

use common::{install_widget_crd, kubegen_on_cluster, row, run_ok};

fn discover(args: &[&str]) -> String {
    let out = run_ok(kubegen_on_cluster("discover").args(args));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn lists_builtins_and_an_installed_crd() {
    install_widget_crd();
    let table = discover(&[]);
    let header = table.lines().next().expect("header");
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    );
    assert_eq!(
        row(&table, "pods"),
        Some(vec!["pods", "po", "v1", "true", "Pod"])
    );
    assert_eq!(
        row(&table, "deployments"),
        Some(vec![
            "deployments",
            "deploy",
            "apps/v1",
            "true",
            "Deployment"
        ])
    );
    assert_eq!(
        row(&table, "widgets"),
        Some(vec![
            "widgets",
            "wd",
            "e2e.kubegen.dev/v1",
            "true",
            "Widget"
        ])
    );
    assert_eq!(
        row(&table, "nodes"),
        Some(vec!["nodes", "no", "v1", "false", "Node"])
    );
    // Columns line up under their headers.
    let deploy = table
        .lines()
        .find(|l| l.starts_with("deployments "))
        .expect("deployments");
    assert_eq!(header.find("APIVERSION"), deploy.find("apps/v1"));
    assert_eq!(header.find("KIND"), deploy.find("Deployment"));
    // Sorted by group, then name: core first, `apps` before `e2e.kubegen.dev`.
    let at = |name: &str| table.find(&format!("\n{name} ")).expect(name);
    assert!(at("nodes") < at("pods") && at("pods") < at("deployments"));
    assert!(at("deployments") < at("widgets"));
}

#[test]
fn wide_adds_verbs_and_categories() {
    let table = discover(&["-o", "wide"]);
    let header: Vec<&str> = table
        .lines()
        .next()
        .expect("header")
        .split_whitespace()
        .collect();
    assert_eq!(header[5..], ["VERBS", "CATEGORIES"]);
    assert_eq!(
        row(&table, "pods"),
        Some(vec![
            "pods",
            "po",
            "v1",
            "true",
            "Pod",
            "create,delete,deletecollection,get,list,patch,update,watch",
            "all"
        ])
    );
}

#[test]
fn names_and_filters() {
    install_widget_crd();
    let names = discover(&["-o", "name", "--api-group", "e2e.kubegen.dev"]);
    assert!(
        names.lines().any(|l| l == "widgets.e2e.kubegen.dev"),
        "{names}"
    );
    assert!(
        names.lines().all(|l| l.ends_with(".e2e.kubegen.dev")),
        "{names}"
    );
    let cluster = discover(&["-o", "name", "--namespaced=false"]);
    assert!(cluster.lines().any(|l| l == "nodes"));
    assert!(!cluster.lines().any(|l| l == "pods"));
    let core = discover(&["--api-group=", "--no-headers"]);
    assert!(row(&core, "pods").is_some());
    assert!(row(&core, "deployments").is_none());
    assert!(!core.contains("NAME"));
}

#[test]
fn unknown_context_is_an_error() {
    let out = common::kubegen()
        .args(["discover", "--kubeconfig"])
        .arg(common::kubeconfig())
        .args(["--context", "no-such-context"])
        .output()
        .expect("run kubegen");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-context"), "{stderr}");
}

#[test]
fn cached_reads_the_disk_cache_that_a_plain_run_refreshes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().to_str().expect("utf-8 path");
    discover(&["--cache-dir", cache_dir]);
    let server = std::fs::read_dir(dir.path().join("discovery"))
        .expect("discovery folder")
        .next()
        .expect("one server folder")
        .expect("entry")
        .path();
    let file = server.join("kubegen.json");
    // Proof of where an answer comes from: a resource renamed in the file.
    let stored = std::fs::read_to_string(&file).expect("cache file");
    assert!(stored.contains(r#""name":"pods""#), "{stored:.200}");
    std::fs::write(
        &file,
        stored.replace(r#""name":"pods""#, r#""name":"podz""#),
    )
    .expect("write");

    let cached = discover(&["--cached", "--cache-dir", cache_dir]);
    assert_eq!(
        row(&cached, "podz"),
        Some(vec!["podz", "po", "v1", "true", "Pod"])
    );
    assert_eq!(row(&cached, "pods"), None);

    let fresh = discover(&["--cache-dir", cache_dir]);
    assert_eq!(row(&fresh, "podz"), None);
    assert!(row(&fresh, "pods").is_some());
    let rewritten = std::fs::read_to_string(&file).expect("cache file");
    assert!(
        rewritten.contains(r#""name":"pods""#),
        "the plain run rewrote it"
    );
}

/// Same bytes as the real `kubectl api-resources` (v1.32 here), when kubectl
/// is installed. Both read the same live server, so another test installing a
/// CRD in between could differ: compare only when two of our runs agree.
#[test]
fn matches_kubectl_api_resources() {
    let Some(kubectl) = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        eprintln!("kubectl not installed: comparison not run");
        return;
    };
    for args in [&[][..], &["-o", "wide"][..], &["-o", "name"][..]] {
        let mut last = None;
        for _ in 0..3 {
            let before = discover(args);
            let theirs = std::process::Command::new(kubectl)
                .arg("api-resources")
                .args(args)
                .arg("--kubeconfig")
                .arg(common::kubeconfig())
                .args(["--context", "token"])
                .env("KUBECACHEDIR", common::kube_cache_dir())
                .output()
                .expect("run kubectl");
            let after = discover(args);
            let theirs = String::from_utf8(theirs.stdout).expect("utf-8");
            if before == after {
                assert_eq!(before, theirs, "kubegen discover {args:?} vs kubectl");
                last = Some(());
                break;
            }
        }
        assert!(last.is_some(), "the server's APIs kept changing");
    }
}
