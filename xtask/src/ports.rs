//! Free loopback ports, so several checkouts (or a stale cluster) never collide.

use std::net::TcpListener;

use anyhow::{Context, Result};

/// Returns `n` distinct free ports on 127.0.0.1.
///
/// All listeners are held until every port is chosen (so the kernel cannot
/// hand out the same one twice), then dropped so etcd and the API server can
/// bind them. The short race with other programs is acceptable on a dev box.
pub fn free_loopback_ports(n: usize) -> Result<Vec<u16>> {
    let listeners = (0..n)
        .map(|_| {
            TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0 to find a free port")
        })
        .collect::<Result<Vec<_>>>()?;
    listeners
        .iter()
        .map(|l| Ok(l.local_addr().context("reading a bound port")?.port()))
        .collect()
}
