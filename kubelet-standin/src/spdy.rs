//! SPDY/3.1 framing, as much as `kubectl port-forward` uses: streams opened
//! by the client (SYN_STREAM, answered by SYN_REPLY), data frames with FIN,
//! PING and RST_STREAM. Header blocks are zlib streams (one per direction
//! and connection) with SPDY/3's preset dictionary; the replies carry no
//! headers, so they are written as stored (uncompressed) deflate blocks.

use flate2::{Decompress, FlushDecompress};
use tokio::io::{AsyncRead, AsyncReadExt};

const SYN_STREAM: u16 = 1;
const SYN_REPLY: u16 = 2;
const RST_STREAM: u16 = 3;
const PING: u16 = 6;
/// The last frame of a stream from its sender.
const FIN: u8 = 1;
/// Frames above this are refused (the protocol allows 16 MiB).
const MAX_FRAME: usize = 1024 * 1024;

/// A frame from the client.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A new stream and its headers (names in lower case).
    SynStream {
        id: u32,
        headers: Vec<(String, String)>,
    },
    /// Data on a stream; `fin` when the sender is done with it.
    Data { id: u32, fin: bool, data: Vec<u8> },
    /// A ping, to be answered with the same frame.
    Ping(Vec<u8>),
    /// The client abandoned a stream.
    Reset { id: u32 },
    /// Frames without meaning here (SETTINGS, WINDOW_UPDATE, GOAWAY ...).
    Other,
}

/// Reads the client's frames.
pub struct Reader<R> {
    io: R,
    inflate: Decompress,
}

impl<R: AsyncRead + Unpin> Reader<R> {
    pub fn new(io: R) -> Self {
        Self {
            io,
            inflate: Decompress::new(true),
        }
    }

    /// The next frame; `None` when the connection ends between frames.
    pub async fn next(&mut self) -> Result<Option<Frame>, String> {
        let mut head = [0u8; 8];
        match self.io.read_exact(&mut head).await {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e.to_string()),
        }
        let flags = head[4];
        let length = usize::from(head[5]) << 16 | usize::from(head[6]) << 8 | usize::from(head[7]);
        if length > MAX_FRAME {
            return Err(format!("a frame of {length} bytes"));
        }
        let mut payload = vec![0u8; length];
        self.io
            .read_exact(&mut payload)
            .await
            .map_err(|e| e.to_string())?;
        let word = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        if word & 0x8000_0000 == 0 {
            return Ok(Some(Frame::Data {
                id: word,
                fin: flags & FIN != 0,
                data: payload,
            }));
        }
        let stream_id = || {
            payload
                .get(..4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) & 0x7fff_ffff)
                .ok_or("a control frame too short for its stream id")
        };
        Ok(Some(match (word & 0xffff) as u16 {
            SYN_STREAM => Frame::SynStream {
                id: stream_id()?,
                headers: self.headers(payload.get(10..).unwrap_or_default())?,
            },
            RST_STREAM => Frame::Reset { id: stream_id()? },
            PING => Frame::Ping(payload),
            _ => Frame::Other,
        }))
    }

    /// Inflates and parses a header block: a count, then length-prefixed
    /// names and values.
    fn headers(&mut self, block: &[u8]) -> Result<Vec<(String, String)>, String> {
        let mut plain = Vec::with_capacity(4 * block.len() + 256);
        let mut consumed = 0;
        loop {
            if plain.len() == plain.capacity() {
                if plain.len() > MAX_FRAME {
                    return Err("a header block too large".into());
                }
                plain.reserve(plain.len());
            }
            let (before, out_before) = (self.inflate.total_in(), plain.len());
            if let Err(err) =
                self.inflate
                    .decompress_vec(&block[consumed..], &mut plain, FlushDecompress::Sync)
            {
                if err.needs_dictionary().is_none() {
                    return Err(format!("header block: {err}"));
                }
                self.inflate
                    .set_dictionary(&dictionary())
                    .map_err(|e| format!("header dictionary: {e}"))?;
            }
            let used = (self.inflate.total_in() - before) as usize;
            consumed += used;
            // All input taken with room to spare: the flush is complete.
            if consumed == block.len() && plain.len() < plain.capacity() {
                break;
            }
            if used == 0 && plain.len() == out_before {
                return Err("a header block that does not inflate".into());
            }
        }
        parse_headers(&plain)
    }
}

fn parse_headers(plain: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut at = 0;
    let mut take = |n: usize| -> Result<&[u8], String> {
        let bytes = plain.get(at..at + n).ok_or("a header block cut short")?;
        at += n;
        Ok(bytes)
    };
    let number = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    let count = number(take(4)?);
    let mut headers = Vec::new();
    for _ in 0..count {
        let len = number(take(4)?);
        let name = String::from_utf8_lossy(take(len)?).to_ascii_lowercase();
        let len = number(take(4)?);
        let value = String::from_utf8_lossy(take(len)?).into_owned();
        headers.push((name, value));
    }
    Ok(headers)
}

/// Writes the stand-in's frames; keeps the state of its header stream.
#[derive(Default)]
pub struct Writer {
    header_stream_started: bool,
}

impl Writer {
    /// SYN_REPLY to `id`, without headers.
    pub fn syn_reply(&mut self, id: u32) -> Vec<u8> {
        let mut block = Vec::new();
        if !std::mem::replace(&mut self.header_stream_started, true) {
            // zlib header: deflate, no preset dictionary (none is needed).
            block.extend_from_slice(&[0x78, 0x01]);
        }
        // A stored, non-final block holding the count 0, then an empty one:
        // the sync flush that tells the reader to hand the data over.
        for content in [&0u32.to_be_bytes()[..], &[]] {
            let len = content.len() as u16;
            block.push(0);
            block.extend_from_slice(&len.to_le_bytes());
            block.extend_from_slice(&(!len).to_le_bytes());
            block.extend_from_slice(content);
        }
        let mut payload = id.to_be_bytes().to_vec();
        payload.extend_from_slice(&block);
        control(SYN_REPLY, 0, &payload)
    }
}

/// A data frame.
pub fn data(id: u32, fin: bool, data: &[u8]) -> Vec<u8> {
    let mut frame = id.to_be_bytes().to_vec();
    frame.push(if fin { FIN } else { 0 });
    frame.extend_from_slice(&(data.len() as u32).to_be_bytes()[1..]);
    frame.extend_from_slice(data);
    frame
}

/// The answer to a ping.
pub fn ping(payload: &[u8]) -> Vec<u8> {
    control(PING, 0, payload)
}

fn control(kind: u16, flags: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80, 3];
    frame.extend_from_slice(&kind.to_be_bytes());
    frame.push(flags);
    frame.extend_from_slice(&(payload.len() as u32).to_be_bytes()[1..]);
    frame.extend_from_slice(payload);
    frame
}

/// SPDY/3's header dictionary: length-prefixed words, then common text.
fn dictionary() -> Vec<u8> {
    const WORDS: &[&str] = &[
        "options",
        "head",
        "post",
        "put",
        "delete",
        "trace",
        "accept",
        "accept-charset",
        "accept-encoding",
        "accept-language",
        "accept-ranges",
        "age",
        "allow",
        "authorization",
        "cache-control",
        "connection",
        "content-base",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-md5",
        "content-range",
        "content-type",
        "date",
        "etag",
        "expect",
        "expires",
        "from",
        "host",
        "if-match",
        "if-modified-since",
        "if-none-match",
        "if-range",
        "if-unmodified-since",
        "last-modified",
        "location",
        "max-forwards",
        "pragma",
        "proxy-authenticate",
        "proxy-authorization",
        "range",
        "referer",
        "retry-after",
        "server",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "vary",
        "via",
        "warning",
        "www-authenticate",
        "method",
        "get",
        "status",
        "200 OK",
        "version",
        "HTTP/1.1",
        "url",
        "public",
        "set-cookie",
        "keep-alive",
        "origin",
    ];
    const TEXT: &str = "100101201202205206300302303304305306307402405406407408409410411412413414\
415416417502504505203 Non-Authoritative Information204 No Content301 Moved Permanently\
400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error\
501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec \
00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,\
image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivate\
max-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";
    let mut dictionary = Vec::new();
    for word in WORDS {
        dictionary.extend_from_slice(&(word.len() as u32).to_be_bytes());
        dictionary.extend_from_slice(word.as_bytes());
    }
    dictionary.extend_from_slice(TEXT.as_bytes());
    dictionary
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compress, Compression, FlushCompress};

    /// A SYN_STREAM for stream `id` whose header block is `block`.
    fn syn_stream(id: u32, block: &[u8]) -> Vec<u8> {
        let mut payload = id.to_be_bytes().to_vec();
        payload.extend_from_slice(&[0; 6]);
        payload.extend_from_slice(block);
        control(SYN_STREAM, 0, &payload)
    }

    fn header_block(pairs: &[(&str, &str)]) -> Vec<u8> {
        let mut plain = (pairs.len() as u32).to_be_bytes().to_vec();
        for (name, value) in pairs {
            for text in [name, value] {
                plain.extend_from_slice(&(text.len() as u32).to_be_bytes());
                plain.extend_from_slice(text.as_bytes());
            }
        }
        plain
    }

    #[tokio::test]
    async fn dictionary_compressed_headers_of_two_streams_are_read() {
        let mut deflate = Compress::new(Compression::best(), true);
        deflate.set_dictionary(&dictionary()).unwrap();
        let mut wire = Vec::new();
        for (id, kind) in [(1, "error"), (3, "data")] {
            let plain = header_block(&[("streamType", kind), ("port", "8080")]);
            let mut block = Vec::with_capacity(plain.len() + 64);
            deflate
                .compress_vec(&plain, &mut block, FlushCompress::Sync)
                .unwrap();
            wire.extend(syn_stream(id, &block));
        }
        wire.extend(data(3, true, b"hi"));
        let mut reader = Reader::new(wire.as_slice());
        for (id, kind) in [(1, "error"), (3, "data")] {
            let headers = vec![
                ("streamtype".to_string(), kind.to_string()),
                ("port".to_string(), "8080".to_string()),
            ];
            assert_eq!(
                reader.next().await.unwrap(),
                Some(Frame::SynStream { id, headers })
            );
        }
        let last = Frame::Data {
            id: 3,
            fin: true,
            data: b"hi".to_vec(),
        };
        assert_eq!(reader.next().await.unwrap(), Some(last));
        assert_eq!(reader.next().await.unwrap(), None);
    }

    #[tokio::test]
    async fn header_blocks_that_do_not_inflate_are_errors() {
        let garbage = syn_stream(1, &[0x78, 0x01, 0xff, 0xff, 0xff]);
        assert!(Reader::new(garbage.as_slice()).next().await.is_err());
        // A finished zlib stream, then a block after its end.
        let mut deflate = Compress::new(Compression::best(), true);
        let mut block = Vec::with_capacity(64);
        deflate
            .compress_vec(&header_block(&[]), &mut block, FlushCompress::Finish)
            .unwrap();
        let mut wire = syn_stream(1, &block);
        wire.extend(syn_stream(3, b"more"));
        let mut reader = Reader::new(wire.as_slice());
        assert!(reader.next().await.unwrap().is_some());
        assert!(reader.next().await.is_err());
    }
}
