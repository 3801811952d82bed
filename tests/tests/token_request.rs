//! A TokenRequest (`serviceaccounts/token`) through the generic subresource
//! call, then a call made with the issued token: the server knows who it is.

use kubegen::core::v1::ServiceAccount;
use kubegen::meta::ObjectMeta;
use kubegen::{AuthConfig, Client, Clientset, CreateOptions, ListOptions};
use kubegen_tests::{admin, config, test_namespace};
use serde_json::{json, Value};

#[tokio::test]
async fn an_issued_token_authenticates_as_its_service_account() {
    let client = admin();
    let namespace = test_namespace(&client, "token").await;
    let accounts = Clientset::from_client(client)
        .core()
        .v1()
        .service_accounts(&namespace);
    let account = ServiceAccount {
        metadata: ObjectMeta {
            name: Some("robot".into()),
            ..ObjectMeta::default()
        },
        ..ServiceAccount::default()
    };
    accounts
        .create(&account, &CreateOptions::default())
        .await
        .unwrap();

    let request = json!({
        "apiVersion": "authentication.k8s.io/v1",
        "kind": "TokenRequest",
        "spec": {"expirationSeconds": 600},
    });
    let answer: Value = accounts
        .inner()
        .create_subresource("token", "robot", &request, &CreateOptions::default())
        .await
        .unwrap();
    let token = answer["status"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();

    let mut as_robot = config("token");
    as_robot.auth = AuthConfig::Token(token.into());
    let pods = Clientset::from_client(Client::new(as_robot).unwrap())
        .core()
        .v1()
        .pods(&namespace);
    // Authenticated (not 401), and without RBAC rights: 403 naming the account.
    let err = pods.list(&ListOptions::default()).await.unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(403), "{err}");
    let who = format!("system:serviceaccount:{namespace}:robot");
    assert!(err.to_string().contains(&who), "{err}");
}
