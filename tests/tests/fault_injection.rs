//! Faults between the client and the real API server, injected by a proxy:
//! a write whose answer is lost is never sent twice, a 429 is retried, an
//! informer whose lists and watches are cut mid-stream still ends equal to
//! the server, and a leader whose renewals stall steps down before anyone
//! else can take the lease.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use http::Method;
use kubegen::cache::{HandlerFns, Informer, InformerConfig};
use kubegen::coordination::v1::Lease;
use kubegen::leader_election::{LeaderElectionConfig, LeaderElector, Outcome};
use kubegen::meta::ObjectMeta;
use kubegen::{
    Client, CreateOptions, DeleteOptions, Error, GetOptions, ListOptions, ResourceClient,
    UpdateOptions,
};
use kubegen_tests::fault_proxy::{Fault, FaultProxy};
use kubegen_tests::types::ConfigMap;
use kubegen_tests::{admin, eventually, test_namespace};

fn config_map(name: &str, value: &str) -> ConfigMap {
    ConfigMap {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        data: Some([("v".to_owned(), value.to_owned())].into()),
        ..ConfigMap::default()
    }
}

fn generated(prefix: &str) -> ConfigMap {
    ConfigMap {
        metadata: ObjectMeta {
            generate_name: Some(prefix.into()),
            ..ObjectMeta::default()
        },
        ..ConfigMap::default()
    }
}

/// The ConfigMaps of `ns` whose names start with `prefix`.
async fn named_like(api: &ResourceClient<ConfigMap>, prefix: &str) -> usize {
    api.list(&ListOptions::default())
        .await
        .unwrap()
        .items
        .iter()
        .filter(|c| c.metadata.name.as_deref().unwrap_or("").starts_with(prefix))
        .count()
}

/// A proxied client of `ns` with retries on (the default), and a direct one.
async fn clients(
    proxy: &FaultProxy,
    prefix: &str,
) -> (ResourceClient<ConfigMap>, ResourceClient<ConfigMap>) {
    let direct = admin();
    let ns = test_namespace(&direct, prefix).await;
    let config = proxy.config("token");
    assert!(config.max_retries > 0, "retries must be on for these tests");
    let proxied = ResourceClient::namespaced(Client::new(config).unwrap(), &ns);
    (proxied, ResourceClient::namespaced(direct, &ns))
}

#[tokio::test]
async fn a_create_answered_503_after_the_commit_is_not_sent_again() {
    let proxy = FaultProxy::start().await;
    let (proxied, direct) = clients(&proxy, "fault-503").await;
    proxy.set(|method, path| match *method {
        Method::POST if path.contains("/configmaps") => Fault::ReplaceAnswer(503),
        _ => Fault::Pass,
    });
    let err = proxied
        .create(&generated("once-"), &CreateOptions::default())
        .await
        .expect_err("the injected 503 reaches the caller");
    assert!(
        matches!(&err, Error::Api(api) if api.code == 503),
        "expected the 503, got {err}"
    );
    assert_eq!(proxy.count(&Method::POST, "/configmaps"), 1, "POSTs sent");
    assert_eq!(named_like(&direct, "once-").await, 1, "objects created");
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_not_sent_again() {
    let proxy = FaultProxy::start().await;
    let (proxied, direct) = clients(&proxy, "fault-drop").await;
    proxy.set(|method, path| match *method {
        Method::POST if path.contains("/configmaps") => Fault::DropAnswer,
        _ => Fault::Pass,
    });
    let err = proxied
        .create(&generated("lost-"), &CreateOptions::default())
        .await
        .expect_err("a lost answer is an error");
    assert!(matches!(err, Error::Transport { .. }), "got {err}");
    assert_eq!(proxy.count(&Method::POST, "/configmaps"), 1, "POSTs sent");
    assert_eq!(named_like(&direct, "lost-").await, 1, "objects created");
}

#[tokio::test]
async fn a_delete_and_an_update_whose_answers_are_lost_are_not_replayed() {
    let proxy = FaultProxy::start().await;
    let (proxied, direct) = clients(&proxy, "fault-replay").await;
    direct
        .create(&config_map("doomed", "1"), &CreateOptions::default())
        .await
        .unwrap();
    let kept = direct
        .create(&config_map("kept", "1"), &CreateOptions::default())
        .await
        .unwrap();
    proxy.set(|method, _| match *method {
        Method::DELETE | Method::PUT => Fault::DropAnswer,
        _ => Fault::Pass,
    });

    // Replayed, the delete would answer 404 for an object it did delete.
    let err = proxied
        .delete("doomed", &DeleteOptions::default())
        .await
        .expect_err("a lost answer is an error");
    assert!(matches!(err, Error::Transport { .. }), "got {err}");
    assert_eq!(proxy.count(&Method::DELETE, "/doomed"), 1, "DELETEs sent");

    // Replayed, the update would answer 409 for a write that went through.
    let mut changed = kept.clone();
    changed.data = Some([("v".to_owned(), "2".to_owned())].into());
    let err = proxied
        .update(&changed, &UpdateOptions::default())
        .await
        .expect_err("a lost answer is an error");
    assert!(matches!(err, Error::Transport { .. }), "got {err}");
    assert_eq!(proxy.count(&Method::PUT, "/kept"), 1, "PUTs sent");
    let now = direct.get("kept", &GetOptions::default()).await.unwrap();
    assert_eq!(now.data.unwrap().get("v").map(String::as_str), Some("2"));
}

#[tokio::test]
async fn a_create_refused_with_429_is_retried_and_made_once() {
    let proxy = FaultProxy::start().await;
    let (proxied, direct) = clients(&proxy, "fault-429").await;
    let refused = Arc::new(Mutex::new(false));
    proxy.set(move |method, path| {
        let mut refused = refused.lock().unwrap();
        match *method {
            Method::POST if path.contains("/configmaps") && !*refused => {
                *refused = true;
                Fault::Refuse(429)
            }
            _ => Fault::Pass,
        }
    });
    proxied
        .create(&generated("throttled-"), &CreateOptions::default())
        .await
        .expect("the retry after the 429 goes through");
    assert_eq!(proxy.count(&Method::POST, "/configmaps"), 2, "POSTs sent");
    assert_eq!(
        named_like(&direct, "throttled-").await,
        1,
        "objects created"
    );
}

type View = Arc<Mutex<BTreeMap<String, String>>>;

fn name_and_value(c: &ConfigMap) -> (String, String) {
    let name = c.metadata.name.as_deref().unwrap_or("").to_owned();
    let value = c
        .data
        .as_ref()
        .and_then(|d| d.get("v").cloned())
        .unwrap_or_default();
    (name, value)
}

#[tokio::test]
async fn an_informer_whose_lists_and_watches_are_cut_ends_equal_to_the_server() {
    let proxy = FaultProxy::start().await;
    let (proxied, direct) = clients(&proxy, "fault-cut").await;
    for i in 0..20 {
        let cm = config_map(&format!("cm-{i}"), &"x".repeat(200));
        direct.create(&cm, &CreateOptions::default()).await.unwrap();
    }
    // The first three lists break half-way; every watch breaks after about
    // two events.
    let lists = Arc::new(Mutex::new(0));
    proxy.set(move |method, path| {
        if *method != Method::GET {
            return Fault::Pass;
        }
        if path.contains("watch=") {
            return Fault::CutBodyAfter(1500);
        }
        let mut lists = lists.lock().unwrap();
        *lists += 1;
        if *lists <= 3 {
            Fault::CutBodyAfter(2000)
        } else {
            Fault::Pass
        }
    });

    let mut config = InformerConfig::default();
    config.reflector.initial_backoff = Duration::from_millis(100);
    config.reflector.max_backoff = Duration::from_millis(500);
    let informer = Informer::new(proxied, config);
    let view: View = Arc::default();
    let (on_add, on_update, on_delete) = (view.clone(), view.clone(), view.clone());
    informer.add_handler(
        HandlerFns::new()
            .on_add(move |c: &Arc<ConfigMap>| {
                on_add.lock().unwrap().extend([name_and_value(c)]);
            })
            .on_update(move |_, c| {
                on_update.lock().unwrap().extend([name_and_value(c)]);
            })
            .on_delete(move |c| {
                on_delete.lock().unwrap().remove(&name_and_value(c).0);
            }),
    );
    let running = tokio::spawn({
        let informer = informer.clone();
        async move { informer.run().await }
    });
    informer.wait_for_sync().await;
    for i in 0..20 {
        let name = format!("cm-{i}");
        if i % 3 == 0 {
            direct
                .delete(&name, &DeleteOptions::default())
                .await
                .unwrap();
        } else {
            let mut cm = direct.get(&name, &GetOptions::default()).await.unwrap();
            cm.data = Some([("v".to_owned(), format!("{i}-{}", "y".repeat(100)))].into());
            direct.update(&cm, &UpdateOptions::default()).await.unwrap();
        }
    }
    let server: BTreeMap<String, String> = direct
        .list(&ListOptions::default())
        .await
        .unwrap()
        .items
        .iter()
        .map(name_and_value)
        .collect();
    eventually("the informer to match the server", async || {
        let cache: BTreeMap<String, String> = informer
            .store()
            .list()
            .iter()
            .map(|c| name_and_value(c))
            .collect();
        (cache == server && *view.lock().unwrap() == server).then_some(())
    })
    .await;
    assert!(
        proxy.count(&Method::GET, "watch=") >= 3,
        "the watches were cut and resumed"
    );
    running.abort();
}

#[tokio::test]
async fn a_leader_whose_renewals_stall_steps_down_before_another_leads() {
    let proxy = FaultProxy::start().await;
    let direct = admin();
    let ns = test_namespace(&direct, "fault-leader").await;
    let election = |identity: &str| {
        let mut c = LeaderElectionConfig::new(&ns, "stalled", identity);
        c.lease_duration = Duration::from_secs(3);
        c.renew_deadline = Duration::from_secs(2);
        c.retry_period = Duration::from_millis(400);
        c
    };
    let slow = Client::new(proxy.config("token")).unwrap();
    let a = Arc::new(LeaderElector::<Lease>::new(slow, election("a")).unwrap());
    let b = Arc::new(LeaderElector::<Lease>::new(direct.clone(), election("b")).unwrap());

    let (led_tx, led_rx) = tokio::sync::oneshot::channel();
    let a_run = tokio::spawn(async move {
        let outcome = a
            .run(
                move |mut leadership| async move {
                    let _ = led_tx.send(());
                    leadership.lost().await;
                },
                || {},
            )
            .await;
        (outcome, SystemTime::now())
    });
    led_rx.await.expect("a leads");
    // From now on every Lease request of a's hangs for ten seconds.
    let stalled_at = SystemTime::now();
    proxy.set(|_, path| {
        if path.contains("/leases") {
            Fault::Delay(Duration::from_secs(10))
        } else {
            Fault::Pass
        }
    });
    let b_led = Arc::new(Mutex::new(None));
    let b_run = tokio::spawn({
        let b_led = b_led.clone();
        async move {
            b.run(
                move |_| async move {
                    *b_led.lock().unwrap() = Some(SystemTime::now());
                    std::future::pending::<()>().await
                },
                || {},
            )
            .await
        }
    });

    let (outcome, a_lost) = tokio::time::timeout(Duration::from_secs(20), a_run)
        .await
        .expect("a gives up within its renew deadline")
        .unwrap();
    assert_eq!(outcome, Outcome::Lost);
    let stalled_for = a_lost.duration_since(stalled_at).unwrap();
    assert!(
        stalled_for <= Duration::from_millis(2400 + 500),
        "a stopped leading {stalled_for:?} after its renewals stalled; the renew deadline is 2 s"
    );
    let b_started = eventually("b to lead", async || *b_led.lock().unwrap()).await;
    assert!(a_lost < b_started, "a still led when b started");

    // The Lease's own record says the same: b acquired it after a let go.
    let lease = ResourceClient::<Lease>::namespaced(direct, &ns)
        .get("stalled", &GetOptions::default())
        .await
        .unwrap();
    let spec = lease.spec.expect("the lease has a spec");
    assert_eq!(spec.holder_identity.as_deref(), Some("b"));
    let acquired = SystemTime::from(spec.acquire_time.expect("acquireTime").0);
    assert!(
        a_lost < acquired,
        "the Lease says b acquired at {acquired:?}, before a stopped leading at {a_lost:?}"
    );
    b_run.abort();
}
