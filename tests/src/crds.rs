//! Typed clients generated at build time from the CRD manifests in `crds/`
//! (the version-skew test's Gadget of skew.example.com, in its old schema).

include!(concat!(env!("OUT_DIR"), "/kubegen.rs"));
