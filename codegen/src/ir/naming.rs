//! Deterministic names: case conversion, identifier escaping, and the
//! collision rule.
//!
//! Collision rule (types, fields, group modules, accessors): candidates are
//! keyed by a stable id (type id, JSON name, API group name). Names that are
//! wanted once are kept. When several ids want the same name, they are sorted
//! by id; the first keeps the name (unless it is reserved), every later one
//! gets the smallest free numeric suffix (`Foo2`, `foo_2`). The result depends
//! on the set of ids alone, never on the order the inputs were read in.

use std::collections::{BTreeMap, BTreeSet};

/// Splits `fooBar`, `FOOBar`, `foo-bar`, `podIPs` into lowercase words.
pub fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = if i > 0 {
            chars.get(i - 1).copied()
        } else {
            None
        };
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                let after_lower = p.is_ascii_lowercase() || p.is_ascii_digit();
                // `APIVersion`: a new word starts at `V`; but `IPs` keeps its plural `s`.
                // A plural `s` right after an acronym stays in it (`IPs`).
                let plural_s = next == Some('s')
                    && !matches!(chars.get(i + 2), Some(n) if n.is_ascii_lowercase());
                let acronym_end = p.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase())
                    && !plural_s;
                after_lower || acronym_end
            }
            _ => false,
        };
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `snake_case`, not yet escaped.
pub fn snake(s: &str) -> String {
    words(s).join("_")
}

/// `PascalCase`, each word capitalized.
pub fn pascal(s: &str) -> String {
    words(s)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Whether `s` can be used as a plain Rust identifier.
pub fn is_plain_ident(s: &str) -> bool {
    // syn rejects keywords of the edition it knows; `gen` and `try` are added
    // so output stays valid in edition 2024.
    !matches!(s, "gen" | "try" | "_") && syn::parse_str::<syn::Ident>(s).is_ok()
}

/// A field or method name: snake case, never empty, never a keyword
/// (`type` -> `type_`), never starting with a digit (`3d` -> `_3d`); `$ref` ->
/// `dollar_ref`, `_` -> `underscore`.
pub fn field_ident(json: &str) -> String {
    let mut s = match json.strip_prefix('$') {
        // `$ref` -> `dollar_ref`, so that it does not collide with `ref`.
        Some(rest) => format!("dollar_{}", snake(rest)),
        None => snake(json),
    };
    if s.is_empty() {
        s = if json.chars().all(|c| c == '_') {
            "underscore"
        } else {
            "field"
        }
        .to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if !is_plain_ident(&s) {
        s.push('_');
    }
    s
}

/// A type name: the PascalCase of the hint, prefixed when it starts with a digit.
pub fn type_ident(hint: &str) -> String {
    let mut s: String = hint.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    if !is_plain_ident(&s) {
        s.push('_');
    }
    s
}

/// The PascalCase of a group module, for the group's and its versions'
/// accessor types (`AppsEmqxIo`); prefixed when the group starts with a
/// digit (`3scale.net` -> `T3scaleNet`).
pub fn group_type_prefix(module: &str) -> String {
    type_ident(&pascal(module))
}

/// Module and accessor name of an API group: `""` -> `core`; a trailing
/// `.k8s.io` is stripped; `.` and `-` become `_` (`rbac.authorization.k8s.io`
/// -> `rbac_authorization`, `apps.emqx.io` -> `apps_emqx_io`), except
/// when that would be a module of the runtime, the suffix stays
/// (`discovery.k8s.io` -> `discovery_k8s_io`).
pub fn group_module(group: &str) -> String {
    if group.is_empty() {
        return "core".to_string();
    }
    let short = group.strip_suffix(".k8s.io").unwrap_or(group);
    let g = if RUNTIME_MODULES.contains(&short) {
        group
    } else {
        short
    };
    field_ident(&g.replace(['.', '-'], "_"))
}

/// Module of definitions grouped by package segment (`pkg:meta`): the
/// segment, or `<segment>_k8s_io` when that is a module of the runtime
/// (apimachinery's `meta` package is the `meta.k8s.io` group).
pub fn package_module(segment: &str) -> String {
    if RUNTIME_MODULES.contains(&segment) {
        field_ident(&format!("{segment}_k8s_io"))
    } else {
        field_ident(segment)
    }
}

/// Public top-level names of `kubegen_runtime`. The `kubegen` crate
/// re-exports the runtime beside its generated modules, where a module of
/// the same name would silently hide the runtime's (`kubegen::discovery`).
pub const RUNTIME_MODULES: [&str; 20] = [
    "auth",
    "cache",
    "config",
    "controller",
    "discovery",
    "dynamic",
    "error",
    "fake",
    "leader_election",
    "meta",
    "options",
    "recorder",
    "request",
    "resource",
    "retry",
    "serde",
    "serde_json",
    "wait",
    "watch",
    "workqueue",
];

/// Methods of the root `Clientset` and `InformerFactory` beside the group
/// accessors, which are named after the group modules: a group module of
/// such a name gets a suffix (`start_2`).
pub const ROOT_METHODS: [&str; 10] = [
    "client",
    "factory",
    "from_client",
    "namespaced",
    "new",
    "shutdown",
    "start",
    "try_default",
    "wait_for_cache_sync",
    "with_resync",
];

/// Methods of a version's client and informer structs beside the kind
/// accessors: a kind whose plural is `new` gets `new_2`.
pub const VERSION_METHODS: [&str; 2] = ["factory", "new"];

/// A set of reserved names.
pub fn reserved(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Cargo feature of an API group: `core` for `""`; the first label for
/// Kubernetes' own groups (`rbac.authorization.k8s.io` -> `rbac`) and dotless
/// groups (`apps`); the module name for every other group (`apps_emqx_io`).
pub fn group_feature(group: &str) -> String {
    if group.is_empty() {
        return "core".to_string();
    }
    if group.ends_with(".k8s.io") || !group.contains('.') {
        let first = group.split('.').next().unwrap_or(group);
        return field_ident(first);
    }
    group_module(group)
}

/// The version accessor's method name (`v1`, `v1beta1`).
pub fn version_module(version: &str) -> String {
    field_ident(version)
}

/// Accessor of a kind's client: the plural, with underscores where the
/// kind's snake case has them (`EmqxBroker`/`emqxbrokers` -> `emqx_brokers`,
/// `NetworkPolicy`/`networkpolicies` -> `network_policies`).
pub fn kind_accessor(kind: &str, plural: &str) -> String {
    let kind_snake = snake(kind);
    let plural = plural.to_ascii_lowercase();
    let mut out = String::new();
    let mut letters = 0;
    let mut breaks = BTreeSet::new();
    for ch in kind_snake.chars() {
        if ch == '_' {
            breaks.insert(letters);
        } else {
            letters += 1;
        }
    }
    let kind_flat: String = kind_snake.chars().filter(|&c| c != '_').collect();
    for (i, ch) in plural.char_indices() {
        if breaks.contains(&i) && plural.get(..i) == kind_flat.get(..i) {
            out.push('_');
        }
        out.push(ch);
    }
    field_ident(&out)
}

/// Applies the collision rule: `wanted` maps stable ids to wanted names;
/// `reserved` names are taken already; `sep` goes before the numeric suffix.
pub fn resolve<K: Ord + Clone>(
    wanted: &BTreeMap<K, String>,
    reserved: &BTreeSet<String>,
    sep: &str,
) -> BTreeMap<K, String> {
    let mut by_name: BTreeMap<&str, Vec<&K>> = BTreeMap::new();
    for (k, name) in wanted {
        by_name.entry(name.as_str()).or_default().push(k);
    }
    let mut taken: BTreeSet<String> = reserved.clone();
    taken.extend(wanted.values().cloned());
    let mut out = BTreeMap::new();
    for (name, ids) in by_name {
        let keep = usize::from(!reserved.contains(name));
        for (i, id) in ids.into_iter().enumerate() {
            if i < keep {
                out.insert(id.clone(), name.to_string());
                continue;
            }
            let mut n = 2;
            let fresh = loop {
                let candidate = format!("{name}{sep}{n}");
                if !taken.contains(&candidate) {
                    break candidate;
                }
                n += 1;
            };
            taken.insert(fresh.clone());
            out.insert(id.clone(), fresh);
        }
    }
    out
}

/// Name of the field of every struct that keeps members the type does not
/// know; reserved so a property of that name gets a suffix instead.
pub(crate) const UNKNOWN_FIELDS: &str = "unknown_fields";

/// Name of a version's accessor struct (`AppsV1`), reserved in its module.
pub(crate) fn version_struct(group_module: &str, version: &str) -> String {
    format!("{}{}", group_type_prefix(group_module), pascal(version))
}

/// Name of a version's informer struct (`AppsV1Informers`), reserved in its module.
pub(crate) fn version_informers_struct(group_module: &str, version: &str) -> String {
    format!("{}Informers", version_struct(group_module, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("ref"), "ref_");
        assert_eq!(field_ident("$ref"), "dollar_ref");
        assert_eq!(field_ident("x-y"), "x_y");
        assert_eq!(field_ident("3d"), "_3d");
        assert_eq!(field_ident("_"), "underscore");
        assert_eq!(field_ident("-"), "field");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("apiVersion"), "api_version");
        assert_eq!(field_ident("podIPs"), "pod_ips");
        assert_eq!(field_ident("hostIPC"), "host_ipc");
        assert_eq!(field_ident("APIVersion"), "api_version");
        assert_eq!(field_ident("gen"), "gen_");
    }

    #[test]
    fn group_names() {
        assert_eq!(group_module(""), "core");
        assert_eq!(group_module("apps"), "apps");
        assert_eq!(
            group_module("rbac.authorization.k8s.io"),
            "rbac_authorization"
        );
        assert_eq!(group_module("apps.emqx.io"), "apps_emqx_io");
        assert_eq!(group_module("discovery.k8s.io"), "discovery_k8s_io");
        assert_eq!(group_module("resource.k8s.io"), "resource_k8s_io");
        assert_eq!(package_module("meta"), "meta_k8s_io");
        assert_eq!(package_module("version"), "version");
        assert_eq!(group_feature("discovery.k8s.io"), "discovery");
        assert_eq!(group_feature("rbac.authorization.k8s.io"), "rbac");
        assert_eq!(group_feature("networking.k8s.io"), "networking");
        assert_eq!(group_feature("apps.emqx.io"), "apps_emqx_io");
        assert_eq!(group_feature(""), "core");
    }

    #[test]
    fn accessors() {
        assert_eq!(kind_accessor("EmqxBroker", "emqxbrokers"), "emqx_brokers");
        assert_eq!(
            kind_accessor("NetworkPolicy", "networkpolicies"),
            "network_policies"
        );
        assert_eq!(kind_accessor("Endpoints", "endpoints"), "endpoints");
        assert_eq!(kind_accessor("APIService", "apiservices"), "api_services");
        assert_eq!(kind_accessor("Ingress", "ingresses"), "ingresses");
    }

    #[test]
    fn collisions_do_not_depend_on_order() {
        let wanted: BTreeMap<String, String> = [("b", "Foo"), ("a", "Foo"), ("c", "Foo2")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let out = resolve(&wanted, &BTreeSet::new(), "");
        assert_eq!(out["a"], "Foo");
        assert_eq!(out["b"], "Foo3");
        assert_eq!(out["c"], "Foo2");
    }
}
