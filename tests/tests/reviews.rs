//! The create-only review kinds (authentication.k8s.io/v1,
//! authorization.k8s.io/v1): the server answers with the object, its status
//! filled in.

use kubegen::authentication::v1::{TokenReview, TokenReviewSpec};
use kubegen::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
};
use kubegen::{AuthConfig, Client, Clientset, CreateOptions};
use kubegen_tests::{admin, config};

/// May the context's user list Secrets in kube-system?
async fn may_list_secrets(context: &str) -> bool {
    let cs = Clientset::from_client(Client::new(config(context)).expect("client"));
    let review = SelfSubjectAccessReview {
        spec: SelfSubjectAccessReviewSpec {
            resource_attributes: Some(Box::new(ResourceAttributes {
                namespace: Some("kube-system".into()),
                verb: Some("list".into()),
                resource: Some("secrets".into()),
                ..ResourceAttributes::default()
            })),
            ..SelfSubjectAccessReviewSpec::default()
        },
        ..SelfSubjectAccessReview::default()
    };
    let answer = cs
        .authorization()
        .v1()
        .self_subject_access_reviews()
        .create(&review, &CreateOptions::default())
        .await
        .unwrap_or_else(|e| panic!("context {context}: {e}"));
    answer.status.expect("the server fills in status").allowed
}

#[tokio::test]
async fn self_subject_access_review_allows_the_admin_and_denies_no_rights() {
    assert!(may_list_secrets("token").await, "admin");
    assert!(!may_list_secrets("no-rights").await, "no-rights");
}

/// Is `token` authenticated, and as whom?
async fn review_token(token: &str) -> (bool, Option<String>) {
    let review = TokenReview {
        spec: TokenReviewSpec {
            token: token.into(),
            ..TokenReviewSpec::default()
        },
        ..TokenReview::default()
    };
    let answer = Clientset::from_client(admin())
        .authentication()
        .v1()
        .token_reviews()
        .create(&review, &CreateOptions::default())
        .await
        .expect("token review");
    let status = answer.status.expect("the server fills in status");
    let user = status.user.and_then(|u| u.username).map(|n| n.to_string());
    (status.authenticated == Some(true), user)
}

#[tokio::test]
async fn token_review_tells_the_admin_token_from_a_wrong_one() {
    let AuthConfig::Token(token) = config("token").auth else {
        panic!("the token context has a token")
    };
    let (authenticated, user) = review_token(token.expose()).await;
    assert!(authenticated, "admin token");
    assert!(user.is_some_and(|u| !u.is_empty()), "a user name");

    let (authenticated, user) = review_token("not-a-token-of-this-cluster").await;
    assert!(!authenticated, "wrong token");
    assert_eq!(user, None);
}
