//! The Sortition node: a BABE + GRANDPA validator, RPC server and offchain prover.

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod keys_file;
mod ports;
mod prover;
mod receipt;
mod rpc;
mod service;

fn main() {
	if let Err(error) = command::run() {
		// Print the error's message, not its `Debug` form: a user who passed a wrong `--chain` or
		// a port that is already taken should read one clear sentence.
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
