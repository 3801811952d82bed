//! kubegen's runtime: everything a generated clientset needs at run time.

pub mod meta;
