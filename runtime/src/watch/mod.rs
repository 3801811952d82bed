//! Watch streams: typed events decoded incrementally from a chunked body.

mod decoder;
mod event;
mod stream;

pub use decoder::{LineDecoder, LineTooLong, MAX_LINE};
pub use event::{
    decode_event, decode_event_with, Bookmark, BookmarkMeta, DecodeObject, WatchEvent,
};
pub use stream::WatchStream;
