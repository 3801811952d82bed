//! The verbs on the store, with the API server's answers: objects, lists,
//! and `Status` errors with the same codes and reasons (404 NotFound, 409
//! AlreadyExists and Conflict, 422 Invalid, 400 BadRequest).

use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};

use super::discovery::established;
use super::patch;
use super::route::Route;
use super::select::Filter;
use super::store::{Key, Store};

/// One request, as read off the wire.
#[derive(Debug)]
pub(crate) struct Call {
    pub method: String,
    /// The path as sent.
    pub path: String,
    pub route: Route,
    pub query: Vec<(String, String)>,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Call {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_watch(&self) -> bool {
        self.method == "GET" && matches!(self.param("watch"), Some("1" | "true"))
    }
}

/// An answer: status code and JSON body.
pub(crate) type Answer = (u16, Value);

/// Carries out `call` (anything but a watch).
pub(crate) fn answer(store: &mut Store, call: &Call) -> Answer {
    let route = &call.route;
    if route.subresource.as_deref().is_some_and(|s| s != "status") {
        return status(
            404,
            "NotFound",
            &format!("the fake cluster serves no {} subresource", call.path),
        );
    }
    let writes = matches!(call.method.as_str(), "POST" | "PUT" | "PATCH");
    let result = match (call.method.as_str(), &route.name) {
        ("GET", None) => list(store, call),
        ("GET", Some(name)) => get(store, route, name),
        ("POST", None) => body(call).and_then(|object| create(store, route, object, false)),
        ("PUT", Some(name)) => body(call).and_then(|object| update(store, route, name, object)),
        ("PATCH", Some(name)) => patch_object(store, call, name),
        ("DELETE", Some(name)) => delete(store, route, name),
        ("DELETE", None) => delete_collection(store, call),
        _ => Err(status(
            405,
            "MethodNotAllowed",
            "the fake cluster does not serve this",
        )),
    };
    match result {
        Ok((code, object)) if writes => {
            learn(store, route, &object);
            (code, object)
        }
        other => other.unwrap_or_else(|error| error),
    }
}

/// A write teaches discovery its resource; a CustomResourceDefinition also
/// starts to be served, and is Established at once.
fn learn(store: &mut Store, route: &Route, object: &Value) {
    store.catalogue.saw(route, object);
    if is_crd(route) && route.subresource.is_none() {
        store.catalogue.define(object);
        if let Some(name) = object["metadata"]["name"].as_str() {
            store.put(key(route, name), established(object.clone()));
        }
    }
}

fn is_crd(route: &Route) -> bool {
    route.group == "apiextensions.k8s.io" && route.plural == "customresourcedefinitions"
}

/// A `Status` answer.
pub(crate) fn status(code: u16, reason: &str, message: &str) -> Answer {
    (
        code,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
               "message": message, "reason": reason, "code": code}),
    )
}

fn body(call: &Call) -> Result<Value, Answer> {
    serde_json::from_slice(&call.body).map_err(|e| {
        status(
            400,
            "BadRequest",
            &format!("the request body is not JSON: {e}"),
        )
    })
}

/// Where the object `name` at `route` is stored.
pub(crate) fn key(route: &Route, name: &str) -> Key {
    (
        route.collection(),
        route.namespace.clone().unwrap_or_default(),
        name.to_owned(),
    )
}

/// `deployments.apps "web"`, as the server names an object in messages.
fn described(route: &Route, name: &str) -> String {
    if route.group.is_empty() {
        format!("{} {name:?}", route.plural)
    } else {
        format!("{}.{} {name:?}", route.plural, route.group)
    }
}

fn not_found(route: &Route, name: &str) -> Answer {
    status(
        404,
        "NotFound",
        &format!("{} not found", described(route, name)),
    )
}

fn get(store: &Store, route: &Route, name: &str) -> Result<Answer, Answer> {
    let object = store
        .get(&key(route, name))
        .ok_or_else(|| not_found(route, name))?;
    Ok((200, object.clone()))
}

fn list(store: &Store, call: &Call) -> Result<Answer, Answer> {
    let route = &call.route;
    let filter = Filter::parse(call.param("labelSelector"), call.param("fieldSelector"))
        .map_err(|e| status(400, "BadRequest", &e.to_string()))?;
    let after = call.param("continue").unwrap_or("");
    let limit: usize = call
        .param("limit")
        .and_then(|l| l.parse().ok())
        .filter(|l| *l > 0)
        .unwrap_or(usize::MAX);
    let collection = route.collection();
    let selected: Vec<(String, &Value)> = store
        .list(&collection, route.namespace.as_deref())
        .map(|((_, ns, name), object)| (continue_token(ns, name), object))
        .filter(|(token, object)| token.as_str() > after && filter.matches(object))
        .collect();
    let page = &selected[..selected.len().min(limit)];
    let items: Vec<Value> = page.iter().map(|(_, object)| (*object).clone()).collect();
    let mut metadata = json!({"resourceVersion": store.version().to_string()});
    if selected.len() > page.len() {
        if let Some((last, _)) = page.last() {
            metadata["continue"] = Value::String(last.clone());
        }
    }
    let kind = items
        .first()
        .and_then(|o| o["kind"].as_str())
        .map(|k| format!("{k}List"));
    let mut answer =
        json!({"apiVersion": route.api_version(), "metadata": metadata, "items": items});
    if let Some(kind) = kind {
        answer["kind"] = Value::String(kind);
    }
    Ok((200, answer))
}

/// Where a page ends: namespace and name, in the store's order.
fn continue_token(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}

/// Stores `object` as a create would, keeping its status: how tests seed
/// objects (a Pod already Running, say).
pub(crate) fn insert(store: &mut Store, route: &Route, object: Value) -> Answer {
    create(store, route, object, true).unwrap_or_else(|error| error)
}

/// A create; its status is dropped, as the server does for kinds with a
/// status subresource, unless `keep_status`.
fn create(
    store: &mut Store,
    route: &Route,
    mut object: Value,
    keep_status: bool,
) -> Result<Answer, Answer> {
    if !keep_status {
        if let Some(o) = object.as_object_mut() {
            o.remove("status");
        }
    }
    let meta = object
        .get_mut("metadata")
        .filter(|m| m.is_object())
        .ok_or_else(|| status(422, "Invalid", "metadata: Required value"))?;
    let name = match (meta["name"].as_str(), meta["generateName"].as_str()) {
        (Some(name), _) if !name.is_empty() => name.to_owned(),
        (_, Some(prefix)) if !prefix.is_empty() => format!("{prefix}{}", random_suffix()),
        _ => {
            let kind = object["kind"].as_str().unwrap_or_default();
            return Err(status(
                422,
                "Invalid",
                &format!(
                    "{kind} \"\" is invalid: metadata.name: Required value: \
                     name or generateName is required"
                ),
            ));
        }
    };
    check_namespace(route, meta)?;
    if let Some(namespace) = &route.namespace {
        meta["namespace"] = Value::String(namespace.clone());
    }
    meta["name"] = Value::String(name.clone());
    meta["uid"] = Value::String(uid());
    meta["creationTimestamp"] = Value::String(now());
    meta["generation"] = json!(1);
    if let Some(meta) = meta.as_object_mut() {
        meta.remove("deletionTimestamp");
    }
    let key = key(route, &name);
    if store.get(&key).is_some() {
        return Err(status(
            409,
            "AlreadyExists",
            &format!("{} already exists", described(route, &name)),
        ));
    }
    fill_type(route, &mut object);
    Ok((201, store.put(key, object)))
}

/// A body's namespace must be the path's, when it names one.
fn check_namespace(route: &Route, meta: &Value) -> Result<(), Answer> {
    match (meta["namespace"].as_str(), &route.namespace) {
        (Some(given), Some(path)) if !given.is_empty() && given != path => Err(status(
            400,
            "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the request",
        )),
        _ => Ok(()),
    }
}

/// `apiVersion` from the path when the body has none.
fn fill_type(route: &Route, object: &mut Value) {
    if object["apiVersion"].as_str().is_none_or(str::is_empty) {
        object["apiVersion"] = Value::String(route.api_version());
    }
}

fn update(store: &mut Store, route: &Route, name: &str, object: Value) -> Result<Answer, Answer> {
    if object["metadata"]["name"]
        .as_str()
        .is_some_and(|n| n != name)
    {
        return Err(status(
            400,
            "BadRequest",
            "the name of the object does not match the name on the URL",
        ));
    }
    check_namespace(route, &object["metadata"])?;
    let key = key(route, name);
    let stored = store
        .get(&key)
        .ok_or_else(|| not_found(route, name))?
        .clone();
    let wanted = object["metadata"]["resourceVersion"].as_str().unwrap_or("");
    if !wanted.is_empty() && wanted != stored["metadata"]["resourceVersion"] {
        return Err(conflict(route, name));
    }
    Ok((200, write(store, route, key, stored, object)))
}

/// Stores `object` in place of `stored`: a write to `/status` changes only
/// the status, any other only the rest (every resource is treated as having
/// a status subresource); server-owned metadata is kept.
fn write(store: &mut Store, route: &Route, key: Key, stored: Value, object: Value) -> Value {
    let mut next = if route.subresource.as_deref() == Some("status") {
        let mut next = stored.clone();
        next["status"] = object["status"].clone();
        next
    } else {
        let mut next = object;
        match stored.get("status") {
            Some(status) => next["status"] = status.clone(),
            None => {
                if let Some(o) = next.as_object_mut() {
                    o.remove("status");
                }
            }
        }
        next
    };
    for kept in [
        "uid",
        "creationTimestamp",
        "namespace",
        "name",
        "deletionTimestamp",
    ] {
        match stored["metadata"].get(kept) {
            Some(value) => next["metadata"][kept] = value.clone(),
            None => {
                if let Some(meta) = next["metadata"].as_object_mut() {
                    meta.remove(kept);
                }
            }
        }
    }
    let generation = stored["metadata"]["generation"].as_i64().unwrap_or(1);
    let spec_changed = next.get("spec") != stored.get("spec");
    next["metadata"]["generation"] = json!(generation + i64::from(spec_changed));
    fill_type(route, &mut next);
    let being_deleted = next["metadata"]["deletionTimestamp"].is_string();
    let no_finalizers = next["metadata"]["finalizers"]
        .as_array()
        .is_none_or(Vec::is_empty);
    if being_deleted && no_finalizers {
        return store.remove_as(&key, next);
    }
    store.put(key, next)
}

fn conflict(route: &Route, name: &str) -> Answer {
    status(
        409,
        "Conflict",
        &format!(
            "Operation cannot be fulfilled on {}: the object has been modified; \
             please apply your changes to the latest version and try again",
            described(route, name)
        ),
    )
}

fn patch_object(store: &mut Store, call: &Call, name: &str) -> Result<Answer, Answer> {
    let route = &call.route;
    let key = key(route, name);
    let patch_body = body(call)?;
    let Some(stored) = store.get(&key).cloned() else {
        // Server-side apply creates what is missing.
        if call.content_type.starts_with("application/apply-patch") {
            let mut object = patch_body;
            object["metadata"]["name"] = Value::String(name.to_owned());
            return create(store, route, object, false);
        }
        return Err(not_found(route, name));
    };
    let mut patched = stored.clone();
    if call.content_type.starts_with("application/json-patch+json") {
        patch::json_patch(&mut patched, &patch_body)
            .map_err(|e| status(422, "Invalid", &e.to_string()))?;
    } else {
        patch::merge(&mut patched, &patch_body);
    }
    let wanted = patch_body["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or("");
    if !wanted.is_empty() && wanted != stored["metadata"]["resourceVersion"] {
        return Err(conflict(route, name));
    }
    Ok((200, write(store, route, key, stored, patched)))
}

fn delete(store: &mut Store, route: &Route, name: &str) -> Result<Answer, Answer> {
    let key = key(route, name);
    let stored = store
        .get(&key)
        .ok_or_else(|| not_found(route, name))?
        .clone();
    let finalizers = stored["metadata"]["finalizers"]
        .as_array()
        .is_some_and(|f| !f.is_empty());
    if finalizers {
        // Kept until the finalizers are removed, marked as being deleted.
        let mut marked = stored;
        if !marked["metadata"]["deletionTimestamp"].is_string() {
            marked["metadata"]["deletionTimestamp"] = Value::String(now());
        }
        return Ok((200, store.put(key, marked)));
    }
    let gone = store.remove(&key).unwrap_or_default();
    if is_crd(route) {
        store.catalogue.undefine(&gone);
    }
    Ok((
        200,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
               "details": {"name": name, "group": route.group, "kind": route.plural,
                           "uid": gone["metadata"]["uid"]}}),
    ))
}

fn delete_collection(store: &mut Store, call: &Call) -> Result<Answer, Answer> {
    let (_, listed) = list(store, call)?;
    let mut items = Vec::new();
    for object in listed["items"].as_array().into_iter().flatten() {
        let name = object["metadata"]["name"].as_str().unwrap_or_default();
        let mut route = call.route.clone();
        route.namespace = object["metadata"]["namespace"].as_str().map(str::to_owned);
        delete(store, &route, name)?;
        items.push(object.clone());
    }
    let mut answer = listed;
    answer["items"] = Value::Array(items);
    answer["metadata"]["resourceVersion"] = Value::String(store.version().to_string());
    Ok((200, answer))
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Five characters from the alphabet the server uses for generated names.
fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    (0..5)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect()
}

/// A random version-4 UUID, as the server assigns.
fn uid() -> String {
    let hex = |n: usize| -> String {
        (0..n)
            .map(|_| format!("{:x}", fastrand::u8(..16)))
            .collect()
    };
    format!(
        "{}-{}-4{}-{:x}{}-{}",
        hex(8),
        hex(4),
        hex(3),
        8 + fastrand::u8(..4),
        hex(3),
        hex(12)
    )
}
