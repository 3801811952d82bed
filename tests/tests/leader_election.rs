//! Leader election on a real Lease: exactly one of two candidates leads, and
//! when the leader stops renewing the other takes over within the lease
//! duration. The same runs on the fake cluster, which also shows that the
//! members of a Lease the elector does not know survive its updates.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use kubegen::coordination::v1::Lease;
use kubegen::leader_election::{LeaderElectionConfig, LeaderElector, Outcome};
use kubegen::{Client, CreateOptions, GetOptions, ResourceClient};
use kubegen_tests::{admin, test_namespace};
use serde_json::json;
use tokio::time::Instant;

fn config(ns: &str, identity: &str) -> LeaderElectionConfig {
    let mut c = LeaderElectionConfig::new(ns, "e2e-lock", identity);
    c.lease_duration = Duration::from_secs(3);
    c.renew_deadline = Duration::from_secs(2);
    c.retry_period = Duration::from_millis(400);
    c
}

/// Who is leading now, and the moments leadership started.
#[derive(Clone, Default)]
struct Leaders(Arc<Mutex<Record>>);

/// The current leaders, and every (identity, start) of a term.
type Record = (Vec<String>, Vec<(String, Instant)>);

impl Leaders {
    fn campaign(
        &self,
        elector: Arc<LeaderElector<Lease>>,
        identity: &str,
    ) -> tokio::task::JoinHandle<()> {
        let (me, leaders) = (identity.to_owned(), self.clone());
        tokio::spawn(async move {
            let (start, stop) = (leaders.clone(), leaders.clone());
            let (me_start, me_stop) = (me.clone(), me.clone());
            elector
                .run(
                    move |mut leadership| async move {
                        {
                            let mut l = start.0.lock().unwrap();
                            l.0.push(me_start.clone());
                            l.1.push((me_start, Instant::now()));
                        }
                        leadership.lost().await;
                    },
                    move || stop.0.lock().unwrap().0.retain(|l| *l != me_stop),
                )
                .await;
        })
    }

    fn current(&self) -> Vec<String> {
        self.0.lock().unwrap().0.clone()
    }

    fn started(&self) -> Vec<(String, Instant)> {
        self.0.lock().unwrap().1.clone()
    }
}

#[tokio::test]
async fn one_leader_and_takeover_when_it_stops_renewing() {
    let client = admin();
    let ns = test_namespace(&client, "leader").await;
    one_leader_and_takeover(client, &ns).await;
}

/// The same election on the fake cluster: its Lease updates refuse a stale
/// resourceVersion as the real server does, so exactly one candidate leads.
#[tokio::test]
async fn the_same_on_the_fake_cluster() {
    let fake = kubegen::fake::FakeCluster::start().await.unwrap();
    one_leader_and_takeover(fake.client().unwrap(), "election").await;
}

/// A newer server's spec members (`strategy`, `preferredHolder`), one no
/// version has, and the object's own unknown members are all still on the
/// Lease after the elector took it over.
#[tokio::test]
async fn taking_over_keeps_the_lease_members_the_elector_does_not_know() {
    let fake = kubegen::fake::FakeCluster::start().await.unwrap();
    let client = fake.client().unwrap();
    let leases = ResourceClient::<Lease>::namespaced(client.clone(), "election");
    let lease: Lease = serde_json::from_value(json!({
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": "e2e-lock", "namespace": "election"},
        "spec": {
            "holderIdentity": "gone",
            "leaseDurationSeconds": 1,
            "leaseTransitions": 4,
            "strategy": "OldestEmulationVersion",
            "preferredHolder": "b",
            "futureMember": {"x": 1},
        },
        "futureTopLevel": true,
    }))
    .unwrap();
    leases
        .create(&lease, &CreateOptions::default())
        .await
        .unwrap();
    let elector = LeaderElector::<Lease>::new(client, config("election", "a")).unwrap();
    let outcome = tokio::time::timeout(Duration::from_secs(10), elector.run(|_| async {}, || {}))
        .await
        .expect("a takes the expired lease over");
    assert_eq!(outcome, Outcome::Finished);
    let after = leases
        .get("e2e-lock", &GetOptions::default())
        .await
        .unwrap();
    let after = serde_json::to_value(&after).unwrap();
    assert_eq!(after["spec"]["holderIdentity"], "a");
    assert_eq!(after["spec"]["leaseTransitions"], 5);
    assert_eq!(after["spec"]["strategy"], "OldestEmulationVersion");
    assert_eq!(after["spec"]["preferredHolder"], "b");
    assert_eq!(after["spec"]["futureMember"], json!({"x": 1}));
    assert_eq!(after["futureTopLevel"], true);
}

async fn one_leader_and_takeover(client: Client, ns: &str) {
    let ns = ns.to_owned();
    let leaders = Leaders::default();
    let a = Arc::new(LeaderElector::<Lease>::new(client.clone(), config(&ns, "a")).unwrap());
    let b = Arc::new(LeaderElector::<Lease>::new(client.clone(), config(&ns, "b")).unwrap());
    let mut tasks = vec![leaders.campaign(a, "a"), leaders.campaign(b, "b")];

    // Over several lease durations, never more than one leader, and one there is.
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            leaders.current().len() <= 1,
            "two leaders at once: {:?}",
            leaders.current()
        );
    }
    let first = leaders.current();
    assert_eq!(first.len(), 1, "someone leads");
    let leases = ResourceClient::<Lease>::namespaced(client, &ns);
    let lease = leases
        .get("e2e-lock", &GetOptions::default())
        .await
        .unwrap();
    assert_eq!(
        lease.spec.as_ref().unwrap().holder_identity.as_deref(),
        Some(first[0].as_str())
    );

    // The leader vanishes without releasing (as a crashed process would).
    let leader_index = if first[0] == "a" { 0 } else { 1 };
    tasks.remove(leader_index).abort();
    let stopped = Instant::now();
    let deadline = stopped + Duration::from_secs(3) + Duration::from_millis(2000);
    loop {
        let started = leaders.started();
        if let Some((who, at)) = started.iter().find(|(who, _)| *who != first[0]) {
            let took = at.duration_since(stopped);
            assert!(
                took <= Duration::from_millis(4200),
                "{who} took over after {took:?}; lease duration is 3 s"
            );
            break;
        }
        assert!(Instant::now() < deadline, "nobody took over: {started:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let lease = leases
        .get("e2e-lock", &GetOptions::default())
        .await
        .unwrap();
    let spec = lease.spec.unwrap();
    assert_ne!(spec.holder_identity.as_deref(), Some(first[0].as_str()));
    assert_eq!(spec.lease_transitions, Some(1));
    for t in tasks {
        t.abort();
    }
}

#[tokio::test]
async fn a_finished_leader_that_releases_hands_over_at_once() {
    let client = admin();
    let ns = test_namespace(&client, "leader-release").await;
    let mut first = config(&ns, "first");
    first.release_on_cancel = true;
    let first = LeaderElector::<Lease>::new(client.clone(), first).unwrap();
    let outcome = first.run(|_| async {}, || {}).await;
    assert_eq!(outcome, Outcome::Finished);
    let second = LeaderElector::<Lease>::new(client, config(&ns, "second")).unwrap();
    let started = Instant::now();
    let outcome =
        tokio::time::timeout(Duration::from_secs(2), second.run(|_| async {}, || {})).await;
    assert!(
        outcome.is_ok(),
        "the released lease was taken without waiting out its duration"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn timings_are_validated() {
    let mut c = LeaderElectionConfig::new("ns", "l", "me");
    c.renew_deadline = c.lease_duration;
    assert!(LeaderElector::<Lease>::new(kubegen_tests::admin(), c).is_err());
}
