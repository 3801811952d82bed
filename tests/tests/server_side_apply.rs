//! Typed server-side apply on the real server: two field managers co-own a
//! Deployment (one the replicas, the other the pod template), a conflicting
//! apply is a typed conflict naming the owner, `force` takes the field over,
//! and `extract` gives back exactly what each manager applied. A CRD kind's
//! apply configuration is applied and extracted the same way, status included.

use kubegen::apply::ApplyConfiguration;
use kubegen::apps::v1::apply::{DeploymentApply, DeploymentSpecApply};
use kubegen::apps::v1::Deployment;
use kubegen::core::v1::apply::{ContainerApply, PodSpecApply, PodTemplateSpecApply};
use kubegen::meta::LabelSelector;
use kubegen::{ApplyOptions, Clientset, GetOptions};
use kubegen_tests::crds::skew_example_com::v1::apply::{
    GadgetApply, GadgetSpecApply, GadgetSpecPartsApply, GadgetStatusApply,
};
use kubegen_tests::crds::skew_example_com::v1::Gadget;
use kubegen_tests::{admin, test_namespace, unique_name};

const GROWN_CRD: &str = include_str!("version_skew/gadget-grown.yaml");

/// What the deployer owns: the selector and the pod template with its image.
fn deployer_fields(name: &str, ns: &str, image: &str) -> DeploymentApply {
    let labels = [("app".into(), name.into())];
    DeploymentApply::new(name, ns).spec(
        DeploymentSpecApply::default()
            .selector(LabelSelector {
                match_labels: labels.clone().into(),
                ..Default::default()
            })
            .template(
                PodTemplateSpecApply::default()
                    .metadata(kubegen::apply::ObjectMetaApply::default().label("app", name))
                    .spec(
                        PodSpecApply::default()
                            .containers(vec![ContainerApply::default().name("web").image(image)]),
                    ),
            ),
    )
}

/// What the scaler owns: the replicas.
fn scaler_fields(name: &str, ns: &str, replicas: i32) -> DeploymentApply {
    DeploymentApply::new(name, ns).spec(DeploymentSpecApply::default().replicas(replicas))
}

fn image(d: &Deployment) -> &str {
    d.spec
        .as_ref()
        .expect("spec")
        .template
        .spec
        .as_ref()
        .expect("pod spec")
        .containers[0]
        .image
        .as_deref()
        .expect("image")
}

fn replicas(d: &Deployment) -> Option<i32> {
    d.spec.as_ref().expect("spec").replicas
}

/// The managers owning `.spec.replicas` through an apply.
fn replicas_owners(d: &Deployment) -> Vec<String> {
    d.metadata
        .managed_fields
        .iter()
        .filter(|e| {
            e.fields_v1.as_ref().is_some_and(|f| {
                let set: serde_json::Value = serde_json::from_str(f.as_str()).unwrap();
                set.pointer("/f:spec/f:replicas").is_some()
            })
        })
        .map(|e| e.manager.as_deref().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn two_managers_co_own_a_deployment() {
    let client = admin();
    let ns = test_namespace(&client, "ssa").await;
    let deployments = Clientset::from_client(client).apps().v1().deployments(&ns);
    let name = unique_name("web");
    let deployer = ApplyOptions::new("deployer");
    let scaler = ApplyOptions::new("scaler");

    deployments
        .apply(&name, &deployer_fields(&name, &ns, "nginx:1"), &deployer)
        .await
        .unwrap();
    let scaled = deployments
        .apply(&name, &scaler_fields(&name, &ns, 3), &scaler)
        .await
        .unwrap();
    assert_eq!(replicas(&scaled), Some(3));
    assert_eq!(image(&scaled), "nginx:1");

    // Each applies only its own fields; the other's survive.
    let upgraded = deployments
        .apply(&name, &deployer_fields(&name, &ns, "nginx:2"), &deployer)
        .await
        .unwrap();
    assert_eq!(
        replicas(&upgraded),
        Some(3),
        "the scaler's replicas survive"
    );
    assert_eq!(image(&upgraded), "nginx:2");
    let rescaled = deployments
        .apply(&name, &scaler_fields(&name, &ns, 4), &scaler)
        .await
        .unwrap();
    assert_eq!(replicas(&rescaled), Some(4));
    assert_eq!(image(&rescaled), "nginx:2", "the deployer's image survives");

    // Extract gives each manager exactly what it applied; applying that
    // unchanged changes nothing.
    let deployer_owns = DeploymentApply::extract(&rescaled, "deployer").unwrap();
    assert_eq!(deployer_owns, deployer_fields(&name, &ns, "nginx:2"));
    let scaler_owns = DeploymentApply::extract(&rescaled, "scaler").unwrap();
    assert_eq!(scaler_owns, scaler_fields(&name, &ns, 4));
    let nobody = DeploymentApply::extract(&rescaled, "nobody").unwrap();
    assert_eq!(nobody, DeploymentApply::new(name.as_str(), ns.as_str()));
    for (owned, options) in [(&deployer_owns, &deployer), (&scaler_owns, &scaler)] {
        let again = deployments.apply(&name, owned, options).await.unwrap();
        assert_eq!(again.metadata.generation, rescaled.metadata.generation);
        assert_eq!(again.spec, rescaled.spec);
        assert_eq!(
            again.metadata.resource_version,
            rescaled.metadata.resource_version
        );
    }

    // The deployer claiming the replicas conflicts with the scaler.
    let mut claim = deployer_fields(&name, &ns, "nginx:2");
    claim.spec.as_mut().unwrap().replicas = Some(5);
    let refused = deployments
        .apply(&name, &claim, &deployer)
        .await
        .unwrap_err();
    let conflicts = refused.api().expect("an API error").conflicts();
    assert_eq!(conflicts.len(), 1, "{refused}");
    assert_eq!(conflicts[0].manager.as_deref(), Some("scaler"));
    assert_eq!(conflicts[0].field.as_deref(), Some(".spec.replicas"));
    let unchanged = deployments
        .get(&name, &GetOptions::default())
        .await
        .unwrap();
    assert_eq!(replicas(&unchanged), Some(4));

    // Forced, the deployer takes the field over.
    let forced = deployments
        .apply(&name, &claim, &ApplyOptions::new("deployer").force(true))
        .await
        .unwrap();
    assert_eq!(replicas(&forced), Some(5));
    assert_eq!(replicas_owners(&forced), ["deployer"]);
    assert_eq!(
        DeploymentApply::extract(&forced, "deployer").unwrap(),
        claim
    );
    let scaler_left = DeploymentApply::extract(&forced, "scaler").unwrap();
    assert_eq!(
        scaler_left,
        DeploymentApply::new(name.as_str(), ns.as_str())
    );
}

#[tokio::test]
async fn a_custom_resource_is_applied_and_extracted_with_its_status() {
    let client = admin();
    let cs = Clientset::from_client(client.clone());
    kubegen_examples::crd_install::install(&cs, GROWN_CRD)
        .await
        .expect("installing the Gadget CRD");
    let ns = test_namespace(&client, "ssa-crd").await;
    let gadgets = kubegen::ResourceClient::<Gadget>::namespaced(client, &ns);
    let name = unique_name("gadget");

    let spec = GadgetApply::new(name.as_str(), ns.as_str()).spec(
        GadgetSpecApply::default()
            .size(2)
            .parts(vec![GadgetSpecPartsApply::default().name("p")]),
    );
    let applied = gadgets
        .apply(&name, &spec, &ApplyOptions::new("maker"))
        .await
        .unwrap();
    assert_eq!(applied.spec.as_ref().unwrap().size, Some(2));
    let status = GadgetApply::new(name.as_str(), ns.as_str())
        .status(GadgetStatusApply::default().phase("Ready"));
    let reported = gadgets
        .apply_status(&name, &status, &ApplyOptions::new("reporter"))
        .await
        .unwrap();
    assert_eq!(
        reported.status.as_ref().unwrap().phase.as_deref(),
        Some("Ready")
    );

    assert_eq!(GadgetApply::extract(&reported, "maker").unwrap(), spec);
    assert_eq!(
        GadgetApply::extract_status(&reported, "reporter").unwrap(),
        status
    );
    assert_eq!(
        GadgetApply::extract_status(&reported, "maker").unwrap(),
        GadgetApply::new(name.as_str(), ns.as_str())
    );
    let again = gadgets
        .apply(
            &name,
            &GadgetApply::extract(&reported, "maker").unwrap(),
            &ApplyOptions::new("maker"),
        )
        .await
        .unwrap();
    assert_eq!(again.spec, reported.spec);
    assert_eq!(
        again.metadata.resource_version,
        reported.metadata.resource_version
    );
}
