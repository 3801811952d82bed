//! The schema exactly as written: the typed model the generator reads drops
//! validation keys, a CRD must keep them, so the value is read again from the
//! file at the origin the loader recorded.

use serde::Deserialize;
use serde_yaml::Value;

use crate::error::Result;
use crate::input::locate::doc_start_line;
use crate::input::{Origin, PathSeg};

/// The YAML (or JSON) value at `origin`.
pub fn value_at(origin: &Origin) -> Result<Value> {
    let mut doc = None;
    for (i, d) in serde_yaml::Deserializer::from_str(&origin.text).enumerate() {
        if doc_start_line(&origin.text, i) == origin.doc_line {
            doc = Some(Value::deserialize(d).map_err(|e| origin.error(e.to_string()))?);
            break;
        }
    }
    let mut value = doc.ok_or_else(|| origin.error("the document is gone"))?;
    for seg in &origin.path.0 {
        let next = match seg {
            PathSeg::Key(k) => value.get(k.as_str()),
            PathSeg::Index(i) => value.get(*i),
        };
        value = next.cloned().ok_or_else(|| origin.error("not found"))?;
    }
    Ok(value)
}
