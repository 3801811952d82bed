//! `lossless_codec!`: the `Deserialize` and `Serialize` of a hand-written
//! meta struct, keeping what it does not know in its `unknown_fields` (as
//! generated structs do, see `unknown.rs`). A newer server may add members to
//! `ObjectMeta` and friends too.
//!
//! Each field names its JSON member and how it is read and written:
//! `optional` (`Option<T>`, skipped when `None`, an explicit `null` kept),
//! `required` (absent is an error), `default` (absent is `T::default()`),
//! `nonempty` (absent is empty, skipped when empty) and `nonempty_list`
//! (the same, decoded to its exact length).

macro_rules! lossless_codec {
    ($ty:ident { $($field:ident: $json:literal $mode:ident,)* }) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::meta::decode_struct(d)
            }
        }

        impl<'de> $crate::meta::DecodeStruct<'de> for $ty {
            const FIELDS: &'static [&'static str] = &[$($json),*];

            fn decode<A: ::serde::de::MapAccess<'de>>(
                mut r: $crate::meta::FieldReader<'de, A>,
            ) -> Result<Self, A::Error> {
                #[allow(non_camel_case_types)]
                enum Index { $($field),* }
                $(let mut $field = None;)*
                while let Some(i) = r.next_field()? {
                    $(if i == Index::$field as usize {
                        lossless_codec!(@read $mode r i $field);
                        continue;
                    })*
                }
                Ok($ty {
                    $($field: lossless_codec!(@init $mode r $field Index::$field as usize),)*
                    unknown_fields: r.finish(),
                })
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut w = $crate::meta::FieldWriter::new(s, &self.unknown_fields)?;
                $(lossless_codec!(@write $mode w $json self.$field);)*
                w.end()
            }
        }
    };

    (@read optional $r:ident $i:ident $slot:ident) => { $slot = $r.optional($i)? };
    (@read nonempty_list $r:ident $i:ident $slot:ident) => { $slot = Some($r.list()?) };
    (@read $mode:ident $r:ident $i:ident $slot:ident) => { $slot = Some($r.value()?) };

    (@init optional $r:ident $slot:ident $i:expr) => { $slot };
    (@init required $r:ident $slot:ident $i:expr) => { $r.required($slot, $i)? };
    (@init $mode:ident $r:ident $slot:ident $i:expr) => { $slot.unwrap_or_default() };

    (@write optional $w:ident $json:literal $value:expr) => { $w.optional($json, &$value)? };
    (@write nonempty $w:ident $json:literal $value:expr) => {
        if !$value.is_empty() { $w.field($json, &$value)? }
    };
    (@write nonempty_list $w:ident $json:literal $value:expr) => {
        if !$value.is_empty() { $w.field($json, &$value)? }
    };
    (@write $mode:ident $w:ident $json:literal $value:expr) => { $w.field($json, &$value)? };
}
