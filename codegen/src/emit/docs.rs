//! Kubernetes descriptions -> rustdoc that neither breaks links nor runs
//! doctests.
//!
//! Rules, applied per line: leading whitespace is dropped (four spaces would
//! start an indented code block, which rustdoc compiles as a doctest); fences
//! become ```` ```text ```` so their content is never compiled; outside code
//! spans and fences `[`, `]`, `<`, `>` are escaped (intra-doc links, HTML
//! tags) and bare URLs become autolinks `<https://...>`; lines that continue
//! a list item are indented to the item's text (else rustdoc reads them as
//! lazy continuations, which clippy's `doc_lazy_continuation` rejects).

/// Column where the text of a list item starting `line` begins (`- a` 2,
/// `1.  a` 4), as markdown counts it: the marker (`-`, `*`, `+`, `1.`, `2)`)
/// and the one to four spaces after it, or one space when more follow (the
/// rest is then indented code inside the item).
fn list_marker(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
        let after = line[digits..].chars().next();
        if digits == 0 || digits > 9 || !matches!(after, Some('.' | ')')) {
            return None;
        }
        digits + 1
    };
    let rest = &line[marker..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Doc lines for a description, each with a leading space (as `///` gives).
pub fn doc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut item: Option<usize> = None;
    for raw in text.replace('\t', "    ").lines() {
        let line = raw.trim();
        if line.is_empty() && !in_fence {
            item = None;
            out.push(String::new());
            continue;
        }
        if line.starts_with("```") {
            out.push(if in_fence {
                " ```".to_string()
            } else {
                " ```text".to_string()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(format!(" {}", raw.trim_end()));
            continue;
        }
        match (list_marker(line), item) {
            (Some(width), _) => item = Some(width),
            (None, Some(width)) if !line.is_empty() => {
                out.push(format!(" {:width$}{}", "", clean_line(line)));
                continue;
            }
            _ => {}
        }
        out.push(format!(" {}", clean_line(line)));
    }
    if in_fence {
        out.push(" ```".to_string());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// Escapes one line outside code spans and turns bare URLs into autolinks.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let unbalanced = line.matches('`').count() % 2 == 1;
        if i % 2 == 1 && !unbalanced {
            out.push_str(part);
        } else {
            out.push_str(&clean_text(part));
        }
    }
    // An unbalanced backtick would open a code span across lines: escape them all.
    if line.matches('`').count() % 2 == 1 {
        return clean_text(line).replace('`', "\\`");
    }
    out
}

fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while !rest.is_empty() {
        let next_url = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        match next_url {
            Some(at) => {
                out.push_str(&escape(&rest[..at]));
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
                    .unwrap_or(tail.len());
                let mut url = &tail[..end];
                while url.ends_with(['.', ',', ';', ':', ')', ']']) {
                    url = &url[..url.len() - 1];
                }
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &tail[url.len()..];
            }
            None => {
                out.push_str(&escape(rest));
                rest = "";
            }
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::doc_lines;

    #[test]
    fn cleans_descriptions() {
        let lines = doc_lines(
            "See https://k8s.io/docs. Use [foo] or <bar>.\n    indented\n```\nx = [1]\n```",
        );
        assert_eq!(
            lines,
            vec![
                " See <https://k8s.io/docs>. Use \\[foo\\] or \\<bar\\>.",
                " indented",
                " ```text",
                " x = [1]",
                " ```",
            ]
        );
        assert_eq!(doc_lines("a `[x]` b"), vec![" a `[x]` b"]);
        assert_eq!(
            doc_lines("Kinds:\n1) `atomic`: one.\n     More.\n- b\nc\n\nd"),
            vec![
                " Kinds:",
                " 1) `atomic`: one.",
                "    More.",
                " - b",
                "   c",
                "",
                " d"
            ]
        );
        assert_eq!(doc_lines("odd ` tick [y]"), vec![" odd \\` tick \\[y\\]"]);
    }

    #[test]
    fn list_items_continue_under_their_text() {
        // Text after `1.  ` starts in column 4: a continuation indented by
        // the marker's width alone would be a lazy continuation.
        assert_eq!(
            doc_lines("1.  If set:\n\t   a. more\n- b\n  c\n-  d\ne\n1.5 GB\n-x"),
            vec![
                " 1.  If set:",
                "     a. more",
                " - b",
                "   c",
                " -  d",
                "    e",
                "    1.5 GB",
                "    -x",
            ]
        );
        assert_eq!(
            doc_lines("10) ten\n**bold**"),
            vec![" 10) ten", "     **bold**"]
        );
    }
}
