//! Splits a chunked watch body into lines. The server ends every event with
//! a newline; events may be split across chunks, or many share one chunk.
//! Each byte is scanned once, so multi-megabyte objects cost linear time.

/// The longest line a decoder takes: far above any real object (etcd keeps
/// at most 1.5 MiB per object by default), so only a broken or hostile
/// server reaches it, and a line without end cannot use up memory.
pub const MAX_LINE: usize = 64 << 20;

/// Collects chunks and hands out complete lines.
#[derive(Debug)]
pub struct LineDecoder {
    buf: Vec<u8>,
    /// Where the next line starts.
    start: usize,
    /// How far the buffer has been searched for a newline.
    scanned: usize,
    /// Hand out blank lines too (logs), instead of skipping them (watches).
    keep_blank: bool,
    /// The longest line taken, in bytes (without its newline).
    max_line: usize,
}

/// A line longer than a decoder's limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a line of the answer is longer than {limit} bytes")]
pub struct LineTooLong {
    /// The limit, in bytes.
    pub limit: usize,
}

impl Default for LineDecoder {
    fn default() -> Self {
        Self {
            buf: Vec::new(),
            start: 0,
            scanned: 0,
            keep_blank: false,
            max_line: MAX_LINE,
        }
    }
}

impl LineDecoder {
    /// An empty decoder that skips blank lines, as a watch body needs.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty decoder that hands out every line, blank ones included.
    pub fn keeping_blank_lines() -> Self {
        Self {
            keep_blank: true,
            ..Self::default()
        }
    }

    /// The same decoder with another line limit (tests use small ones).
    pub(crate) fn with_max_line(mut self, max_line: usize) -> Self {
        self.max_line = max_line;
        self
    }

    /// Whether `line` is passed over: a blank one, unless they are kept.
    fn is_skipped(&self, line: &[u8]) -> bool {
        !self.keep_blank && line.iter().all(u8::is_ascii_whitespace)
    }

    /// Appends a chunk of the body. Fails, keeping nothing of the chunk, when
    /// the unfinished line would grow past the limit.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), LineTooLong> {
        // What is left after the last newline (`start..scanned` holds none),
        // and what of the chunk extends it.
        let unfinished = match memchr::memrchr(b'\n', &self.buf[self.scanned..]) {
            Some(i) => self.buf.len() - (self.scanned + i + 1),
            None => self.buf.len() - self.start,
        };
        let extends = memchr::memchr(b'\n', chunk).unwrap_or(chunk.len());
        if unfinished + extends > self.max_line {
            return Err(LineTooLong {
                limit: self.max_line,
            });
        }
        // Drop consumed bytes before growing, so the buffer stays near one event's size.
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.scanned -= self.start;
            self.start = 0;
        }
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    /// The next complete line (non-blank, unless blank ones are kept),
    /// without its newline.
    pub fn next_line(&mut self) -> Option<&[u8]> {
        loop {
            let offset = memchr::memchr(b'\n', &self.buf[self.scanned..]);
            match offset {
                None => {
                    self.scanned = self.buf.len();
                    return None;
                }
                Some(offset) => {
                    let end = self.scanned + offset;
                    let line_start = self.start;
                    self.start = end + 1;
                    self.scanned = end + 1;
                    if self.is_skipped(&self.buf[line_start..end]) {
                        continue;
                    }
                    return Some(&self.buf[line_start..end]);
                }
            }
        }
    }

    /// What is left once the body has ended: a last line without a trailing
    /// newline (never an empty one).
    pub fn finish(&mut self) -> Option<&[u8]> {
        let start = self.start;
        self.start = self.buf.len();
        self.scanned = self.buf.len();
        let rest = &self.buf[start..];
        (!rest.is_empty() && !self.is_skipped(rest)).then_some(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(chunks: &[&[u8]]) -> Vec<String> {
        let mut d = LineDecoder::new();
        let mut out = Vec::new();
        for chunk in chunks {
            d.push(chunk).unwrap();
            while let Some(line) = d.next_line() {
                out.push(String::from_utf8(line.to_vec()).unwrap());
            }
        }
        if let Some(rest) = d.finish() {
            out.push(String::from_utf8(rest.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn many_lines_in_one_chunk() {
        assert_eq!(
            lines_of(&[b"{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n"]),
            ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]
        );
    }

    #[test]
    fn a_line_split_across_chunks() {
        assert_eq!(
            lines_of(&[b"{\"a\"", b":1", b"}\n{\"b", b"\":2}\n"]),
            ["{\"a\":1}", "{\"b\":2}"]
        );
    }

    #[test]
    fn byte_by_byte_and_blank_lines() {
        let body = b"\n{\"a\":1}\n\r\n{\"b\":2}\n";
        let chunks: Vec<&[u8]> = body.chunks(1).collect();
        assert_eq!(lines_of(&chunks), ["{\"a\":1}", "{\"b\":2}"]);
    }

    #[test]
    fn last_line_without_newline() {
        assert_eq!(
            lines_of(&[b"{\"a\":1}\n{\"b\":2}"]),
            ["{\"a\":1}", "{\"b\":2}"]
        );
    }

    #[test]
    fn large_line_in_small_chunks_keeps_buffer_bounded() {
        let big = format!("{{\"data\":\"{}\"}}\n", "x".repeat(3 << 20));
        let mut d = LineDecoder::new();
        let mut count = 0;
        for _ in 0..3 {
            for chunk in big.as_bytes().chunks(16 * 1024) {
                d.push(chunk).unwrap();
                while let Some(line) = d.next_line() {
                    assert_eq!(line.len(), big.len() - 1);
                    count += 1;
                }
            }
        }
        assert_eq!(count, 3);
        assert!(
            d.buf.len() < 2 * big.len() + 16 * 1024,
            "buffer grew to {}",
            d.buf.len()
        );
    }

    #[test]
    fn a_line_just_over_the_limit_fails_and_one_at_it_passes() {
        let mut d = LineDecoder::new().with_max_line(8);
        d.push(b"12345678\n1234").unwrap();
        assert_eq!(d.next_line(), Some(&b"12345678"[..]));
        assert_eq!(d.next_line(), None);
        d.push(b"5678").unwrap();
        assert_eq!(d.push(b"9"), Err(LineTooLong { limit: 8 }));
        assert_eq!(
            d.push(b"\n"),
            Ok(()),
            "a newline ends the line at the limit"
        );
        assert_eq!(d.next_line(), Some(&b"12345678"[..]));

        let mut d = LineDecoder::new().with_max_line(8);
        assert!(d.push(b"123456789").is_err(), "in one chunk");
        let mut d = LineDecoder::new().with_max_line(8);
        for _ in 0..8 {
            d.push(b"x").unwrap();
        }
        assert!(d.push(b"x").is_err(), "byte by byte");
    }

    #[test]
    fn the_default_limit_is_64_mib() {
        assert_eq!(MAX_LINE, 64 << 20);
        assert_eq!(LineDecoder::new().max_line, MAX_LINE);
        assert_eq!(LineDecoder::keeping_blank_lines().max_line, MAX_LINE);
    }

    #[test]
    fn the_fuzzing_split_keeps_blank_lines_and_stops_at_the_limit() {
        let split = crate::fuzzing::line_decoder_split(&[b"a\n\nb", b"c\nd"]);
        let want: Vec<Result<Vec<u8>, String>> = vec![
            Ok(b"a".to_vec()),
            Ok(vec![]),
            Ok(b"bc".to_vec()),
            Ok(b"d".to_vec()),
        ];
        assert_eq!(split, want);
        let long = [b'x'; crate::fuzzing::LINE_LIMIT + 1];
        let split = crate::fuzzing::line_decoder_split(&[b"a\n", &long, b"\n"]);
        assert_eq!(split.len(), 2);
        assert!(split[1]
            .as_ref()
            .unwrap_err()
            .contains("longer than 64 bytes"));
    }
}
