//! Kubeconfig YAML: parsing and resolving every context never panics, and a
//! secret planted in every secret-bearing field (token, password, client key,
//! exec plugin environment, proxy URL password, auth-provider config) never
//! shows in any `Debug` output or error message.
#![no_main]

use std::path::Path;

use kubegen_runtime::config::kubeconfig::Kubeconfig;
use kubegen_runtime::config::KubeconfigOptions;
use kubegen_runtime::serde_json::{Map, Value};
use libfuzzer_sys::fuzz_target;

/// A value no field of a generated input holds unless it was planted.
const SECRET: &str = "zq7SECRETplanted9x";

/// Puts the secret in every field that holds one.
fn plant(config: &mut Kubeconfig) {
    for named in &mut config.users {
        let user = &mut named.user;
        user.token = Some(SECRET.to_string().into());
        user.password = Some(SECRET.to_string().into());
        user.client_key_data = Some(SECRET.to_string().into());
        if let Some(exec) = &mut user.exec {
            for var in &mut exec.env {
                var.value = SECRET.to_string();
            }
        }
        if let Some(Value::Object(provider)) = &mut user.auth_provider {
            let mut secrets = Map::new();
            for key in ["id-token", "refresh-token", "client-secret", "access-token"] {
                secrets.insert(key.into(), SECRET.into());
            }
            provider.insert("config".into(), Value::Object(secrets));
        }
    }
    for named in &mut config.clusters {
        named.cluster.proxy_url = Some(format!("http://user:{SECRET}@127.0.0.1:3128"));
    }
}

fn assert_hidden(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "the secret shows in {what}: {text}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.contains(SECRET) {
        return;
    }
    let Ok(mut config) = Kubeconfig::parse(text, Path::new("fuzz-kubeconfig.yaml")) else {
        return;
    };
    plant(&mut config);
    assert_hidden("the kubeconfig's Debug", &format!("{config:?}"));
    let names: Vec<String> = config.contexts.iter().map(|c| c.name.clone()).collect();
    let mut choices: Vec<KubeconfigOptions> =
        names.into_iter().map(KubeconfigOptions::context).collect();
    choices.push(KubeconfigOptions::default());
    for options in &choices {
        match config.to_config(options) {
            Ok(resolved) => assert_hidden("a Config's Debug", &format!("{resolved:?}")),
            Err(e) => {
                assert_hidden("an error's Display", &e.to_string());
                assert_hidden("an error's Debug", &format!("{e:?}"));
            }
        }
    }
});
