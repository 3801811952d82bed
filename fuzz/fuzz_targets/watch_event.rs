//! A watch event line decodes to the same event, or the same class of error,
//! in the API server's layout (which goes straight to the kind's decoder) and
//! in any other layout of the same members (read member by member).
#![no_main]

use kubegen_runtime::fuzzing::{watch_event_layouts, WATCH_EVENT_TYPES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, String, String)| {
    let (choice, other_type, object) = input;
    let kind = WATCH_EVENT_TYPES
        .get(usize::from(choice))
        .copied()
        .unwrap_or(&other_type);
    if let Some((server, other)) = watch_event_layouts(kind, &object) {
        assert_eq!(server, other, "type {kind:?}, object {object:?}");
    }
});
