//! Hand-written resource types for the e2e tests of the generic client, kept
//! minimal on purpose: the generated clientset has the real ones.

use std::collections::BTreeMap;

use kubegen::meta::ObjectMeta;
use kubegen::{ClusterScope, NamespaceScope};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Declares a struct of `metadata` plus the given JSON fields, and its `Resource` impl.
macro_rules! resource {
    ($name:ident, $group:literal, $version:literal, $kind:literal, $plural:literal, $scope:ty { $($field:ident: $ty:ty),* }) => {
        #[doc = concat!("A minimal ", $kind, ".")]
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// Set by the server on reads.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub api_version: Option<String>,
            /// Set by the server on reads.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub kind: Option<String>,
            /// Standard object metadata.
            #[serde(default)]
            pub metadata: ObjectMeta,
            $(
                #[doc = concat!("`", stringify!($field), "`.")]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl kubegen::Resource for $name {
            const GROUP: &'static str = $group;
            const VERSION: &'static str = $version;
            const KIND: &'static str = $kind;
            const PLURAL: &'static str = $plural;
            type Scope = $scope;
            fn metadata(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn metadata_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
        }
    };
}

resource!(ConfigMap, "", "v1", "ConfigMap", "configmaps", NamespaceScope { data: BTreeMap<String, String> });
resource!(
    Namespace,
    "",
    "v1",
    "Namespace",
    "namespaces",
    ClusterScope {
        spec: Value,
        status: Value
    }
);
resource!(
    ResourceQuota,
    "",
    "v1",
    "ResourceQuota",
    "resourcequotas",
    NamespaceScope {
        spec: ResourceQuotaSpec,
        status: Value
    }
);
resource!(
    Lease,
    "coordination.k8s.io",
    "v1",
    "Lease",
    "leases",
    NamespaceScope { spec: Value }
);
resource!(ClusterRole, "rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", ClusterScope { rules: Vec<Value> });
resource!(
    CustomResourceDefinition,
    "apiextensions.k8s.io",
    "v1",
    "CustomResourceDefinition",
    "customresourcedefinitions",
    ClusterScope {
        spec: Value,
        status: Value
    }
);
resource!(
    Widget,
    "e2e.kubegen.dev",
    "v1",
    "Widget",
    "widgets",
    NamespaceScope {
        spec: WidgetSpec,
        status: WidgetStatus
    }
);

/// The quota's hard limits: a map of resource names to quantities.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceQuotaSpec {
    /// The hard limits.
    #[serde(default)]
    pub hard: BTreeMap<String, kubegen::meta::Quantity>,
}

/// The test CRD's spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WidgetSpec {
    /// Scaled through the scale subresource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// A free-form field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// The test CRD's status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WidgetStatus {
    /// Reported through the status subresource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// A free-form field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
}
