//! The default kubeconfig is found in the home folder even when `HOME` is
//! unset, as the password database names it (`std::env::home_dir`). This
//! binary holds one test, so changing the environment races with nothing.

use kubegen_runtime::config::MissingKubeconfig;
use kubegen_runtime::{ConfigError, Kubeconfig};

#[test]
fn without_home_the_password_database_names_the_home_folder() {
    std::env::remove_var("KUBECONFIG");
    std::env::remove_var("HOME");
    let Some(home) = std::env::home_dir() else {
        // No entry for this user either: nothing to find the folder by.
        assert!(matches!(
            Kubeconfig::from_env(),
            Err(ConfigError::NoKubeconfig(MissingKubeconfig::NoHome))
        ));
        return;
    };
    let default = home.join(".kube").join("config");
    match Kubeconfig::from_env() {
        Err(ConfigError::NoKubeconfig(MissingKubeconfig::DefaultMissing { path })) => {
            assert_eq!(path, default)
        }
        Err(ConfigError::NoKubeconfig(MissingKubeconfig::NoHome)) => {
            panic!("HOME unset, yet {} is the home folder", home.display())
        }
        // The file exists there: it was found (and read, or refused on its content).
        _ => assert!(default.exists()),
    }
}
