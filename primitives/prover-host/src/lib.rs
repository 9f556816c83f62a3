//! # The native prover, as a host function
//!
//! Proving a 2^20-step job takes seconds to minutes on all cores; the wasm runtime has one
//! thread, a 128 MiB heap and 32 MiB per allocation (about 2^15 trace rows). So the jobs
//! pallet's offchain worker does not prove in wasm: it calls [`sortition_prover::prove`], whose
//! native side runs `sortition_programs::prove` on the node's own thread pool.
//!
//! The trade-off, made here: the host function is registered in the node's executor for every
//! context (a runtime that imports it must instantiate everywhere), but it only has a prover
//! where the node registers a [`ProverExt`] extension, which it does for offchain workers only
//! (`OffchainWorkerOptions::custom_extensions`). During block import, block production or an
//! RPC call it answers [`ProofStatus::Unavailable`], so proving never runs as part of
//! consensus and a block's result never depends on it. A node started without a prover
//! registers no extension at all.
//!
//! The call never blocks for the proof: the first call for a job starts proving on a background
//! thread and answers [`ProofStatus::Proving`]; later calls (a worker starts on every block)
//! answer `Proving` until the proof is there, then [`ProofStatus::Done`]. So a large proof
//! never holds an offchain worker thread, and the other workers (accepting new jobs) go on.
//!
//! A host function is a commitment for as long as a runtime may call it: the signature is
//! small (job id, attempt, SCALE inputs, level and prover id in, SCALE status out) and
//! versioned. Version 2 binds every proof to its prover (`sortition_programs::ProverId`);
//! version 1, which did not, answers `Unavailable`: this node has no prover for a runtime that
//! still verifies unbound proofs.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, Encode};
#[cfg(feature = "std")]
pub use native::{NativeProver, ProverExt, ProverObserver};
use sortition_programs::{Inputs, Output, ProverId, SecurityLevel};
use sp_runtime_interface::{
	pass_by::{AllocateAndReturnByCodec, PassFatPointerAndDecode},
	runtime_interface,
};

/// Where the proof of a job is.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub enum ProofStatus {
	/// No prover here: not an offchain worker, or a node started without one.
	Unavailable,
	/// Being proven.
	Proving,
	/// Proven: the output and the proof bytes.
	Done(Output, Vec<u8>),
	/// The prover failed (inputs the programs refuse; never for a job the chain accepted).
	Failed,
}

/// The node's prover, for offchain workers.
#[runtime_interface]
pub trait SortitionProver {
	/// Whether this context has a prover (an offchain worker of a node that proves).
	fn is_available(&mut self) -> bool {
		#[cfg(feature = "std")]
		{
			use sp_externalities::ExternalitiesExt;
			self.extension::<ProverExt>().is_some()
		}
		#[cfg(not(feature = "std"))]
		{
			false
		}
	}

	/// Version 1, from before proofs were bound to their prover: no prover answers it.
	fn prove(
		&mut self,
		job: u64,
		attempt: u32,
		inputs: PassFatPointerAndDecode<Inputs>,
		security: PassFatPointerAndDecode<SecurityLevel>,
	) -> AllocateAndReturnByCodec<ProofStatus> {
		let _ = (job, attempt, inputs, security);
		ProofStatus::Unavailable
	}

	/// The status of the proof of `inputs` at `security`, bound to `prover`, for attempt
	/// `attempt` of job `job`; the first call starts proving it.
	#[version(2)]
	fn prove(
		&mut self,
		job: u64,
		attempt: u32,
		inputs: PassFatPointerAndDecode<Inputs>,
		security: PassFatPointerAndDecode<SecurityLevel>,
		prover: PassFatPointerAndDecode<ProverId>,
	) -> AllocateAndReturnByCodec<ProofStatus> {
		#[cfg(feature = "std")]
		{
			use sp_externalities::ExternalitiesExt;
			match self.extension::<ProverExt>() {
				Some(native) => native.0.prove(job, attempt, inputs, security, prover),
				None => ProofStatus::Unavailable,
			}
		}
		#[cfg(not(feature = "std"))]
		{
			let _ = (job, attempt, inputs, security, prover);
			ProofStatus::Unavailable
		}
	}
}

#[cfg(feature = "std")]
mod native {
	use super::*;
	use std::{
		collections::{BTreeMap, VecDeque},
		sync::{Arc, Mutex},
		time::{Duration, Instant},
	};

	/// The log target of the native prover.
	const LOG_TARGET: &str = "sortition::prover";
	/// Finished proofs kept after a worker has picked them up, in case it must send one again
	/// (the oldest go first). A proof no worker has picked up yet is always kept: there are at
	/// most as many as the jobs the prover holds, which its stake bounds.
	const KEEP_FINISHED: usize = 256;

	sp_externalities::decl_extension! {
		/// The native prover, given to offchain workers by the node.
		pub struct ProverExt(Arc<NativeProver>);
	}

	impl ProverExt {
		/// The extension for `prover`.
		pub fn new(prover: Arc<NativeProver>) -> Self {
			Self(prover)
		}
	}

	/// What the node observes about proving (its Prometheus metrics implement this).
	pub trait ProverObserver: Send + Sync {
		/// A proof started.
		fn started(&self);
		/// A proof finished (`ok`: it was made) after `elapsed`.
		fn finished(&self, ok: bool, elapsed: Duration);
	}

	enum Entry {
		Running,
		/// Done or failed; `picked_up` once a worker has been told.
		Finished {
			status: ProofStatus,
			picked_up: bool,
		},
	}

	#[derive(Default)]
	struct State {
		jobs: BTreeMap<(u64, u32), Entry>,
		/// Finished proofs a worker has picked up, oldest first.
		picked_up: VecDeque<(u64, u32)>,
	}

	/// Proves jobs on a thread pool of its own, one background thread per job in progress.
	pub struct NativeProver {
		pool: rayon::ThreadPool,
		state: Mutex<State>,
		observer: Option<Box<dyn ProverObserver>>,
	}

	impl NativeProver {
		/// A prover using `threads` threads (0: one per core), reporting to `observer`.
		pub fn new(
			threads: usize,
			observer: Option<Box<dyn ProverObserver>>,
		) -> Result<Arc<Self>, String> {
			let pool = rayon::ThreadPoolBuilder::new()
				.num_threads(threads)
				.thread_name(|i| format!("sortition-prover-{i}"))
				.build()
				.map_err(|e| e.to_string())?;
			Ok(Arc::new(Self { pool, state: Mutex::new(State::default()), observer }))
		}

		/// The number of threads a proof runs on.
		pub fn threads(&self) -> usize {
			self.pool.current_num_threads()
		}

		/// Prove `inputs` at `security`, bound to `prover`, now, on this prover's threads (what
		/// the background thread of [`NativeProver::prove`] runs).
		pub fn prove_now(
			&self,
			inputs: &Inputs,
			security: SecurityLevel,
			prover: &ProverId,
		) -> Result<(Output, Vec<u8>), sortition_programs::ProveError> {
			self.pool.install(|| sortition_programs::prove(inputs, security, prover))
		}

		/// The status of job `job`'s attempt `attempt` (bound to `prover`); starts proving it
		/// if it is new. A job's attempt has one prover, so the key need not name it.
		pub fn prove(
			self: &Arc<Self>,
			job: u64,
			attempt: u32,
			inputs: Inputs,
			security: SecurityLevel,
			prover: ProverId,
		) -> ProofStatus {
			let key = (job, attempt);
			let mut state = self.state.lock().unwrap_or_else(|poison| poison.into_inner());
			match state.jobs.get_mut(&key) {
				Some(Entry::Running) => return ProofStatus::Proving,
				Some(Entry::Finished { status, picked_up }) => {
					let status = status.clone();
					if !*picked_up {
						*picked_up = true;
						state.picked_up.push_back(key);
						while state.picked_up.len() > KEEP_FINISHED {
							if let Some(old) = state.picked_up.pop_front() {
								state.jobs.remove(&old);
							}
						}
					}
					return status;
				},
				None => {},
			}
			state.jobs.insert(key, Entry::Running);
			drop(state);
			log::info!(
				target: LOG_TARGET,
				"job {job}: proving {} with {} steps at {} bits on {} threads",
				inputs.program().name(),
				inputs.steps(),
				security.bits(),
				self.threads(),
			);
			if let Some(observer) = &self.observer {
				observer.started();
			}
			let this = Arc::clone(self);
			let spawned = std::thread::Builder::new()
				.name(format!("sortition-job-{job}"))
				.spawn(move || this.run(key, inputs, security, prover));
			if let Err(error) = spawned {
				log::error!(target: LOG_TARGET, "job {job}: cannot start a prover thread: {error}");
				self.finish(key, ProofStatus::Failed);
				return ProofStatus::Failed;
			}
			ProofStatus::Proving
		}

		fn run(&self, key: (u64, u32), inputs: Inputs, security: SecurityLevel, prover: ProverId) {
			let start = Instant::now();
			let result = self.prove_now(&inputs, security, &prover);
			let elapsed = start.elapsed();
			let status = match result {
				Ok((output, proof)) => {
					log::info!(
						target: LOG_TARGET,
						"job {}: proven ({}, {} steps, {} bits) in {:.2?}, {} bytes",
						key.0,
						inputs.program().name(),
						inputs.steps(),
						security.bits(),
						elapsed,
						proof.len(),
					);
					ProofStatus::Done(output, proof)
				},
				Err(error) => {
					log::error!(target: LOG_TARGET, "job {}: prover failed: {error:?}", key.0);
					ProofStatus::Failed
				},
			};
			if let Some(observer) = &self.observer {
				observer.finished(matches!(status, ProofStatus::Done(..)), elapsed);
			}
			self.finish(key, status);
		}

		fn finish(&self, key: (u64, u32), status: ProofStatus) {
			let mut state = self.state.lock().unwrap_or_else(|poison| poison.into_inner());
			state.jobs.insert(key, Entry::Finished { status, picked_up: false });
		}
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use std::thread::sleep;

		/// A burst of proofs that finish between two workers' visits is all kept until a worker
		/// picks each up; only picked-up proofs beyond `KEEP_FINISHED` are forgotten.
		#[test]
		fn finished_proofs_wait_for_a_worker() {
			let prover = NativeProver::new(2, None).unwrap();
			let inputs = Inputs::sample(sortition_programs::Program::Fibonacci, 64);
			let jobs = 2 * KEEP_FINISHED as u64;
			for job in 0..jobs {
				prover.prove(job, 1, inputs, SecurityLevel::Bits96, [1; 32]);
			}
			let proving = |job| {
				matches!(
					prover.prove(job, 1, inputs, SecurityLevel::Bits96, [1; 32]),
					ProofStatus::Proving
				)
			};
			// Wait for all without picking any up (a picked-up proof answers `Done`).
			while prover.state.lock().unwrap().jobs.values().any(|e| matches!(e, Entry::Running)) {
				sleep(Duration::from_millis(10));
			}
			for job in 0..jobs {
				assert!(matches!(
					prover.prove(job, 1, inputs, SecurityLevel::Bits96, [1; 32]),
					ProofStatus::Done(..)
				));
			}
			// Picked up: the oldest beyond KEEP_FINISHED are forgotten (asking again re-proves).
			assert_eq!(prover.state.lock().unwrap().jobs.len(), KEEP_FINISHED);
			assert!(proving(0));
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::{thread::sleep, time::Duration};

	#[test]
	fn proves_in_the_background_and_answers_from_then_on() {
		let prover = NativeProver::new(2, None).unwrap();
		let inputs = Inputs::sample(sortition_programs::Program::Fibonacci, 1 << 12);
		let first = prover.prove(7, 1, inputs, SecurityLevel::Bits96, [2; 32]);
		assert!(matches!(first, ProofStatus::Proving | ProofStatus::Done(..)));
		let status = loop {
			match prover.prove(7, 1, inputs, SecurityLevel::Bits96, [2; 32]) {
				ProofStatus::Proving => sleep(Duration::from_millis(10)),
				status => break status,
			}
		};
		let ProofStatus::Done(output, proof) = status else { panic!("{status:?}") };
		sortition_programs::verify(&inputs, &output, &proof, SecurityLevel::Bits96, &[2; 32])
			.unwrap();
		// Bound to that prover.
		assert!(sortition_programs::verify(
			&inputs,
			&output,
			&proof,
			SecurityLevel::Bits96,
			&[3; 32]
		)
		.is_err());
	}

	#[test]
	fn without_the_extension_there_is_no_prover() {
		let mut ext = sp_io::TestExternalities::default();
		ext.execute_with(|| {
			assert!(!sortition_prover::is_available());
			let inputs = Inputs::sample(sortition_programs::Program::Fibonacci, 64);
			assert_eq!(
				sortition_prover::prove(1, 1, inputs, SecurityLevel::Bits96, [1; 32]),
				ProofStatus::Unavailable
			);
		});
		ext.register_extension(ProverExt::new(NativeProver::new(1, None).unwrap()));
		ext.execute_with(|| assert!(sortition_prover::is_available()));
	}
}
