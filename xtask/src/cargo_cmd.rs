//! Starting cargo from xtask: the caller's toolchain, in the workspace root,
//! without the variables `cargo run` set for xtask itself. Build scripts that
//! watch them (ring's watches `CARGO_MANIFEST_DIR`) would otherwise rerun and
//! rebuild what a plain `cargo build` just built.

use std::process::Command;

use crate::layout::Layout;

/// A cargo command in the workspace root, with the caller's toolchain.
pub fn cargo(layout: &Layout) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&layout.root);
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name,
                "CARGO_BIN_NAME" | "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE"
            )
        {
            cmd.env_remove(name);
        }
    }
    cmd
}
