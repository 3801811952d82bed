//! A typed TokenRequest (`serviceaccounts/token`), then calls made with the
//! issued tokens: the server knows who they are, checks their audience, and
//! stops taking a token once the object it is bound to is gone.

use kubegen::core::v1::{Secret, ServiceAccount};
use kubegen::meta::ObjectMeta;
use kubegen::{
    AuthConfig, BoundObjectReference, Client, Clientset, CreateOptions, DeleteOptions, ListOptions,
    TokenRequestSpec,
};
use kubegen_tests::{admin, config, test_namespace};

/// The status code of listing Pods in `namespace` with `token`.
async fn list_pods_with(token: &str, namespace: &str) -> (Option<u16>, String) {
    let mut as_robot = config("token");
    as_robot.auth = AuthConfig::Token(token.to_owned().into());
    let pods = Clientset::from_client(Client::new(as_robot).unwrap())
        .core()
        .v1()
        .pods(namespace);
    let err = pods.list(&ListOptions::default()).await.unwrap_err();
    (err.status().and_then(|s| s.code), err.to_string())
}

#[tokio::test]
async fn issued_tokens_authenticate_as_their_service_account() {
    let client = admin();
    let namespace = test_namespace(&client, "token").await;
    let core = Clientset::from_client(client).core().v1();
    let accounts = core.service_accounts(&namespace);
    let named = |name: &str| ObjectMeta {
        name: Some(name.into()),
        ..ObjectMeta::default()
    };
    let account = ServiceAccount {
        metadata: named("robot"),
        ..ServiceAccount::default()
    };
    accounts
        .create(&account, &CreateOptions::default())
        .await
        .unwrap();

    let spec = TokenRequestSpec {
        expiration_seconds: Some(600),
        ..TokenRequestSpec::default()
    };
    let before = kubegen::meta::Time::now().0;
    let issued = accounts
        .request_token("robot", &spec, &CreateOptions::default())
        .await
        .unwrap();
    assert!(!format!("{issued:?}").contains(issued.token.expose()));
    let lifetime = issued.expiration_timestamp.0 - before;
    assert!((590..=610).contains(&lifetime.num_seconds()), "{lifetime}");
    // Authenticated (not 401), and without RBAC rights: 403 naming the account.
    let (code, message) = list_pods_with(issued.token.expose(), &namespace).await;
    assert_eq!(code, Some(403), "{message}");
    assert!(
        message.contains(&format!("system:serviceaccount:{namespace}:robot")),
        "{message}"
    );

    // Meant for another audience: the API server does not take it.
    let elsewhere = TokenRequestSpec {
        audiences: vec!["https://elsewhere.example".into()],
        ..TokenRequestSpec::default()
    };
    let issued = accounts
        .request_token("robot", &elsewhere, &CreateOptions::default())
        .await
        .unwrap();
    let (code, message) = list_pods_with(issued.token.expose(), &namespace).await;
    assert_eq!(code, Some(401), "{message}");

    // Bound to a Secret: good while it exists, refused once it is deleted.
    let secrets = core.secrets(&namespace);
    let secret = secrets
        .create(
            &Secret {
                metadata: named("binding"),
                ..Secret::default()
            },
            &CreateOptions::default(),
        )
        .await
        .unwrap();
    let bound = TokenRequestSpec {
        bound_object_ref: Some(BoundObjectReference {
            kind: "Secret".into(),
            api_version: "v1".into(),
            name: "binding".into(),
            uid: secret.metadata.uid.map(|uid| uid.to_string()),
        }),
        ..TokenRequestSpec::default()
    };
    let issued = accounts
        .request_token("robot", &bound, &CreateOptions::default())
        .await
        .unwrap();
    let token = issued.token.expose().to_owned();
    assert_eq!(list_pods_with(&token, &namespace).await.0, Some(403));
    secrets
        .delete("binding", &DeleteOptions::default())
        .await
        .unwrap();
    // The server caches a token's authentication for 10 s; wait up to 30 s.
    let mut code = None;
    for _ in 0..60 {
        code = list_pods_with(&token, &namespace).await.0;
        if code == Some(401) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert_eq!(code, Some(401), "the bound token is still taken");

    // A TokenRequest for an account that does not exist: a typed 404.
    let err = accounts
        .request_token("nobody", &spec, &CreateOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(404), "{err}");
}
