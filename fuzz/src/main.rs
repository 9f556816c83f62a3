//! Fuzzing what anyone can send to a Sortition chain: `scripts/fuzz.sh [EXECUTIONS]`.
//!
//! ```text
//! sortition-fuzz [EXECUTIONS] [--seed N] [--only TARGET,...] [--threads N]
//! ```
//!
//! Targets (each a property over random inputs, run with proptest's runner: a failure, or a
//! panic anywhere below, is shrunk to a minimal input and printed with the seed):
//!
//! - `proofs`: proof decoding and verification, every program at both levels: valid proofs
//!   mutated, cut and extended, random bytes, proofs checked at the other level, outputs
//!   mutated. Only the untouched proof with its own output and level verifies.
//! - `calls`: SCALE decoding of every call of the provers and jobs pallets from random bytes
//!   after each pallet and call index. What decodes encodes back to the same call, and its
//!   dispatch info (its weight) is computed without panicking; every call is reached.
//! - `transactions`: signed transactions of the pallets' calls, mutated, decoded as the
//!   runtime's extrinsic and, if they decode, validated as the transaction pool does
//!   (`Executive::validate_transaction`: signature, nonce, fee).
//! - `submit_job`: `jobs.submit_job` with random arguments from random accounts, applied to a
//!   block of the development chain: a job is created and its fee held, or the call fails with
//!   nothing held; every pallet invariant (`try_state`) holds after each.
//! - `submit_proof`: `jobs.submit_proof` on jobs assigned to Alice (every program, both levels)
//!   with real, mutated, swapped and random proofs and outputs, from her and others: the real
//!   proof verifies, anything else is rejected (and the prover slashed) or refused; every
//!   invariant holds after each.
//!
//! The executions are split between the targets in fixed shares (`TARGETS`: most to the
//! decoding targets, which run tens of thousands of cases a second; less to the runtime
//! targets, each case of which applies a signed transaction and checks every invariant, about
//! a millisecond), and each target runs on every core with its own seed.

mod dispatch;
mod proofs;
mod scale;

use proptest::{
	strategy::Strategy,
	test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner},
};
use std::{
	collections::BTreeMap,
	sync::Mutex,
	time::{Duration, Instant},
};

/// What a target counts about its executions (e.g. how many calls of each kind decoded), to
/// show that it reaches what it should.
pub type Counts = BTreeMap<String, u64>;

/// A target: its name, its share of the executions (per mille) and its run over `cases`
/// cases with `runner`, adding to `counts`.
struct Target {
	name: &'static str,
	share: u64,
	run: fn(&mut TestRunner, &Mutex<Counts>) -> Result<(), String>,
	/// What must be seen in `counts` after a run of at least `MIN_FOR_COVERAGE` executions.
	coverage: fn(&Counts) -> Result<(), String>,
}

const TARGETS: [Target; 5] = [
	Target { name: "proofs", share: 200, run: proofs::run, coverage: proofs::coverage },
	Target { name: "calls", share: 480, run: scale::run_calls, coverage: scale::calls_coverage },
	Target {
		name: "transactions",
		share: 250,
		run: scale::run_transactions,
		coverage: scale::transactions_coverage,
	},
	Target {
		name: "submit_job",
		share: 50,
		run: dispatch::run_submit_job,
		coverage: dispatch::submit_job_coverage,
	},
	Target {
		name: "submit_proof",
		share: 20,
		run: dispatch::run_submit_proof,
		coverage: dispatch::submit_proof_coverage,
	},
];

/// Below this many executions of a target, its coverage is printed but not required.
const MIN_FOR_COVERAGE: u64 = 5_000;

/// Adds one to `counts[key]`.
pub fn count(counts: &Mutex<Counts>, key: impl Into<String>) {
	*counts.lock().expect("not poisoned").entry(key.into()).or_default() += 1;
}

/// `Err` naming what is missing unless every key is in `counts`.
pub fn require(counts: &Counts, keys: impl IntoIterator<Item = String>) -> Result<(), String> {
	let missing: Vec<String> = keys.into_iter().filter(|key| !counts.contains_key(key)).collect();
	if missing.is_empty() {
		Ok(())
	} else {
		Err(format!("never reached: {}", missing.join(", ")))
	}
}

/// Runs `test` on `runner`'s cases of `strategy`.
pub fn check<S: Strategy>(
	runner: &mut TestRunner,
	strategy: S,
	test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> Result<(), String> {
	runner.run(&strategy, test).map_err(|error| error.to_string())
}

struct Args {
	executions: u64,
	seed: u64,
	only: Option<Vec<String>>,
	threads: u64,
}

fn args() -> Result<Args, String> {
	let mut args = Args {
		executions: 10_000_000,
		seed: std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map(|d| d.as_secs())
			.unwrap_or_default(),
		only: None,
		threads: std::thread::available_parallelism().map(|n| n.get() as u64).unwrap_or(1),
	};
	let number = |value: Option<String>, what: &str| -> Result<u64, String> {
		let value = value.ok_or(format!("{what}: a number is missing"))?;
		value
			.replace('_', "")
			.parse()
			.map_err(|_| format!("{what}: `{value}` is not a number"))
	};
	let mut iter = std::env::args().skip(1);
	while let Some(arg) = iter.next() {
		match arg.as_str() {
			"--seed" => args.seed = number(iter.next(), "--seed")?,
			"--threads" => args.threads = number(iter.next(), "--threads")?.max(1),
			"--only" => {
				let names: Vec<String> = iter
					.next()
					.ok_or("--only: target names are missing")?
					.split(',')
					.map(str::to_string)
					.collect();
				for name in &names {
					if !TARGETS.iter().any(|t| t.name == name) {
						return Err(format!(
							"--only: unknown target `{name}` (targets: {})",
							TARGETS.map(|t| t.name).join(", ")
						));
					}
				}
				args.only = Some(names);
			},
			"-h" | "--help" => {
				println!(
					"sortition-fuzz [EXECUTIONS] [--seed N] [--only TARGET,...] [--threads N]"
				);
				println!("targets: {}", TARGETS.map(|t| t.name).join(", "));
				std::process::exit(0);
			},
			_ => args.executions = number(Some(arg), "EXECUTIONS")?,
		}
	}
	Ok(args)
}

fn main() {
	let args = match args() {
		Ok(args) => args,
		Err(error) => {
			eprintln!("sortition-fuzz: {error}");
			std::process::exit(2);
		},
	};
	let targets: Vec<&Target> = TARGETS
		.iter()
		.filter(|t| args.only.as_ref().is_none_or(|only| only.iter().any(|n| n == t.name)))
		.collect();
	let shares: u64 = targets.iter().map(|t| t.share).sum();
	println!(
		"sortition-fuzz: {} executions, seed {}, {} threads (repeat: {} --seed {} --threads {})",
		args.executions, args.seed, args.threads, args.executions, args.seed, args.threads
	);
	// The panics proptest catches are reported by it, shrunk; the default hook would print
	// each one on the way, mid-table.
	std::panic::set_hook(Box::new(|_| {}));
	let mut failed = false;
	let mut total = (0u64, Duration::ZERO);
	println!("{:<14} {:>12} {:>10} {:>12}", "target", "executions", "seconds", "per second");
	for (index, target) in targets.iter().enumerate() {
		let executions = args.executions * target.share / shares;
		let per_thread = executions.div_ceil(args.threads);
		let counts = Mutex::new(Counts::new());
		let started = Instant::now();
		let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
			let workers: Vec<_> = (0..args.threads)
				.map(|thread| {
					let counts = &counts;
					scope.spawn(move || {
						let mut seed = [0u8; 32];
						seed[..8].copy_from_slice(&args.seed.to_le_bytes());
						seed[8] = index as u8;
						seed[9..17].copy_from_slice(&thread.to_le_bytes());
						let config = Config {
							cases: per_thread as u32,
							failure_persistence: None,
							max_global_rejects: u32::MAX,
							max_shrink_iters: 10_000,
							..Config::default()
						};
						let mut runner = TestRunner::new_with_rng(
							config,
							TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
						);
						(target.run)(&mut runner, counts)
					})
				})
				.collect();
			workers
				.into_iter()
				.map(|worker| worker.join().unwrap_or_else(|_| Err("the worker panicked".into())))
				.collect()
		});
		let elapsed = started.elapsed();
		let done = per_thread * args.threads;
		total = (total.0 + done, total.1 + elapsed);
		println!(
			"{:<14} {:>12} {:>10.1} {:>12.0}",
			target.name,
			done,
			elapsed.as_secs_f64(),
			done as f64 / elapsed.as_secs_f64().max(1e-9)
		);
		let counts = counts.into_inner().expect("not poisoned");
		for (key, n) in &counts {
			println!("    {key}: {n}");
		}
		for result in results {
			if let Err(error) = result {
				failed = true;
				println!("  FAILED: {error}");
			}
		}
		if done >= MIN_FOR_COVERAGE {
			if let Err(error) = (target.coverage)(&counts) {
				failed = true;
				println!("  FAILED: {error}");
			}
		}
	}
	println!("{:<14} {:>12} {:>10.1}", "all", total.0, total.1.as_secs_f64());
	if failed {
		println!("sortition-fuzz: FAILED (seed {}, {} threads)", args.seed, args.threads);
		std::process::exit(1);
	}
	println!("sortition-fuzz: {} executions, no failure", total.0);
}
