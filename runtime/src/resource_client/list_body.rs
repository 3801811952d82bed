//! A list answer decoded as its chunks arrive: each member of the top-level
//! `items` array is decoded as soon as its last byte is in, so memory holds
//! the decoded objects and one item's text instead of the whole body (a list
//! of 10,000 Pods is about 76 MB of JSON).
//!
//! The splitter only cuts: everything but the items' text (the list's
//! `apiVersion`, `kind`, `metadata` and any other member) is kept as a
//! skeleton with `"items":[]` and decoded at the end by the same
//! `Deserialize` as a whole body, and each item by the item's own. So the
//! result, and what is an error, are those of decoding the whole body; a
//! member named `items` the splitter does not recognise (an escaped name, a
//! `null`) simply stays in the skeleton.

use serde::de::{DeserializeOwned, Error as _};

use crate::resource::{decode_json, ObjectList};

/// Where the splitter is in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Outside the items array: bytes go to the skeleton.
    Skeleton,
    /// Just after the top-level key `"items"`, before its `:`.
    ItemsKey,
    /// After `"items":`, before its value.
    ItemsColon,
    /// Inside the items array: bytes go to the current item.
    Items,
}

/// Splits a list body into its skeleton and the text of each item. Not
/// generic, so its byte loops are compiled once, in this crate, whatever
/// kinds an app lists; [`ListDecoder`] decodes what it hands out.
#[derive(Debug)]
struct Splitter {
    mode: Mode,
    /// Inside a string (and whether the last byte was its backslash).
    in_string: bool,
    escaped: bool,
    /// Nesting outside the items array (1 inside the top-level object).
    depth: usize,
    /// Nesting inside the current item (0 between items).
    item_depth: usize,
    /// Where the last string at depth 1 started in the skeleton (a key, if a `:` follows).
    key_start: usize,
    skeleton: Vec<u8>,
    /// The text of the unfinished item.
    item: Vec<u8>,
    /// Whether the items array has had an item (an empty one after it is an error).
    had_item: bool,
}

/// Receives the text of each item the splitter completes.
type ItemSink<'a> = dyn FnMut(&[u8]) -> Result<(), serde_json::Error> + 'a;

/// A list body's decoder: the [`Splitter`], and the kind's own decoders for
/// the items and the skeleton.
#[derive(Debug)]
pub(crate) struct ListDecoder<K> {
    split: Splitter,
    items: Vec<K>,
    /// Decodes one item (a kind's own [`crate::Resource::from_json`]).
    read_item: fn(&[u8]) -> serde_json::Result<K>,
    /// Decodes the skeleton (a kind's own [`crate::Resource::list_from_json`]).
    read_list: fn(&[u8]) -> serde_json::Result<ObjectList<K>>,
}

impl<K> ListDecoder<K> {
    /// A decoder before the first byte of the body, reading items and the
    /// skeleton with the given functions.
    pub(crate) fn new(
        read_item: fn(&[u8]) -> serde_json::Result<K>,
        read_list: fn(&[u8]) -> serde_json::Result<ObjectList<K>>,
    ) -> Self {
        ListDecoder {
            split: Splitter::new(),
            items: Vec::new(),
            read_item,
            read_list,
        }
    }

    /// Takes the next chunk of the body, decoding every item it completes.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), serde_json::Error> {
        let (items, read_item) = (&mut self.items, self.read_item);
        self.split.push(chunk, &mut |text| {
            items.push(read_item(text)?);
            Ok(())
        })
    }

    /// The list, once the body has ended.
    pub(crate) fn finish(self) -> Result<ObjectList<K>, serde_json::Error> {
        let mut list = (self.read_list)(self.split.skeleton()?)?;
        if list.items.is_empty() {
            list.items = self.items;
        } else if !self.items.is_empty() {
            return Err(serde_json::Error::duplicate_field("items"));
        }
        list.items.shrink_to_fit();
        Ok(list)
    }
}

impl Splitter {
    /// A splitter before the first byte of the body.
    fn new() -> Self {
        Splitter {
            mode: Mode::Skeleton,
            in_string: false,
            escaped: false,
            depth: 0,
            item_depth: 0,
            key_start: 0,
            skeleton: Vec::new(),
            item: Vec::new(),
            had_item: false,
        }
    }

    /// Takes the next chunk of the body, handing `on_item` the text of
    /// every item it completes.
    fn push(&mut self, chunk: &[u8], on_item: &mut ItemSink<'_>) -> Result<(), serde_json::Error> {
        let mut at = 0;
        while at < chunk.len() {
            at = if self.mode == Mode::Items {
                self.push_items(chunk, at, on_item)?
            } else {
                self.push_skeleton(chunk, at)
            };
        }
        Ok(())
    }

    /// Copies skeleton bytes from `at` until the items array opens (or the
    /// chunk ends); gives back where it stopped.
    fn push_skeleton(&mut self, chunk: &[u8], mut at: usize) -> usize {
        while at < chunk.len() {
            let byte = chunk[at];
            at += 1;
            if self.in_string {
                // Jump to the next quote or backslash.
                if !self.escaped && byte != b'"' && byte != b'\\' {
                    let rest = &chunk[at - 1..];
                    let skip = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
                    self.skeleton.extend_from_slice(&rest[..skip]);
                    at += skip - 1;
                    continue;
                }
                self.skeleton.push(byte);
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                    let key = &self.skeleton[self.key_start..];
                    if self.depth == 1 && key == b"\"items\"" {
                        self.mode = Mode::ItemsKey;
                    }
                }
                continue;
            }
            self.skeleton.push(byte);
            if byte.is_ascii_whitespace() {
                continue;
            }
            match (self.mode, byte) {
                (Mode::ItemsKey, b':') => {
                    self.mode = Mode::ItemsColon;
                    continue;
                }
                (Mode::ItemsColon, b'[') => {
                    self.mode = Mode::Items;
                    self.item_depth = 0;
                    self.had_item = false;
                    return at;
                }
                _ => self.mode = Mode::Skeleton,
            }
            match byte {
                b'"' => {
                    self.in_string = true;
                    self.key_start = self.skeleton.len() - 1;
                }
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        at
    }

    /// Collects item bytes from `at`, handing out each item that ends, until
    /// the items array closes (or the chunk ends); gives back where it stopped.
    fn push_items(
        &mut self,
        chunk: &[u8],
        mut at: usize,
        on_item: &mut ItemSink<'_>,
    ) -> Result<usize, serde_json::Error> {
        let mut start = at;
        while at < chunk.len() {
            let byte = chunk[at];
            at += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                } else {
                    // Jump to the next quote or backslash.
                    at += memchr::memchr2(b'"', b'\\', &chunk[at..]).unwrap_or(chunk.len() - at);
                }
                continue;
            }
            match byte {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.item_depth += 1,
                b'}' | b']' if self.item_depth > 0 => self.item_depth -= 1,
                b',' | b']' if self.item_depth == 0 => {
                    self.item.extend_from_slice(&chunk[start..at - 1]);
                    start = at;
                    self.end_item(byte == b']', on_item)?;
                    if byte == b']' {
                        self.mode = Mode::Skeleton;
                        self.skeleton.push(b']');
                        return Ok(at);
                    }
                }
                b'}' => return Err(serde_json::Error::custom("the items array ends with `}`")),
                _ => {}
            }
        }
        self.item.extend_from_slice(&chunk[start..at]);
        Ok(at)
    }

    /// Hands out the item collected, at a `,` or at the array's `]` (`last`).
    fn end_item(
        &mut self,
        last: bool,
        on_item: &mut ItemSink<'_>,
    ) -> Result<(), serde_json::Error> {
        let blank = self.item.iter().all(u8::is_ascii_whitespace);
        if blank {
            // `[]` is an empty list; `[,` and `[1,]` are not JSON.
            self.item.clear();
            return if last && !self.had_item {
                Ok(())
            } else {
                Err(serde_json::Error::custom(
                    "an empty element in the items array",
                ))
            };
        }
        on_item(&self.item)?;
        self.item.clear();
        self.had_item = true;
        Ok(())
    }

    /// The skeleton, once the body has ended.
    fn skeleton(&self) -> Result<&[u8], serde_json::Error> {
        if self.mode == Mode::Items {
            return Err(serde_json::Error::custom(
                "the answer ends inside the items array",
            ));
        }
        Ok(&self.skeleton)
    }
}

/// Decodes a whole list body through a [`ListDecoder`], cut into `chunks`
/// (tests and the fuzz target).
pub(crate) fn decode_in_chunks<'a, K: DeserializeOwned>(
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Result<ObjectList<K>, serde_json::Error> {
    let mut decoder = ListDecoder::new(decode_json, decode_json);
    for chunk in chunks {
        decoder.push(chunk)?;
    }
    decoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};
    use serde_json::{json, Value};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Item {
        name: String,
        #[serde(default)]
        data: Value,
    }

    fn whole(body: &[u8]) -> Result<ObjectList<Item>, String> {
        serde_json::from_slice(body).map_err(|e| e.to_string())
    }

    /// The body in two chunks, cut at `cut`.
    fn split_at(body: &[u8], cut: usize) -> Result<ObjectList<Item>, String> {
        let (a, b) = body.split_at(cut);
        decode_in_chunks([a, b]).map_err(|e| e.to_string())
    }

    fn body() -> Vec<u8> {
        let list = json!({
            "kind": "ThingList",
            "apiVersion": "v1",
            "metadata": {"resourceVersion": "42", "continue": "c\"o,n]t", "remainingItemCount": 3},
            "items": [
                {"name": "a", "data": {"items": [1, {"x": "]}"}], "s": "\\\"[{"}},
                {"name": "b\u{e9}\\", "data": [[], {}, "items"]},
                {"name": "c", "data": null}
            ],
            "extra": {"items": "not these"}
        });
        // Whitespace between tokens too.
        serde_json::to_vec_pretty(&list).unwrap()
    }

    #[test]
    fn items_split_across_every_chunk_boundary_decode_as_the_whole_body() {
        for body in [
            body(),
            serde_json::to_vec(&whole(&body()).unwrap()).unwrap(),
        ] {
            let want = whole(&body).unwrap();
            assert_eq!(want.items.len(), 3);
            assert_eq!(want.metadata.continue_.as_deref(), Some("c\"o,n]t"));
            for cut in 0..=body.len() {
                assert_eq!(split_at(&body, cut).as_ref(), Ok(&want), "cut at {cut}");
            }
            let bytes: Vec<&[u8]> = body.chunks(1).collect();
            assert_eq!(decode_in_chunks(bytes).unwrap(), want, "byte by byte");
        }
    }

    #[test]
    fn empty_null_and_unrecognised_items_decode_as_the_whole_body() {
        for body in [
            &br#"{"kind":"L","items":[]}"#[..],
            br#"{"kind":"L","items":null}"#,
            br#"{"kind":"L"}"#,
            br#"{"it\u0065ms":[{"name":"escaped key"}]}"#,
            br#" { "items" : [ { "name" : "x" } ] , "metadata" : { } } "#,
        ] {
            let want = whole(body).unwrap();
            for cut in 0..=body.len() {
                assert_eq!(
                    split_at(body, cut).as_ref(),
                    Ok(&want),
                    "{body:?} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn malformed_bodies_are_errors_at_every_chunk_boundary() {
        for body in [
            &br#"{"items":[{"name":"a"},]}"#[..],
            br#"{"items":[,{"name":"a"}]}"#,
            br#"{"items":[{"name":"a"}"#,
            br#"{"items":[{"name":"a"}}"#,
            br#"{"items":[{"name":"a"} {"name":"b"}]}"#,
            br#"{"items":[{"name":"a"}]"#,
            br#"{"items":[{"name":"a"}]} x"#,
            br#"{"items":[{"name":"a"}],"items":[{"name":"b"}]}"#,
            br#"{"items":[{"nom":"a"}]}"#,
            br#"{"items":[{"name":"a]}"#,
            br#"{"items":["#,
            br#"[{"items":[]}]"#,
            b"",
            b"}}]]",
        ] {
            assert!(whole(body).is_err(), "{body:?} is not a list");
            for cut in 0..=body.len() {
                assert!(split_at(body, cut).is_err(), "{body:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn every_one_byte_change_decodes_or_fails_as_the_whole_body() {
        let body = serde_json::to_vec(&json!({
            "metadata": {"resourceVersion": "1"},
            "items": [{"name": "a\\\"", "data": [{"k": "]"}]}, {"name": "b"}],
        }))
        .unwrap();
        for at in 0..body.len() {
            for byte in *br#"{}[],":\ x"# {
                let mut changed = body.clone();
                changed[at] = byte;
                let want = whole(&changed);
                for cut in (0..=changed.len()).step_by(3) {
                    let got = split_at(&changed, cut);
                    match &want {
                        Ok(want) => assert_eq!(got.as_ref(), Ok(want), "{changed:?} cut at {cut}"),
                        Err(_) => assert!(got.is_err(), "{changed:?} cut at {cut}"),
                    }
                }
            }
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_an_error() {
        let body = b"{\"items\":[{\"name\":\"\xff\"}]}";
        assert!(whole(body).is_err());
        for cut in 0..=body.len() {
            assert!(split_at(body, cut).is_err(), "cut at {cut}");
        }
        assert!(decode_json::<Item>(b"{\"name\":\"\xc3\"}").is_err());
        assert_eq!(
            decode_json::<Item>("{\"name\":\"\u{e9}\"}".as_bytes())
                .unwrap()
                .name,
            "\u{e9}"
        );
    }

    #[test]
    fn the_fuzzing_entry_decodes_both_ways() {
        let body = br#"{"metadata":{"resourceVersion":"3"},"items":[{"a":1},"x",[]]}"#;
        let (a, b) = body.split_at(30);
        let (whole, split) = crate::fuzzing::list_body_both_ways(body, &[a, b]);
        assert_eq!(whole.as_ref().map(|l| l.items.len()), Ok(3));
        assert_eq!(whole, split);
        let (whole, split) = crate::fuzzing::list_body_both_ways(b"{", &[b"{"]);
        assert!(whole.is_err() && split.is_err());
    }

    #[test]
    fn items_are_decoded_before_the_body_ends() {
        let mut decoder = ListDecoder::<Item>::new(decode_json, decode_json);
        decoder
            .push(br#"{"metadata":{},"items":[{"name":"a"},{"name":"b"},{"na"#)
            .unwrap();
        assert_eq!(decoder.items.len(), 2);
        assert!(
            decoder.split.item.len() < 8,
            "only the unfinished item is kept"
        );
        decoder.push(br#"me":"c"}]}"#).unwrap();
        let list = decoder.finish().unwrap();
        let names: Vec<&str> = list.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }
}
