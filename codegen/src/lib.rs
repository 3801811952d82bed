//! kubegen code generator.
