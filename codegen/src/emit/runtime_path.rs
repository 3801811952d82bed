//! The path by which generated code reaches the runtime.
//!
//! Emitters write [`EMITTED`] (`::kubegen_runtime`); the finished tokens are
//! rewritten to the configured path once, so no emitter has to carry it. An
//! app depends on `kubegen`, which re-exports the runtime as
//! `kubegen::__runtime`: that is the default, [`DEFAULT`]. Code compiled
//! inside a crate that depends on `kubegen-runtime` itself (the `kubegen`
//! crate) names it directly.

use proc_macro2::{Group, Literal, TokenStream, TokenTree};

use crate::error::{Error, Result};

/// The runtime path as the emitters write it.
pub const EMITTED: &str = "::kubegen_runtime";

/// The runtime path an app has: through its `kubegen` dependency.
pub const DEFAULT: &str = "::kubegen::__runtime";

/// Parses a configured runtime path (`::kubegen::__runtime`, `::kubegen_runtime`).
pub fn parse(path: &str) -> Result<TokenStream> {
    let parsed: syn::Path = syn::parse_str(path).map_err(|source| Error::RuntimePath {
        path: path.to_owned(),
        source,
    })?;
    Ok(quote::quote!(#parsed))
}

/// Replaces every `::kubegen_runtime` in `tokens` (paths, and the paths
/// quoted in serde attributes) by `path`.
pub fn rewrite(tokens: TokenStream, path: &str) -> Result<TokenStream> {
    if path == EMITTED {
        return Ok(tokens);
    }
    let replacement = parse(path)?;
    Ok(rewrite_stream(tokens, &replacement, path))
}

fn rewrite_stream(tokens: TokenStream, replacement: &TokenStream, path: &str) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) if ident == "kubegen_runtime" && ends_with_path_sep(&out) => {
                out.truncate(out.len() - 2);
                out.extend(replacement.clone());
            }
            TokenTree::Group(g) => {
                let inner = rewrite_stream(g.stream(), replacement, path);
                let mut new = Group::new(g.delimiter(), inner);
                new.set_span(g.span());
                out.push(TokenTree::Group(new));
            }
            TokenTree::Literal(lit) => out.push(TokenTree::Literal(rewrite_literal(lit, path))),
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// Whether the last two tokens are a leading `::`.
fn ends_with_path_sep(out: &[TokenTree]) -> bool {
    match out {
        [.., TokenTree::Punct(a), TokenTree::Punct(b)] => a.as_char() == ':' && b.as_char() == ':',
        _ => false,
    }
}

/// `"::kubegen_runtime::serde"` -> `"<path>::serde"`; other literals unchanged.
fn rewrite_literal(lit: Literal, path: &str) -> Literal {
    let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(lit.clone()).into()) else {
        return lit;
    };
    let value = s.value();
    match value.strip_prefix(EMITTED) {
        Some(rest) if rest.is_empty() || rest.starts_with("::") => {
            Literal::string(&format!("{path}{rest}"))
        }
        _ => lit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn paths_and_serde_strings_are_rewritten() {
        let tokens = quote! {
            #[serde(crate = "::kubegen_runtime::serde")]
            pub struct A { x: ::kubegen_runtime::meta::Map<::kubegen_runtime::CompactString, u8> }
            #[doc = " ::kubegen_runtime in prose"]
            fn f() -> Vec<::kubegen_runtime::Client> { todo!() }
        };
        let out = rewrite(tokens, DEFAULT).expect("rewrite").to_string();
        assert!(!out.contains(":: kubegen_runtime"), "{out}");
        assert!(out.contains("\"::kubegen::__runtime::serde\""), "{out}");
        assert!(
            out.contains(
                ":: kubegen :: __runtime :: meta :: Map < :: kubegen :: __runtime :: CompactString"
            ),
            "{out}"
        );
        assert!(out.contains(":: kubegen :: __runtime :: Client"), "{out}");
        assert!(
            out.contains("\" ::kubegen_runtime in prose\""),
            "docs untouched: {out}"
        );
    }

    #[test]
    fn the_emitted_path_is_left_alone_and_bad_paths_are_errors() {
        let tokens = quote!(::kubegen_runtime::Client);
        assert_eq!(
            rewrite(tokens.clone(), EMITTED).expect("same").to_string(),
            tokens.to_string()
        );
        assert!(rewrite(tokens, "not a path").is_err());
    }
}
