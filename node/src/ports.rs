//! Refuse to start when a port the node should listen on is already taken.
//!
//! Upstream, each listener reacts differently to a taken port, and none of them stops the node:
//! the JSON-RPC server silently moves to a random port, litep2p silently drops the IPv4 listen
//! address (and keeps only IPv6), and the Prometheus exporter logs an error and runs without
//! metrics. A validator would then be unreachable, and a requester's script would talk to
//! whichever node still holds the port. So before starting we try to bind every configured port
//! once and stop with one clear sentence if any is taken, and we turn the RPC server's random
//! port fallback off, so a port taken in the moment between the check and the start also fails.

use std::net::{IpAddr, SocketAddr, TcpListener};

use sc_network::multiaddr::Protocol;
use sc_service::Configuration;

/// Check the P2P, RPC and Prometheus ports of `config`; disable the RPC random-port fallback.
pub fn ensure_free(config: &mut Configuration) -> Result<(), String> {
	for address in &config.network.listen_addresses {
		if let Some(socket) = tcp_socket(address) {
			check(socket, "--port")?;
		}
	}
	if let Some(endpoints) = config.rpc.addr.as_mut() {
		for endpoint in endpoints.iter_mut() {
			endpoint.retry_random_port = false;
			// The IPv6 endpoint is optional upstream (a host without IPv6 still serves RPC).
			if !endpoint.is_optional {
				check(endpoint.listen_addr, "--rpc-port")?;
			}
		}
	}
	if let Some(prometheus) = &config.prometheus_config {
		check(prometheus.port, "--prometheus-port")?;
	}
	Ok(())
}

/// The TCP socket of a listen multiaddr such as `/ip4/0.0.0.0/tcp/30333`, if it names a fixed
/// port (port 0 means "any free port" and cannot be taken).
fn tcp_socket(address: &sc_network::Multiaddr) -> Option<SocketAddr> {
	let mut ip = None;
	let mut port = None;
	for protocol in address.iter() {
		match protocol {
			Protocol::Ip4(v4) => ip = Some(IpAddr::V4(v4)),
			Protocol::Ip6(v6) => ip = Some(IpAddr::V6(v6)),
			Protocol::Tcp(p) if p != 0 => port = Some(p),
			_ => {},
		}
	}
	Some(SocketAddr::new(ip?, port?))
}

fn check(socket: SocketAddr, flag: &str) -> Result<(), String> {
	match TcpListener::bind(socket) {
		Ok(_) => Ok(()),
		// A host without IPv6 cannot bind `[::]`; that is not a port conflict.
		Err(_) if socket.is_ipv6() && TcpListener::bind(("::1", 0)).is_err() => Ok(()),
		Err(error) => Err(format!(
			"cannot listen on {socket} ({flag} {port}): {error}. Is another node running? Stop \
			 it, or give this one another port with {flag}",
			port = socket.port(),
		)),
	}
}
