//! The crate apps link: kubegen's clientset over [`kubegen_runtime`].
pub use kubegen_runtime::*;
