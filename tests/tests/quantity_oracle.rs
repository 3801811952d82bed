//! The API server as the oracle of Quantity's printed form: quantities
//! stored in a ResourceQuota come back as the server prints them.
//!
//! Two server rules shape the answers, and `Quantity` models both:
//!
//! * Go's `ParseQuantity` keeps the input text when it judges it canonical
//!   (`1.500`, `+1k`, `1E3`), and `String()` prints that text;
//! * defaulting rounds every resource list value up to milli precision
//!   (`q.RoundUp(resource.Milli)`), which keeps that text when the value was
//!   parsed at milli scale or coarser and prints canonically otherwise.
//!
//! So the server's string for an input is `round_up(-3)` of our parse,
//! printed. ResourceQuota rejects negative values, so signs other than `+`
//! are covered by the unit tests only.

use std::collections::BTreeMap;

use kubegen::meta::{ObjectMeta, Quantity};
use kubegen::{CreateOptions, GetOptions, ResourceClient};
use kubegen_tests::types::{ResourceQuota, ResourceQuotaSpec};
use kubegen_tests::{admin, test_namespace};

/// Input text and the exact string kube-apiserver v1.20.2 stores for it.
const CASES: &[(&str, &str)] = &[
    ("0.5Gi", "512Mi"),
    ("1.5Gi", "1536Mi"),
    ("0.1", "100m"),
    ("1e3", "1e3"),
    ("1000", "1k"),
    ("1024", "1024"),
    ("100m", "100m"),
    ("1.5", "1500m"),
    ("0", "0"),
    ("2000Mi", "2000Mi"),
    ("1Gi", "1Gi"),
    ("1Ki", "1Ki"),
    ("1024Ki", "1Mi"),
    ("0.1Gi", "107374182400m"),
    ("12e-3", "12e-3"),
    ("1E3", "1E3"),
    ("1k", "1k"),
    ("1M", "1M"),
    ("1500M", "1500M"),
    ("1.5G", "1500M"),
    ("123456789", "123456789"),
    ("0.001", "1m"),
    ("1m", "1m"),
    ("1u", "1m"),
    ("1n", "1m"),
    ("0.000001", "1m"),
    ("5e6", "5e6"),
    ("5e-6", "1e-3"),
    ("1Ei", "1Ei"),
    ("2Pi", "2Pi"),
    ("3Ti", "3Ti"),
    ("4T", "4T"),
    ("8E", "8E"),
    ("1.25Ki", "1280"),
    ("0.75Mi", "768Ki"),
    ("129e6", "129e6"),
    ("1234567Ki", "1234567Ki"),
    ("10e10", "100e9"),
    ("999m", "999m"),
    ("1001m", "1001m"),
    ("3.14159", "3142m"),
    ("42", "42"),
    ("7Mi", "7Mi"),
    ("0.5", "500m"),
    ("2.5e2", "250"),
    ("100Ki", "100Ki"),
    ("1e-9", "1e-3"),
    ("0.3333", "334m"),
    // Kept text: scale a multiple of three, no trailing 000, no leading 0.
    ("1.234", "1.234"),
    ("1.500", "1.500"),
    ("+1.500", "+1.500"),
    ("+1k", "+1k"),
    ("01k", "01k"),
    ("0100m", "0100m"),
    ("1E-3", "1E-3"),
    ("1e+3", "1e+3"),
    ("1.", "1."),
    ("1.G", "1.G"),
    ("100.035k", "100.035k"),
    ("6.987654321G", "6.987654321G"),
    ("123456789012345678", "123456789012345678"),
    // Not kept: trailing 000, leading 0, scale not a multiple of three,
    // more than 18 digits.
    ("10000", "10k"),
    ("1.000", "1"),
    ("+0.5", "500m"),
    ("-0", "0"),
    ("1.1", "1100m"),
    ("1234567890123456789", "1234567890123456789"),
    ("1e21", "1e21"),
    ("12E", "12E"),
    // BinarySI: kept for whole numbers not a multiple of 8 on the fast path.
    ("3Mi", "3Mi"),
    ("9Ki", "9Ki"),
    ("8Ki", "8Ki"),
    ("12Ti", "12Ti"),
    ("123Ti", "123Ti"),
    ("12345678901Ki", "12345678901Ki"),
    ("123456789012Ki", "123456789012Ki"),
    ("1.0Gi", "1Gi"),
    ("1.5Ki", "1536"),
    ("0.0001Ki", "103m"),
    // Rounded up to milli: the text goes, the value moves.
    ("1000u", "1m"),
    ("1500u", "2m"),
    ("999u", "1m"),
    ("1.0001", "1001m"),
    ("0.0015", "2m"),
    ("1.5e-4", "1e-3"),
    ("1e-10", "1e-3"),
    ("1.5n", "1m"),
];

/// Inputs where Go's printing loses the value and we deliberately do not
/// follow it: input, the server's string, ours. A DecimalSI value whose
/// exponent is beyond `E` (10^18) has no suffix, and Go's
/// `CanonicalizeBytes` then prints the digits with none (`1000E` becomes
/// `1`, which reads back as one); we print `1e21`, which the server parses
/// and stores as the same value.
const GO_PRINT_BUGS: &[(&str, &str, &str)] = &[("1000E", "1", "1e21"), ("10000E", "10", "10e21")];

/// What the server should store for `input`, by our model.
fn modelled(input: &str) -> Quantity {
    let mut q: Quantity = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
    q.round_up(-3);
    q
}

fn key(i: usize) -> String {
    format!("requests.example.com/q{i}")
}

#[tokio::test]
async fn quantity_prints_what_the_server_stores() {
    // Every input, with the server's string and ours.
    let cases: Vec<(&str, &str, &str)> = CASES
        .iter()
        .map(|&(input, want)| (input, want, want))
        .chain(GO_PRINT_BUGS.iter().copied())
        .collect();
    let client = admin();
    let ns = test_namespace(&client, "quantity").await;
    let api = ResourceClient::<ResourceQuota>::namespaced(client, &ns);

    // Send the inputs as written, so the server parses them itself.
    let raw: BTreeMap<String, &str> = cases
        .iter()
        .enumerate()
        .map(|(i, (input, _, _))| (key(i), *input))
        .collect();
    let body = serde_json::json!({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "raw"}, "spec": {"hard": raw}});
    let stored: serde_json::Value = api
        .client()
        .request_json(http_post(
            &format!("/api/v1/namespaces/{ns}/resourcequotas"),
            &body,
        ))
        .await
        .unwrap();
    let mut mismatches = Vec::new();
    for (i, (input, server_want, ours_want)) in cases.iter().enumerate() {
        let server = stored["spec"]["hard"][key(i)]
            .as_str()
            .unwrap_or("<missing>");
        let ours = modelled(input).to_string();
        if server != *server_want || ours != *ours_want {
            mismatches.push(format!(
                "{input}: expected server {server_want} and kubegen {ours_want}, got server {server}, kubegen {ours}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} differ:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );

    // Our serialization (the kept text where there is one) goes through the
    // typed client and reads back as our string and value: for the cases
    // Go prints wrongly, our text is one the server stores intact.
    let hard: BTreeMap<String, Quantity> = cases
        .iter()
        .enumerate()
        .map(|(i, (input, _, _))| (key(i), input.parse().unwrap()))
        .collect();
    let quota = ResourceQuota {
        metadata: ObjectMeta {
            name: Some("quantities".into()),
            ..ObjectMeta::default()
        },
        spec: Some(ResourceQuotaSpec { hard }),
        ..ResourceQuota::default()
    };
    api.create(&quota, &CreateOptions::default()).await.unwrap();
    let back = api.get("quantities", &GetOptions::default()).await.unwrap();
    let back = back.spec.unwrap().hard;
    assert_eq!(back.len(), cases.len());
    for (i, (input, _, ours_want)) in cases.iter().enumerate() {
        let q = &back[&key(i)];
        assert_eq!(q.to_string(), *ours_want, "{input} via the typed client");
        assert_eq!(*q, modelled(input), "{input} via the typed client");
    }
}

fn http_post(path: &str, body: &serde_json::Value) -> http::Request<Vec<u8>> {
    http::Request::post(path)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(body).unwrap())
        .unwrap()
}
