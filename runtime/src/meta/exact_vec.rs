//! Decoding lists to their exact length. serde grows a `Vec` by doubling, so a
//! decoded list of one or two elements keeps room for four; in caches of many
//! objects (a Pod has a dozen lists, of structs hundreds of bytes wide) that
//! slack is kilobytes per object. Generated types decode their lists with these.

use serde::{Deserialize, Deserializer};

/// Decodes a list and gives back the room it did not use.
pub fn vec_exact<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
}

/// [`vec_exact`] for optional lists.
pub fn option_vec_exact<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.map(|mut list| {
        list.shrink_to_fit();
        list
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Lists {
        #[serde(deserialize_with = "vec_exact")]
        plain: Vec<u64>,
        #[serde(default, deserialize_with = "option_vec_exact")]
        optional: Option<Vec<u64>>,
        #[serde(default, deserialize_with = "option_vec_exact")]
        absent: Option<Vec<u64>>,
    }

    #[test]
    fn decoded_lists_have_no_spare_room() {
        let l: Lists = serde_json::from_str(r#"{"plain":[1],"optional":[1,2,3]}"#).unwrap();
        assert_eq!((l.plain.len(), l.plain.capacity()), (1, 1));
        let optional = l.optional.unwrap();
        assert_eq!((optional.len(), optional.capacity()), (3, 3));
        assert!(l.absent.is_none());
        let null: Lists = serde_json::from_str(r#"{"plain":[],"optional":null}"#).unwrap();
        assert!(null.optional.is_none());
    }
}
