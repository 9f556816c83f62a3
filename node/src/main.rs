//! The Sortition node: a BABE + GRANDPA validator, RPC server and offchain prover.

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod keys_file;
#[cfg(target_os = "linux")]
mod memory;
mod ports;
mod prover;
mod receipt;
mod rpc;
mod service;

/// jemalloc, not glibc's malloc: it returns freed memory to the system, where glibc's per-thread
/// arenas kept it and a validator's heap grew steadily under load (docs/reliability.md).
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
	if let Err(error) = command::run() {
		// Print the error's message, not its `Debug` form: a user who passed a wrong `--chain` or
		// a port that is already taken should read one clear sentence.
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
