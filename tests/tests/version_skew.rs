//! Version skew loses nothing: the typed client was generated from the Gadget
//! CRD of `tests/crds/skew-gadget.yaml`; the server serves a grown schema
//! (`version_skew/gadget-grown.yaml`: a new spec field, one in a nested
//! object, one in array elements, one in status). Objects written with the
//! new fields go through a typed get, change and update (and a status
//! replace) and come back with every field the client did not know, and with
//! the explicit `null` of a nullable member.
//!
//! Built-in kinds: the default client types are v1.36 and the server is
//! v1.20.2, so the server cannot send a Pod field the types lack; the CRD is
//! the proof on a real server (the decode-encode of built-in kinds with
//! unknown members is tested in `generated/tests/lossless.rs`).

use kubegen::discovery::ApiResource;
use kubegen::dynamic::{DynamicClient, DynamicObject};
use kubegen::{Clientset, CreateOptions, GetOptions, ResourceClient, UpdateOptions};
use kubegen_tests::crds::skew_example_com::v1::Gadget;
use kubegen_tests::{admin, test_namespace, unique_name};
use serde_json::json;

const GROWN_CRD: &str = include_str!("version_skew/gadget-grown.yaml");

#[tokio::test]
async fn fields_of_a_grown_schema_survive_a_typed_update() {
    let client = admin();
    kubegen_examples::crd_install::install(&Clientset::from_client(client.clone()), GROWN_CRD)
        .await
        .expect("installing the grown Gadget CRD");
    let ns = test_namespace(&client, "skew").await;
    let name = unique_name("gadget");
    let dynamic = DynamicClient::new(client.clone())
        .resource(&ApiResource::of::<Gadget>())
        .namespace(&ns);

    // Written by a newer client that knows the grown schema.
    let spec = json!({
        "size": 1, "note": null, "addedField": "kept",
        "nested": {"color": "red", "addedNested": 7},
        "parts": [{"name": "p", "addedInPart": true}, {"name": "q"}]
    });
    let written = DynamicObject::from_value(json!({
        "apiVersion": "skew.example.com/v1", "kind": "Gadget",
        "metadata": {"name": name, "namespace": ns},
        "spec": spec,
    }))
    .unwrap();
    let created = dynamic
        .create(&written, &CreateOptions::default())
        .await
        .unwrap();
    assert_eq!(
        created.to_value()["spec"],
        spec,
        "the server keeps them all"
    );
    let with_status = created.with(
        "status",
        json!({"phase": "Init", "addedStatus": {"since": "t0"}}),
    );
    dynamic
        .update_status(&with_status, &UpdateOptions::default())
        .await
        .unwrap();

    // The old typed client changes a field it knows, then the status.
    let typed = ResourceClient::<Gadget>::namespaced(client.clone(), &ns);
    let mut gadget = typed.get(&name, &GetOptions::default()).await.unwrap();
    gadget.spec.as_mut().expect("spec").size = Some(2);
    let mut updated = typed
        .update(&gadget, &UpdateOptions::default())
        .await
        .unwrap();
    updated.status.as_mut().expect("status").phase = Some("Ready".into());
    typed
        .update_status(&updated, &UpdateOptions::default())
        .await
        .unwrap();

    // Read back by a client that knows the grown schema: nothing lost.
    let back = dynamic
        .get(&name, &GetOptions::default())
        .await
        .unwrap()
        .to_value();
    assert_eq!(
        back["spec"],
        json!({
            "size": 2, "note": null, "addedField": "kept",
            "nested": {"color": "red", "addedNested": 7},
            "parts": [{"name": "p", "addedInPart": true}, {"name": "q"}]
        })
    );
    assert_eq!(
        back["status"],
        json!({"phase": "Ready", "addedStatus": {"since": "t0"}})
    );
}
