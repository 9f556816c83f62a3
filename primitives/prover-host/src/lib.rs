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
//! The call never blocks for the proof: the first call for a job queues it and answers
//! [`ProofStatus::Proving`]; later calls (a worker starts on every block) answer `Proving` until
//! the proof is there, then [`ProofStatus::Done`]. So a large proof never holds an offchain
//! worker thread, and the other workers (accepting new jobs) go on.
//!
//! The prover proves one job at a time, on all its threads, earliest deadline first: each call
//! says when the proof is due ([`Schedule`]). Proofs run side by side would all finish late
//! together (thirty 2^16-step proofs sharing two cores took 79 s each instead of 5, past their
//! windows) and hold thirty traces in memory at once; one at a time, the proofs due first are
//! out first. A queued job whose deadline has passed (the latest block a worker ran for is at
//! or past it: the chain has re-routed it) is dropped unproven.
//!
//! A host function is a commitment for as long as a runtime may call it: the signature is
//! small (job id, attempt, SCALE inputs, level, prover id and schedule in, SCALE status out) and
//! versioned. Version 3 adds the schedule; version 2 binds every proof to its prover
//! (`sortition_programs::ProverId`) and is queued after every scheduled job; version 1, which
//! did not bind proofs, answers `Unavailable`: this node has no prover for a runtime that
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

/// When a job's proof is due, in blocks: the prover's queue is ordered by `due`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode)]
pub struct Schedule {
	/// The block the calling worker runs for: queued jobs due at or before it are dropped.
	pub now: u64,
	/// The last block the proof can land in.
	pub due: u64,
}

impl Schedule {
	/// No deadline (a version 2 call): queued after every scheduled job, never dropped.
	pub const UNSCHEDULED: Schedule = Schedule { now: 0, due: u64::MAX };
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

	/// Version 2, without a schedule: queued after every scheduled job.
	#[version(2)]
	fn prove(
		&mut self,
		job: u64,
		attempt: u32,
		inputs: PassFatPointerAndDecode<Inputs>,
		security: PassFatPointerAndDecode<SecurityLevel>,
		prover: PassFatPointerAndDecode<ProverId>,
	) -> AllocateAndReturnByCodec<ProofStatus> {
		self.prove_version_3(job, attempt, inputs, security, prover, Schedule::UNSCHEDULED)
	}

	/// The status of the proof of `inputs` at `security`, bound to `prover`, for attempt
	/// `attempt` of job `job`, due as `schedule` says; the first call queues it.
	#[version(3)]
	fn prove(
		&mut self,
		job: u64,
		attempt: u32,
		inputs: PassFatPointerAndDecode<Inputs>,
		security: PassFatPointerAndDecode<SecurityLevel>,
		prover: PassFatPointerAndDecode<ProverId>,
		schedule: PassFatPointerAndDecode<Schedule>,
	) -> AllocateAndReturnByCodec<ProofStatus> {
		#[cfg(feature = "std")]
		{
			use sp_externalities::ExternalitiesExt;
			match self.extension::<ProverExt>() {
				Some(native) => native.0.prove(job, attempt, inputs, security, prover, schedule),
				None => ProofStatus::Unavailable,
			}
		}
		#[cfg(not(feature = "std"))]
		{
			let _ = (job, attempt, inputs, security, prover, schedule);
			ProofStatus::Unavailable
		}
	}
}

#[cfg(feature = "std")]
mod native {
	use super::*;
	use std::{
		collections::{BTreeMap, VecDeque},
		sync::{Arc, Condvar, Mutex, MutexGuard},
		time::{Duration, Instant},
	};

	/// The log target of the native prover.
	const LOG_TARGET: &str = "sortition::prover";
	/// Finished proofs kept after a worker has picked them up, in case it must send one again
	/// (the oldest go first). A proof no worker has picked up yet is kept until its deadline:
	/// there are at most as many as the jobs the prover holds, which its stake bounds.
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
		/// Job `job`'s proof started.
		fn started(&self, job: u64);
		/// Job `job`'s proof finished (`ok`: it was made) after `elapsed`.
		fn finished(&self, job: u64, ok: bool, elapsed: Duration);
		/// Job `job`, queued, was dropped unproven: its deadline passed before its turn.
		fn expired(&self, job: u64);
	}

	/// A job's attempt: `(job, attempt)`. An attempt has one prover, so the key need not name
	/// it.
	type Key = (u64, u32);

	/// What to prove.
	struct Work {
		inputs: Inputs,
		security: SecurityLevel,
		prover: ProverId,
	}

	enum Entry {
		/// Waiting for its turn: its place in `State::queue`.
		Queued { place: (u64, u64) },
		/// Being proven.
		Running,
		/// Done or failed; `picked_up` once a worker has been told. One no worker has picked
		/// up by block `due` never will be (the chain has re-routed its job): it is forgotten.
		Finished { status: ProofStatus, picked_up: bool, due: u64 },
	}

	#[derive(Default)]
	struct State {
		jobs: BTreeMap<Key, Entry>,
		/// Queued jobs by `(due, arrival)`: the next to prove is the first.
		queue: BTreeMap<(u64, u64), (Key, Work)>,
		/// Jobs queued so far (the arrival order breaks ties between deadlines).
		arrivals: u64,
		/// The latest block a worker ran for.
		now: u64,
		/// Finished proofs a worker has picked up, oldest first.
		picked_up: VecDeque<Key>,
		/// The prover is gone: the proving thread stops.
		closed: bool,
	}

	impl State {
		/// The next job to prove, now: the queued job due first. Jobs due at or before `now`
		/// are dropped (the chain re-routes them); each one is reported to `expired`.
		fn next(&mut self, expired: impl Fn(Key)) -> Option<(Key, Work, u64)> {
			while let Some((&(due, arrival), _)) = self.queue.first_key_value() {
				let (key, work) = self.queue.remove(&(due, arrival))?;
				if due > self.now {
					self.jobs.insert(key, Entry::Running);
					return Some((key, work, due));
				}
				self.jobs.remove(&key);
				expired(key);
			}
			None
		}
	}

	/// What the prover and its proving thread share.
	struct Shared {
		pool: rayon::ThreadPool,
		state: Mutex<State>,
		/// Signalled when a job is queued or the prover closes.
		queued: Condvar,
		observer: Option<Box<dyn ProverObserver>>,
	}

	impl Shared {
		fn lock(&self) -> MutexGuard<'_, State> {
			self.state.lock().unwrap_or_else(|poison| poison.into_inner())
		}

		/// The proving thread: proves the queued jobs one at a time, earliest deadline first,
		/// until the prover closes.
		fn run(&self) {
			loop {
				let next = {
					let mut state = self.lock();
					loop {
						if state.closed {
							return;
						}
						let expired = |(job, _): Key| {
							log::warn!(
								target: LOG_TARGET,
								"job {job}: its deadline passed before its turn; not proven",
							);
							if let Some(observer) = &self.observer {
								observer.expired(job);
							}
						};
						if let Some(next) = state.next(expired) {
							break next;
						}
						state = self.queued.wait(state).unwrap_or_else(|p| p.into_inner());
					}
				};
				let (key, work, due) = next;
				let status = self.prove_job(key, &work);
				self.lock().jobs.insert(key, Entry::Finished { status, picked_up: false, due });
			}
		}

		fn prove_job(&self, (job, _): Key, work: &Work) -> ProofStatus {
			let Work { inputs, security, prover } = work;
			log::info!(
				target: LOG_TARGET,
				"job {job}: proving {} with {} steps at {} bits on {} threads",
				inputs.program().name(),
				inputs.steps(),
				security.bits(),
				self.pool.current_num_threads(),
			);
			if let Some(observer) = &self.observer {
				observer.started(job);
			}
			let start = Instant::now();
			let result = self.pool.install(|| sortition_programs::prove(inputs, *security, prover));
			let elapsed = start.elapsed();
			let status = match result {
				Ok((output, proof)) => {
					log::info!(
						target: LOG_TARGET,
						"job {job}: proven ({}, {} steps, {} bits) in {elapsed:.2?}, {} bytes",
						inputs.program().name(),
						inputs.steps(),
						security.bits(),
						proof.len(),
					);
					ProofStatus::Done(output, proof)
				},
				Err(error) => {
					log::error!(target: LOG_TARGET, "job {job}: prover failed: {error:?}");
					ProofStatus::Failed
				},
			};
			if let Some(observer) = &self.observer {
				observer.finished(job, matches!(status, ProofStatus::Done(..)), elapsed);
			}
			status
		}
	}

	/// Proves jobs one at a time, earliest deadline first, on a thread pool of its own (see
	/// the crate docs).
	pub struct NativeProver {
		shared: Arc<Shared>,
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
			let shared = Arc::new(Shared {
				pool,
				state: Mutex::new(State::default()),
				queued: Condvar::new(),
				observer,
			});
			let proving = Arc::clone(&shared);
			std::thread::Builder::new()
				.name("sortition-queue".into())
				.spawn(move || proving.run())
				.map_err(|e| format!("cannot start the proving thread: {e}"))?;
			Ok(Arc::new(Self { shared }))
		}

		/// The number of threads a proof runs on.
		pub fn threads(&self) -> usize {
			self.shared.pool.current_num_threads()
		}

		/// The status of job `job`'s attempt `attempt` (bound to `prover`, due as `schedule`
		/// says); queues it if it is new, and moves it in the queue if its deadline changed
		/// (a job's deadline is an estimate until it is accepted).
		pub fn prove(
			&self,
			job: u64,
			attempt: u32,
			inputs: Inputs,
			security: SecurityLevel,
			prover: ProverId,
			schedule: Schedule,
		) -> ProofStatus {
			let key = (job, attempt);
			let mut state = self.shared.lock();
			if schedule.now > state.now {
				let now = schedule.now;
				state.now = now;
				state.jobs.retain(
					|_, entry| !matches!(entry, Entry::Finished { picked_up: false, due, .. } if *due <= now),
				);
			}
			match state.jobs.get_mut(&key) {
				Some(Entry::Running) => return ProofStatus::Proving,
				Some(Entry::Queued { place }) => {
					let place = *place;
					if place.0 != schedule.due {
						if let Some(queued) = state.queue.remove(&place) {
							let new = (schedule.due, place.1);
							state.queue.insert(new, queued);
							state.jobs.insert(key, Entry::Queued { place: new });
						}
					}
					return ProofStatus::Proving;
				},
				Some(Entry::Finished { status, picked_up, .. }) => {
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
			if schedule.due <= state.now {
				// Too late already (a worker of an old block): nothing to queue.
				return ProofStatus::Proving;
			}
			let place = (schedule.due, state.arrivals);
			state.arrivals = state.arrivals.saturating_add(1);
			state.queue.insert(place, (key, Work { inputs, security, prover }));
			state.jobs.insert(key, Entry::Queued { place });
			log::debug!(
				target: LOG_TARGET,
				"job {job}: queued, due by block {}; {} queued",
				schedule.due,
				state.queue.len(),
			);
			drop(state);
			self.shared.queued.notify_one();
			ProofStatus::Proving
		}
	}

	impl Drop for NativeProver {
		fn drop(&mut self) {
			self.shared.lock().closed = true;
			self.shared.queued.notify_all();
		}
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use std::thread::sleep;

		fn inputs(steps: u32) -> Inputs {
			Inputs::sample(sortition_programs::Program::Fibonacci, steps)
		}

		fn work() -> Work {
			Work { inputs: inputs(64), security: SecurityLevel::Bits96, prover: [1; 32] }
		}

		/// The queue gives the job due first (ties: the first queued) and drops those due at
		/// or before the latest block a worker ran for.
		#[test]
		fn earliest_deadline_first_and_late_jobs_dropped() {
			let mut state = State::default();
			for (job, due) in [(1, 30), (2, 20), (3, 25), (4, 20), (5, 12), (6, 11)] {
				let place = (due, state.arrivals);
				state.arrivals += 1;
				state.queue.insert(place, ((job, 1), work()));
				state.jobs.insert((job, 1), Entry::Queued { place });
			}
			state.now = 12;
			let dropped = std::cell::RefCell::new(Vec::new());
			let mut order = Vec::new();
			while let Some(((job, _), _, due)) =
				state.next(|(job, _)| dropped.borrow_mut().push(job))
			{
				assert!(matches!(state.jobs.get(&(job, 1)), Some(Entry::Running)));
				order.push((job, due));
			}
			assert_eq!(order, [(2, 20), (4, 20), (3, 25), (1, 30)]);
			assert_eq!(dropped.into_inner(), [6, 5]);
			assert!(!state.jobs.contains_key(&(5, 1)) && !state.jobs.contains_key(&(6, 1)));
		}

		/// Jobs waiting for their turn (the one being proven not counted).
		fn queued(prover: &NativeProver) -> usize {
			prover.shared.lock().queue.len()
		}

		/// Records the order proofs start in.
		struct Order(Arc<Mutex<Vec<u64>>>);

		impl ProverObserver for Order {
			fn started(&self, job: u64) {
				self.0.lock().unwrap().push(job);
			}
			fn finished(&self, _: u64, _: bool, _: Duration) {}
			fn expired(&self, _: u64) {}
		}

		/// Jobs queued behind a running proof come out earliest deadline first, one at a
		/// time; a job whose deadline moves is moved in the queue.
		#[test]
		fn a_busy_prover_proves_the_job_due_first() {
			let order = Arc::new(Mutex::new(Vec::new()));
			let prover = NativeProver::new(1, Some(Box::new(Order(order.clone())))).unwrap();
			let prove = |job, steps, due| {
				let schedule = Schedule { now: 1, due };
				prover.prove(job, 1, inputs(steps), SecurityLevel::Bits96, [1; 32], schedule)
			};
			// A long proof holds the proving thread while the rest are queued.
			prove(1, 1 << 16, 100);
			while queued(&prover) > 0 {
				sleep(Duration::from_millis(1));
			}
			for (job, due) in [(2, 90), (3, 80), (4, 70)] {
				prove(job, 64, due);
			}
			// Job 2's deadline is now known to be the earliest.
			prove(2, 64, 60);
			assert_eq!(queued(&prover), 3);
			while !matches!(prove(3, 64, 80), ProofStatus::Done(..)) {
				sleep(Duration::from_millis(1));
			}
			assert_eq!(*order.lock().unwrap(), [1, 2, 4, 3]);
		}

		/// A proof no worker picked up by its deadline is forgotten (its job went to another
		/// prover); one picked up is kept (`KEEP_FINISHED`), in case it must be sent again.
		#[test]
		fn a_proof_nobody_picked_up_is_forgotten_after_its_deadline() {
			let prover = NativeProver::new(1, None).unwrap();
			let prove = |job, now| {
				let schedule = Schedule { now, due: 20 };
				prover.prove(job, 1, inputs(64), SecurityLevel::Bits96, [1; 32], schedule)
			};
			prove(1, 10);
			prove(2, 10);
			let finished = |job| {
				matches!(prover.shared.lock().jobs.get(&(job, 1)), Some(Entry::Finished { .. }))
			};
			while !finished(1) || !finished(2) {
				sleep(Duration::from_millis(1));
			}
			assert!(matches!(prove(1, 19), ProofStatus::Done(..)));
			// A worker of block 20 (another job's): job 2's proof is gone, job 1's is kept.
			prover.prove(
				3,
				1,
				inputs(64),
				SecurityLevel::Bits96,
				[1; 32],
				Schedule { now: 20, due: 30 },
			);
			assert!(finished(1));
			assert!(!prover.shared.lock().jobs.contains_key(&(2, 1)));
		}

		/// A burst of proofs that finish between two workers' visits is all kept until a worker
		/// picks each up; only picked-up proofs beyond `KEEP_FINISHED` are forgotten.
		#[test]
		fn finished_proofs_wait_for_a_worker() {
			let prover = NativeProver::new(2, None).unwrap();
			let inputs = inputs(64);
			let jobs = 2 * KEEP_FINISHED as u64;
			let prove = |job| {
				prover.prove(job, 1, inputs, SecurityLevel::Bits96, [1; 32], Schedule::UNSCHEDULED)
			};
			for job in 0..jobs {
				prove(job);
			}
			// Wait for all without picking any up (a picked-up proof answers `Done`).
			while prover.shared.lock().jobs.values().any(|e| !matches!(e, Entry::Finished { .. })) {
				sleep(Duration::from_millis(10));
			}
			for job in 0..jobs {
				assert!(matches!(prove(job), ProofStatus::Done(..)));
			}
			// Picked up: the oldest beyond KEEP_FINISHED are forgotten (asking again re-proves).
			assert_eq!(prover.shared.lock().jobs.len(), KEEP_FINISHED);
			assert!(matches!(prove(0), ProofStatus::Proving));
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
		let first =
			prover.prove(7, 1, inputs, SecurityLevel::Bits96, [2; 32], Schedule::UNSCHEDULED);
		assert!(matches!(first, ProofStatus::Proving | ProofStatus::Done(..)));
		let status = loop {
			match prover.prove(7, 1, inputs, SecurityLevel::Bits96, [2; 32], Schedule::UNSCHEDULED)
			{
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
				sortition_prover::prove(
					1,
					1,
					inputs,
					SecurityLevel::Bits96,
					[1; 32],
					Schedule::UNSCHEDULED
				),
				ProofStatus::Unavailable
			);
		});
		ext.register_extension(ProverExt::new(NativeProver::new(1, None).unwrap()));
		ext.execute_with(|| assert!(sortition_prover::is_available()));
	}
}
