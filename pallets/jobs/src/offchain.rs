//! The offchain worker: proves the jobs assigned to this node's prover keys.
//!
//! A worker starts after every imported block. For each `prov` key in the node's keystore it
//! reads the jobs that key's account holds (`ProverJobs`) and hands each to the node's native
//! prover ([`sortition_prover::prove`], which starts the proof in the background the first time
//! and reports it when done). Proof first: a proof delivered within the accept window is the
//! prover's acceptance, so the worker of block `n`, where a job is drawn, waits a little
//! (`QUICK_PROOF_WAIT`) for the proofs it started: a small job's proof goes out at once and is
//! verified in block `n + 1`. A job whose proof did not go out in this worker (still being
//! made, or sent before and not landed: a full block) is accepted, so a long job gets its
//! pre-confirmation at once and a burst never costs an accept window. A job whose window has
//! closed is dropped.
//!
//! A key whose account was suspended and may resume is put back into the draw
//! (`resume_authorized`), so a prover whose node is up is out of the draw for the suspension
//! period only.
//!
//! All go out as authorized transactions (`accept_job_authorized`, `submit_proof_authorized`,
//! `resume_authorized`: see [`crate::authorization`]): signed by the prover key inside the call, with no nonce, so a
//! key's transactions never collide in the pool however many it sends per block. Workers of
//! consecutive blocks overlap; a marker per job, attempt and transaction in the offchain
//! database (compare-and-set) keeps them from sending the same transaction twice (it is sent
//! again only if it has not landed `RESEND_AFTER` blocks later).

use crate::{pallet::*, types::*, ProverRegistry, LOG_TARGET};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::pallet_prelude::*;
use frame_system::{
	offchain::{AppCrypto, Signer, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use sortition_prover_host::{sortition_prover, ProofStatus, Schedule};
use sp_runtime::{
	offchain::{
		storage::{MutateStorageError, StorageValueRef},
		Duration,
	},
	traits::{IdentifyAccount, One, Saturating, UniqueSaturatedInto},
};

/// The key type of prover keys: `sortition-node key insert --key-type prov`.
pub const KEY_TYPE: sp_runtime::KeyTypeId = sp_runtime::KeyTypeId(*b"prov");

/// Blocks after which a transaction that has not taken effect is sent again.
const RESEND_AFTER: u32 = 4;

/// How long a worker waits for the proofs it started to finish, so that a small job's proof
/// goes out in time for the next block (a 2^10-step proof takes milliseconds). Workers run on
/// threads of their own: waiting holds no import or authoring.
const QUICK_PROOF_WAIT: Duration = Duration::from_millis(2_000);
/// How often a waiting worker looks at its proofs.
const POLL_EVERY: Duration = Duration::from_millis(10);

/// Prover keys: sr25519, key type `prov`. A key's account is the registered prover.
pub mod crypto {
	use super::KEY_TYPE;
	use sp_runtime::{
		app_crypto::{app_crypto, sr25519},
		MultiSignature, MultiSigner,
	};
	app_crypto!(sr25519, KEY_TYPE);

	/// Signs the worker's transactions with a `prov` key.
	pub struct ProverKey;

	impl frame_system::offchain::AppCrypto<MultiSigner, MultiSignature> for ProverKey {
		type RuntimeAppPublic = Public;
		type GenericSignature = sp_core::sr25519::Signature;
		type GenericPublic = sp_core::sr25519::Public;
	}
}

/// Where a worker left a job.
#[derive(PartialEq, Eq)]
enum Progress {
	/// Its proof is being made.
	Proving,
	/// Nothing more to do for now.
	Idle,
}

impl<T: Config> Pallet<T> {
	/// The worker's entry point (see the module docs).
	pub(crate) fn do_offchain_work(now: BlockNumberFor<T>) {
		if !sortition_prover::is_available() {
			return;
		}
		let mut jobs = Vec::new();
		for account in Signer::<T, T::ProverKey>::keystore_accounts() {
			Self::resume_if_due(&account.id, &account.public, now);
			for id in ProverJobs::<T>::iter_key_prefix(&account.id) {
				let Some(job) = Jobs::<T>::get(id) else { continue };
				let progress = Self::work_on(id, &job, &account.public, now);
				jobs.push((id, job, account.public.clone(), progress));
			}
		}
		// Wait a little for the proofs just started: the small ones are done in time for the
		// next block.
		let until = sp_io::offchain::timestamp().add(QUICK_PROOF_WAIT);
		let proving = |jobs: &[(JobId, JobOf<T>, T::Public, Progress)]| {
			jobs.iter().any(|(.., progress)| *progress == Progress::Proving)
		};
		while proving(&jobs) && sp_io::offchain::timestamp() < until {
			sp_io::offchain::sleep_until(sp_io::offchain::timestamp().add(POLL_EVERY));
			for (id, job, key, progress) in jobs.iter_mut() {
				if *progress == Progress::Proving {
					*progress = Self::work_on(*id, job, key, now);
				}
			}
		}
		// A job whose proof did not go out in this block (still being made, or sent in an
		// earlier block and not landed) is accepted: the pre-confirmation, and the accept window
		// kept.
		for (id, job, key, _) in jobs {
			if Self::sent_at(b"proof", (id, job.attempts)) != Some(now) {
				Self::accept(id, &job, &key, now);
			}
		}
	}

	/// Proves job `id` (starts its proof, or sends it once it is there).
	fn work_on(id: JobId, job: &JobOf<T>, key: &T::Public, now: BlockNumberFor<T>) -> Progress {
		let (last_block, due) = match &job.state {
			// Accepted in the next block at the latest (this worker accepts it if its proof is
			// not out), so due a proving window after that.
			JobState::Assigned { accept_by, .. } => {
				let accepted = now.saturating_add(One::one()).min(*accept_by);
				(*accept_by, accepted.saturating_add(job.proving_window))
			},
			JobState::Proving { prove_by, .. } => (*prove_by, *prove_by),
			// Not this prover's to work on any more.
			_ => return Progress::Idle,
		};
		if now > last_block {
			// Its window closed: the chain re-routes it.
			return Progress::Idle;
		}
		let bound_to = prover_id(&key.clone().into_account());
		let schedule =
			Schedule { now: now.unique_saturated_into(), due: due.unique_saturated_into() };
		match sortition_prover::prove(
			id,
			job.attempts,
			job.inputs,
			job.security,
			bound_to,
			schedule,
		) {
			ProofStatus::Done(output, proof) => {
				let Ok(proof) = BoundedVec::try_from(proof) else {
					log::error!(target: LOG_TARGET, "job {id}: proof over MaxProofSize");
					return Progress::Idle;
				};
				if !Self::first_send(b"proof", (id, job.attempts), now) {
					return Progress::Idle;
				}
				log::info!(target: LOG_TARGET, "job {id}: submitting the proof");
				let turn = ProverTurn { prover: key.clone(), job: id, attempt: job.attempts };
				let message = turn.proof_message(&output, &proof);
				if let Some(signature) = T::ProverKey::sign(&message, key.clone()) {
					Self::send(Call::submit_proof_authorized { turn, output, proof, signature });
				}
				Progress::Idle
			},
			ProofStatus::Proving => Progress::Proving,
			ProofStatus::Failed => {
				log::error!(target: LOG_TARGET, "job {id}: the prover failed");
				Progress::Idle
			},
			ProofStatus::Unavailable => Progress::Idle,
		}
	}

	/// Accepts job `id` if it waits for acceptance and its accept window is open.
	fn accept(id: JobId, job: &JobOf<T>, key: &T::Public, now: BlockNumberFor<T>) {
		let JobState::Assigned { accept_by, .. } = job.state else { return };
		if now > accept_by || !Self::first_send(b"accept", (id, job.attempts), now) {
			return;
		}
		log::info!(target: LOG_TARGET, "job {id}: accepting");
		let turn = ProverTurn { prover: key.clone(), job: id, attempt: job.attempts };
		if let Some(signature) = T::ProverKey::sign(&turn.accept_message(), key.clone()) {
			Self::send(Call::accept_job_authorized { turn, signature });
		}
	}

	/// Puts `account` (the account of `key`) back into the draw if its suspension is over.
	fn resume_if_due(account: &T::AccountId, key: &T::Public, now: BlockNumberFor<T>) {
		let Some(until) = T::Provers::suspension_end(account) else { return };
		if now < until || !Self::first_send(b"resume", until, now) {
			return;
		}
		log::info!(target: LOG_TARGET, "{account:?}: the suspension is over; resuming");
		if let Some(signature) = T::ProverKey::sign(&resume_message(key, &until), key.clone()) {
			Self::send(Call::resume_authorized { prover: key.clone(), until, signature });
		}
	}

	/// Whether to send `what` about `subject` (a job's attempt, or a suspension) now: not sent
	/// yet, or sent more than `RESEND_AFTER` blocks ago without effect. Marks it sent
	/// (compare-and-set, so two workers never both send it).
	fn first_send(what: &[u8], subject: impl Encode, now: BlockNumberFor<T>) -> bool {
		let key = Self::marker_key(what, subject);
		let marker = StorageValueRef::persistent(&key);
		let result = marker.mutate(|sent: Result<Option<BlockNumberFor<T>>, _>| match sent {
			Ok(Some(at)) if now < at.saturating_add(RESEND_AFTER.into()) => Err(()),
			_ => Ok(now),
		});
		match result {
			Ok(_) => true,
			Err(MutateStorageError::ValueFunctionFailed(())) => false,
			Err(MutateStorageError::ConcurrentModification(_)) => false,
		}
	}

	/// Submits `call` (an accept, a proof or a resume) to the pool. One the pool refuses (it is
	/// full: a burst's proofs can outgrow it) is unmarked, so the next block's worker sends it
	/// again.
	fn send(call: Call<T>) {
		let marker = match &call {
			Call::accept_job_authorized { turn, .. } => {
				Self::marker_key(b"accept", (turn.job, turn.attempt))
			},
			Call::submit_proof_authorized { turn, .. } => {
				Self::marker_key(b"proof", (turn.job, turn.attempt))
			},
			Call::resume_authorized { until, .. } => Self::marker_key(b"resume", until),
			_ => return,
		};
		let transaction = T::create_authorized_transaction(call.into());
		if SubmitTransaction::<T, Call<T>>::submit_transaction(transaction).is_err() {
			log::debug!(target: LOG_TARGET, "the pool refused a transaction; sent again next block");
			StorageValueRef::persistent(&marker).clear();
		}
	}

	/// The block `what` about `subject` was last sent in, if it was.
	fn sent_at(what: &[u8], subject: impl Encode) -> Option<BlockNumberFor<T>> {
		StorageValueRef::persistent(&Self::marker_key(what, subject))
			.get()
			.ok()
			.flatten()
	}

	fn marker_key(what: &[u8], subject: impl Encode) -> Vec<u8> {
		(b"sortition-jobs::", what, subject).encode()
	}
}
