//! A stand-in for `kubegen-runtime` with the same public names and
//! signatures, so the compile test can check generated code without the real
//! runtime. Bodies are `unimplemented!()`: this crate is only type-checked.
#![allow(missing_docs, clippy::all, dead_code, unused_variables)]

pub use serde;
pub use serde_json;

use std::marker::PhantomData;

#[derive(Debug)]
pub struct Error;
pub type Result<T> = std::result::Result<T, Error>;

#[derive(Clone)]
pub struct Client;

/// Stand-in configuration.
pub struct Config;

impl Client {
    /// Stand-in constructor.
    pub fn new(_config: Config) -> Result<Self> {
        Ok(Client)
    }
    /// Stand-in inference.
    pub async fn try_default() -> Result<Self> {
        Ok(Client)
    }
}

pub struct WatchStream<K>(PhantomData<K>);
pub struct LogLines;
pub struct DeleteResult<K>(PhantomData<K>);

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scale {}

pub mod resource {
    use super::meta::{ListMeta, ObjectMeta};
    pub trait Resource {
        const GROUP: &'static str;
        const VERSION: &'static str;
        const KIND: &'static str;
        const PLURAL: &'static str;
        type Scope;
        fn metadata(&self) -> &ObjectMeta;
        fn metadata_mut(&mut self) -> &mut ObjectMeta;
        fn from_json(body: &[u8]) -> serde_json::Result<Self>
        where
            Self: Sized;
        fn list_from_json(body: &[u8]) -> serde_json::Result<ObjectList<Self>>
        where
            Self: Sized;
    }
    pub struct NamespaceScope;
    pub struct ClusterScope;
    #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    pub struct ObjectList<K> {
        pub metadata: ListMeta,
        pub items: Vec<K>,
    }
}

// The real one: generated `Deserialize` and `Serialize` impls run on it.
#[path = "../../../../runtime/src/meta/unknown.rs"]
mod unknown;

pub mod meta {
    pub use crate::unknown::{decode_struct, DecodeStruct, FieldReader, FieldWriter, UnknownFields};
    // Transparent over JSON so that round-trip tests through the stand-in are lossless.
    macro_rules! metas {
        ($($n:ident),*) => { $(
            #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(transparent)]
            pub struct $n(pub serde_json::Value);
        )* };
    }
    /// Stand-in for the runtime's exact-length list decoding.
    pub fn vec_exact<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        <Vec<T> as serde::Deserialize>::deserialize(d)
    }
    /// Stand-in for the runtime's exact-length list decoding, optional lists.
    pub fn option_vec_exact<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<Vec<T>>, D::Error> {
        <Option<Vec<T>> as serde::Deserialize>::deserialize(d)
    }
    /// Stand-in for the runtime's sorted-vector map.
    pub type Map<K, V> = std::collections::BTreeMap<K, V>;
    /// `name` typed (as constructors set it), the rest transparent JSON.
    #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    pub struct ObjectMeta {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(flatten)]
        pub rest: std::collections::BTreeMap<String, serde_json::Value>,
    }
    metas!(ListMeta, Time, MicroTime, Quantity, LabelSelector, LabelSelectorRequirement,
        OwnerReference, ManagedFieldsEntry, Condition, Status, StatusDetails, StatusCause, Duration, TypeMeta);
    /// No `Default`, like the real one.
    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(untagged)]
    pub enum IntOrString {
        Int(i64),
        String(String),
    }
}

/// Stand-in for the runtime's inline small string.
pub type CompactString = String;

pub mod options {
    macro_rules! opts {
        ($($n:ident),*) => { $( #[derive(Clone, Debug, Default)] pub struct $n {} )* };
    }
    opts!(GetOptions, ListOptions, CreateOptions, UpdateOptions, PatchOptions, ApplyOptions, DeleteOptions, LogOptions);
    pub enum Patch {
        Merge(serde_json::Value),
    }
}

pub struct ResourceClient<K> {
    _k: PhantomData<K>,
}

impl<K> Clone for ResourceClient<K> {
    fn clone(&self) -> Self {
        ResourceClient { _k: PhantomData }
    }
}

impl<K> ResourceClient<K> {
    pub fn namespaced(client: Client, ns: &str) -> Self {
        unimplemented!()
    }
    pub fn cluster(client: Client) -> Self {
        unimplemented!()
    }
    pub fn all_namespaces(client: Client) -> Self {
        unimplemented!()
    }
    pub async fn get(&self, name: &str, opts: &options::GetOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn list(&self, opts: &options::ListOptions) -> Result<resource::ObjectList<K>> {
        unimplemented!()
    }
    pub async fn watch(&self, opts: &options::ListOptions) -> Result<WatchStream<K>> {
        unimplemented!()
    }
    pub async fn create(&self, obj: &K, opts: &options::CreateOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn update(&self, obj: &K, opts: &options::UpdateOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn update_status(&self, obj: &K, opts: &options::UpdateOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn patch(&self, name: &str, patch: &options::Patch, opts: &options::PatchOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn patch_status(&self, name: &str, patch: &options::Patch, opts: &options::PatchOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn apply<P: serde::Serialize>(&self, name: &str, obj: &P, opts: &options::ApplyOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn apply_status<P: serde::Serialize>(&self, name: &str, obj: &P, opts: &options::ApplyOptions) -> Result<K> {
        unimplemented!()
    }
    pub async fn delete(&self, name: &str, opts: &options::DeleteOptions) -> Result<DeleteResult<K>> {
        unimplemented!()
    }
    pub async fn delete_collection(&self, list: &options::ListOptions, opts: &options::DeleteOptions) -> Result<DeleteResult<resource::ObjectList<K>>> {
        unimplemented!()
    }
    pub async fn get_scale(&self, name: &str) -> Result<Scale> {
        unimplemented!()
    }
    pub async fn update_scale(&self, name: &str, scale: &Scale, opts: &options::UpdateOptions) -> Result<Scale> {
        unimplemented!()
    }
    pub async fn logs(&self, name: &str, opts: &options::LogOptions) -> Result<String> {
        unimplemented!()
    }
    pub async fn log_stream(&self, name: &str, opts: &options::LogOptions) -> Result<LogLines> {
        unimplemented!()
    }
    pub async fn evict(&self, name: &str, opts: &options::DeleteOptions) -> Result<()> {
        unimplemented!()
    }
}

/// Stand-in for the runtime's shared informers.
pub mod cache {
    use std::marker::PhantomData;

    /// Stand-in informer.
    pub struct Informer<K>(PhantomData<K>);

    /// Stand-in factory.
    #[derive(Clone)]
    pub struct InformerFactory;

    impl InformerFactory {
        /// All namespaces.
        pub fn new(_client: super::Client) -> Self {
            InformerFactory
        }
        /// One namespace.
        pub fn namespaced(_client: super::Client, _ns: &str) -> Self {
            InformerFactory
        }
        /// Resync period.
        pub fn with_resync(self, _period: std::time::Duration) -> Self {
            self
        }
        /// The shared informer of `K`.
        pub fn informer<K>(&self) -> Informer<K> {
            Informer(PhantomData)
        }
        /// Runs them.
        pub fn start(&self) {}
        /// Waits for sync.
        pub async fn wait_for_cache_sync(&self) {}
        /// Stops them.
        pub fn shutdown(&self) {}
    }
}
