//! Typed clients generated at build time from the CRD manifests in `crds/`
//! (EmqxBroker of apps.emqx.io, Testcr of stable.example.com).

include!(concat!(env!("OUT_DIR"), "/kubegen.rs"));
