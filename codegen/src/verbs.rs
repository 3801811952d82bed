//! The words of the Kubernetes API every pass shares (scope, verbs,
//! subresources, with their names) and [`METHODS`], the one table of the
//! typed methods they give a kind's client. Input parsing, spec discovery,
//! emission and the CLI's declaration writer all read these; adding a verb
//! or a subresource method starts here (see CONTRIBUTING.md).

/// Whether objects of a kind live in a namespace; it decides every method's path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// `Namespaced`: the client takes a namespace.
    #[default]
    Namespaced,
    /// `Cluster`: the client takes none.
    Cluster,
}

impl Scope {
    /// Both scopes.
    pub const ALL: [Scope; 2] = [Scope::Namespaced, Scope::Cluster];

    /// The name Kubernetes writes (`Namespaced`, `Cluster`).
    pub const fn name(self) -> &'static str {
        match self {
            Scope::Namespaced => "Namespaced",
            Scope::Cluster => "Cluster",
        }
    }
}

/// An API verb a kind serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verb {
    /// Read one object.
    Get,
    /// List objects.
    List,
    /// Watch objects.
    Watch,
    /// Create an object.
    Create,
    /// Replace an object.
    Update,
    /// Patch an object.
    Patch,
    /// Server-side apply (a patch).
    Apply,
    /// Delete an object.
    Delete,
    /// Delete a collection.
    Deletecollection,
}

/// One verb's names: in declarations, and in what a server says it serves.
struct VerbNames {
    verb: Verb,
    /// The declaration name.
    name: &'static str,
    /// Discovery verbs and OpenAPI `x-kubernetes-action`s that serve it.
    served_by: &'static [&'static str],
}

/// Every verb, in the order methods are emitted.
const VERB_NAMES: [VerbNames; 9] = [
    VerbNames {
        verb: Verb::Get,
        name: "get",
        served_by: &["get"],
    },
    VerbNames {
        verb: Verb::List,
        name: "list",
        served_by: &["list"],
    },
    VerbNames {
        verb: Verb::Watch,
        name: "watch",
        served_by: &["watch", "watchlist"],
    },
    VerbNames {
        verb: Verb::Create,
        name: "create",
        served_by: &["create", "post"],
    },
    VerbNames {
        verb: Verb::Update,
        name: "update",
        served_by: &["update", "put"],
    },
    VerbNames {
        verb: Verb::Patch,
        name: "patch",
        served_by: &["patch"],
    },
    VerbNames {
        verb: Verb::Apply,
        name: "apply",
        served_by: &["patch"],
    },
    VerbNames {
        verb: Verb::Delete,
        name: "delete",
        served_by: &["delete"],
    },
    VerbNames {
        verb: Verb::Deletecollection,
        name: "deletecollection",
        served_by: &["deletecollection"],
    },
];

impl Verb {
    /// Every verb, in the order methods are emitted.
    pub const ALL: [Verb; 9] = [
        Verb::Get,
        Verb::List,
        Verb::Watch,
        Verb::Create,
        Verb::Update,
        Verb::Patch,
        Verb::Apply,
        Verb::Delete,
        Verb::Deletecollection,
    ];

    /// The declaration name (`get`, `deletecollection`).
    pub const fn name(self) -> &'static str {
        VERB_NAMES[self as usize].name
    }

    /// The verb a declaration names, if any.
    pub fn from_name(name: &str) -> Option<Verb> {
        VERB_NAMES.iter().find(|v| v.name == name).map(|v| v.verb)
    }

    /// The verbs a discovery verb (`create`) or an OpenAPI
    /// `x-kubernetes-action` (`post`) serves: `patch` serves `apply` too;
    /// `proxy` and other words with no typed method serve none.
    pub fn served_by(word: &str) -> impl Iterator<Item = Verb> + '_ {
        VERB_NAMES
            .iter()
            .filter(move |v| v.served_by.contains(&word))
            .map(|v| v.verb)
    }
}

/// A subresource with typed methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subresource {
    /// `/status`.
    Status,
    /// `/scale`.
    Scale,
    /// `/log`: a Pod's log, read whole or followed.
    Log,
    /// `/eviction`: a Pod's delete that disruption budgets may refuse.
    Eviction,
}

impl Subresource {
    /// Every subresource with typed methods.
    pub const ALL: [Subresource; 4] = [
        Subresource::Status,
        Subresource::Scale,
        Subresource::Log,
        Subresource::Eviction,
    ];

    /// The name in paths and declarations (`status`).
    pub const fn name(self) -> &'static str {
        match self {
            Subresource::Status => "status",
            Subresource::Scale => "scale",
            Subresource::Log => "log",
            Subresource::Eviction => "eviction",
        }
    }

    /// The subresource of a name, if it has typed methods.
    pub fn from_name(name: &str) -> Option<Subresource> {
        Subresource::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The HTTP method of a request.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Http {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Http {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Http::Get => "GET",
            Http::Post => "POST",
            Http::Put => "PUT",
            Http::Patch => "PATCH",
            Http::Delete => "DELETE",
        }
    }
}

/// What a method's path ends in; a subresource method appends `/<subresource>`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    /// `.../<plural>`.
    Collection,
    /// `.../<plural>/{name}`.
    Item,
}

/// A typed method's parameter, in order; the runtime's method takes the same.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Arg {
    /// `name: &str`.
    Name,
    /// `obj: &Kind`.
    Object,
    /// `obj: &P` for any `P: Serialize` (an apply configuration).
    ApplyBody,
    /// `patch: &Patch`.
    Patch,
    /// `scale: &Scale`.
    Scale,
    /// `list: &ListOptions`: which objects a collection delete takes.
    Selection,
    /// `opts: &<Options>`, of the named options type.
    Options(&'static str),
}

/// What a typed method returns, inside the runtime's `Result`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Returns {
    /// The kind.
    Object,
    /// The kind's list.
    List,
    /// `WatchStream<Kind>`.
    Events,
    /// `DeleteResult<Kind>`.
    Deleted,
    /// `DeleteResult<KindList>`.
    DeletedList,
    /// The runtime's `Scale`.
    Scale,
    /// `String`: a whole log.
    Text,
    /// `LogLines`: a log line by line.
    Lines,
    /// `()`.
    Nothing,
}

/// One typed method of a kind's client. It is emitted when the kind serves
/// `verb` and, for a subresource method, has the subresource; it forwards
/// to the runtime's `ResourceClient` method of the same name.
#[derive(Debug)]
pub(crate) struct Method {
    pub(crate) verb: Verb,
    pub(crate) subresource: Option<Subresource>,
    pub(crate) name: &'static str,
    pub(crate) http: Http,
    pub(crate) target: Target,
    /// A query the request always has (`watch=1`).
    pub(crate) query: Option<&'static str>,
    pub(crate) args: &'static [Arg],
    pub(crate) returns: Returns,
    /// The doc's first line; `{kind}` is replaced by the kind's name.
    pub(crate) doc: &'static str,
    /// What the doc says after the request line.
    pub(crate) note: Note,
}

/// A remark after a method's request line in its doc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Note {
    None,
    /// A namespaced kind's list also goes across namespaces.
    AcrossNamespaces,
    /// The body is an apply patch.
    ApplyPatch,
}

const NAME: Arg = Arg::Name;

/// Every typed method, in the order they are emitted.
pub(crate) const METHODS: &[Method] = &[
    Method {
        verb: Verb::Get,
        subresource: None,
        name: "get",
        http: Http::Get,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Options("GetOptions")],
        returns: Returns::Object,
        doc: "Reads one `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::List,
        subresource: None,
        name: "list",
        http: Http::Get,
        target: Target::Collection,
        query: None,
        args: &[Arg::Options("ListOptions")],
        returns: Returns::List,
        doc: "Lists `{kind}` objects.",
        note: Note::AcrossNamespaces,
    },
    Method {
        verb: Verb::Watch,
        subresource: None,
        name: "watch",
        http: Http::Get,
        target: Target::Collection,
        query: Some("watch=1"),
        args: &[Arg::Options("ListOptions")],
        returns: Returns::Events,
        doc: "Watches `{kind}` objects.",
        note: Note::None,
    },
    Method {
        verb: Verb::Create,
        subresource: None,
        name: "create",
        http: Http::Post,
        target: Target::Collection,
        query: None,
        args: &[Arg::Object, Arg::Options("CreateOptions")],
        returns: Returns::Object,
        doc: "Creates a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Update,
        subresource: None,
        name: "update",
        http: Http::Put,
        target: Target::Item,
        query: None,
        args: &[Arg::Object, Arg::Options("UpdateOptions")],
        returns: Returns::Object,
        doc: "Replaces a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Patch,
        subresource: None,
        name: "patch",
        http: Http::Patch,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Patch, Arg::Options("PatchOptions")],
        returns: Returns::Object,
        doc: "Patches a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Apply,
        subresource: None,
        name: "apply",
        http: Http::Patch,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::ApplyBody, Arg::Options("ApplyOptions")],
        returns: Returns::Object,
        doc: "Server-side applies a `{kind}`.",
        note: Note::ApplyPatch,
    },
    Method {
        verb: Verb::Delete,
        subresource: None,
        name: "delete",
        http: Http::Delete,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Options("DeleteOptions")],
        returns: Returns::Deleted,
        doc: "Deletes a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Deletecollection,
        subresource: None,
        name: "delete_collection",
        http: Http::Delete,
        target: Target::Collection,
        query: None,
        args: &[Arg::Selection, Arg::Options("DeleteOptions")],
        returns: Returns::DeletedList,
        doc: "Deletes every `{kind}` matching `list`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Update,
        subresource: Some(Subresource::Status),
        name: "update_status",
        http: Http::Put,
        target: Target::Item,
        query: None,
        args: &[Arg::Object, Arg::Options("UpdateOptions")],
        returns: Returns::Object,
        doc: "Replaces the status of a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Patch,
        subresource: Some(Subresource::Status),
        name: "patch_status",
        http: Http::Patch,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Patch, Arg::Options("PatchOptions")],
        returns: Returns::Object,
        doc: "Patches the status of a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Apply,
        subresource: Some(Subresource::Status),
        name: "apply_status",
        http: Http::Patch,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::ApplyBody, Arg::Options("ApplyOptions")],
        returns: Returns::Object,
        doc: "Server-side applies the status of a `{kind}`.",
        note: Note::ApplyPatch,
    },
    Method {
        verb: Verb::Get,
        subresource: Some(Subresource::Scale),
        name: "get_scale",
        http: Http::Get,
        target: Target::Item,
        query: None,
        args: &[NAME],
        returns: Returns::Scale,
        doc: "Reads the scale of a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Update,
        subresource: Some(Subresource::Scale),
        name: "update_scale",
        http: Http::Put,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Scale, Arg::Options("UpdateOptions")],
        returns: Returns::Scale,
        doc: "Replaces the scale of a `{kind}`.",
        note: Note::None,
    },
    Method {
        verb: Verb::Get,
        subresource: Some(Subresource::Log),
        name: "logs",
        http: Http::Get,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Options("LogOptions")],
        returns: Returns::Text,
        doc: "Reads the log of a `{kind}` as text.",
        note: Note::None,
    },
    Method {
        verb: Verb::Get,
        subresource: Some(Subresource::Log),
        name: "log_stream",
        http: Http::Get,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Options("LogOptions")],
        returns: Returns::Lines,
        doc: "Reads the log of a `{kind}` line by line; with `follow`, as it is written.",
        note: Note::None,
    },
    Method {
        verb: Verb::Delete,
        subresource: Some(Subresource::Eviction),
        name: "evict",
        http: Http::Post,
        target: Target::Item,
        query: None,
        args: &[NAME, Arg::Options("DeleteOptions")],
        returns: Returns::Nothing,
        doc: "Evicts a `{kind}`: deletes it unless a PodDisruptionBudget forbids it now (429).",
        note: Note::None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_names_follow_the_verb_order() {
        for (i, v) in Verb::ALL.into_iter().enumerate() {
            assert_eq!(VERB_NAMES[i].verb, v);
            assert_eq!(Verb::from_name(v.name()), Some(v));
        }
        assert_eq!(Verb::from_name("all"), None);
    }

    #[test]
    fn server_words_map_to_verbs() {
        let of = |w| Verb::served_by(w).collect::<Vec<_>>();
        assert_eq!(of("patch"), [Verb::Patch, Verb::Apply]);
        assert_eq!(of("post"), [Verb::Create]);
        assert_eq!(of("create"), [Verb::Create]);
        assert_eq!(of("watchlist"), [Verb::Watch]);
        assert!(of("proxy").is_empty());
    }

    #[test]
    fn every_verb_has_a_method() {
        for v in Verb::ALL {
            assert!(METHODS
                .iter()
                .any(|m| m.verb == v && m.subresource.is_none()));
        }
        for s in Subresource::ALL {
            assert!(METHODS.iter().any(|m| m.subresource == Some(s)));
        }
    }
}
