//! Finding the line of a key in YAML text, for errors found after parsing.
//!
//! Type errors come from serde_yaml with a position. Semantic errors (a missing
//! OpenAPI definition, a duplicate kind, a bad name) are found later on typed
//! values that have no positions, so the loader keeps each file's text and the
//! key's path (`versions[0].kinds[1].schema.openapi`), and this module walks
//! that path over the text by indentation. It understands block style, which is
//! what declarations and CRDs use; in flow style (`{a: 1}`) it stops at the
//! deepest key it could find, so the line is still that of an ancestor.

use std::fmt;

/// One step of a path into a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path into a document, printed as `a.b[0].c`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<PathSeg>);

impl KeyPath {
    /// This path extended by a key.
    pub fn key(&self, key: &str) -> KeyPath {
        let mut p = self.clone();
        p.0.push(PathSeg::Key(key.to_string()));
        p
    }

    /// This path extended by an index.
    pub fn index(&self, i: usize) -> KeyPath {
        let mut p = self.clone();
        p.0.push(PathSeg::Index(i));
        p
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (n, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if n == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// Column of the content and the content, after any `- ` sequence markers.
fn key_start(line: &str) -> (usize, &str) {
    let mut col = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix("- ") {
        let trimmed = after.trim_start();
        col += rest.len() - trimmed.len();
        rest = trimmed;
    }
    (col, rest)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn is_key(rest: &str, key: &str) -> bool {
    for quoted in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
        if let Some(after) = rest.strip_prefix(quoted.as_str()) {
            if after.trim_start().starts_with(':') {
                return true;
            }
        }
    }
    false
}

/// The 1-based line of the deepest key of `path` found in the document that
/// starts at 1-based line `doc_line`, or `None` when not even the first is found.
pub fn key_line(text: &str, doc_line: usize, path: &KeyPath) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = doc_line.saturating_sub(1);
    if lines.get(start).is_some_and(|l| l.starts_with("---")) {
        start += 1;
    }
    let mut end = (start..lines.len())
        .find(|&i| lines[i].starts_with("---") || lines[i].starts_with("..."))
        .unwrap_or(lines.len());
    let mut key_col: Option<usize> = None;
    let mut found = None;
    for seg in &path.0 {
        let first = (start..end).find(|&i| !blank(lines[i]));
        match seg {
            PathSeg::Key(k) => {
                let kc = match (key_col, first) {
                    (Some(c), _) => c,
                    (None, Some(first)) => key_start(lines[first]).0,
                    (None, None) => return found,
                };
                let hit = (start..end).find(|&i| {
                    !blank(lines[i]) && {
                        let (c, rest) = key_start(lines[i]);
                        c == kc && is_key(rest, k)
                    }
                });
                let Some(hit) = hit else { return found };
                found = Some(hit + 1);
                let stop = (hit + 1..end)
                    .find(|&i| {
                        !blank(lines[i])
                            && (indent(lines[i]) < kc
                                || (indent(lines[i]) == kc
                                    && !lines[i].trim_start().starts_with('-')))
                    })
                    .unwrap_or(end);
                start = hit + 1;
                end = stop;
                key_col = None;
            }
            PathSeg::Index(n) => {
                let Some(first) = first else { return found };
                let d = indent(lines[first]);
                if !lines[first].trim_start().starts_with('-') {
                    return found;
                }
                let items: Vec<usize> = (start..end)
                    .filter(|&i| indent(lines[i]) == d && lines[i].trim_start().starts_with('-'))
                    .collect();
                let Some(&m) = items.get(*n) else {
                    return found;
                };
                found = Some(m + 1);
                let stop = (m + 1..end)
                    .find(|&i| !blank(lines[i]) && indent(lines[i]) <= d)
                    .unwrap_or(end);
                key_col = Some(key_start(lines[m]).0);
                start = m;
                end = stop;
            }
        }
    }
    found
}

/// The 1-based line where document number `index` (0-based) of a YAML stream starts.
pub fn doc_start_line(text: &str, index: usize) -> usize {
    if index == 0 {
        return 1;
    }
    let mut seen = 0;
    let mut first_content = true;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("---") {
            if first_content {
                // A leading `---` opens document 0 rather than separating.
                first_content = false;
                continue;
            }
            seen += 1;
            if seen == index {
                return i + 1;
            }
        } else if !blank(line) {
            first_content = false;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segs: &[&str]) -> KeyPath {
        KeyPath(
            segs.iter()
                .map(|s| match s.parse() {
                    Ok(i) => PathSeg::Index(i),
                    Err(_) => PathSeg::Key(s.to_string()),
                })
                .collect(),
        )
    }

    const DOC: &str = "group: a\nversions:\n  - version: v1\n    kinds:\n      - kind: A\n        scope: Cluster\n      - kind: B\n        schema:\n          openapi: x\n";

    #[test]
    fn finds_nested_keys() {
        assert_eq!(key_line(DOC, 1, &path(&["group"])), Some(1));
        assert_eq!(
            key_line(DOC, 1, &path(&["versions", "0", "version"])),
            Some(3)
        );
        assert_eq!(
            key_line(DOC, 1, &path(&["versions", "0", "kinds", "1", "kind"])),
            Some(7)
        );
        assert_eq!(
            key_line(
                DOC,
                1,
                &path(&["versions", "0", "kinds", "1", "schema", "openapi"])
            ),
            Some(9)
        );
        // A missing key reports its deepest ancestor.
        assert_eq!(
            key_line(DOC, 1, &path(&["versions", "0", "kinds", "0", "plural"])),
            Some(5)
        );
    }

    #[test]
    fn finds_documents() {
        let text = "---\na: 1\n---\nb: 2\n---\nc: 3\n";
        assert_eq!(doc_start_line(text, 0), 1);
        assert_eq!(doc_start_line(text, 1), 3);
        assert_eq!(key_line(text, 5, &path(&["c"])), Some(6));
    }
}
