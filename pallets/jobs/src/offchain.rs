//! The offchain worker: proves the jobs assigned to this node's prover keys.
//!
//! A worker starts after every imported block. For each `prov` key in the node's keystore it
//! reads the jobs that key's account holds (`ProverJobs`) and hands each to the node's native
//! prover ([`sortition_prover::prove`], which starts the proof in the background the first time
//! and reports it when done) as soon as the job is drawn. It then waits for the proofs it
//! started, up to `WAIT_MS`, and submits each proof as it comes (signed `submit_proof`). A
//! proof within the accept window is the prover's acceptance, so a small job is drawn in one
//! block and verified in the next. A job still proving after the worker of the block it was
//! drawn in is accepted (signed `accept_job`: the requester's pre-confirmation) and proven
//! within its proving window. A job whose window has closed is dropped.
//!
//! Workers of consecutive blocks overlap. A marker per job, attempt and transaction in the
//! offchain database (compare-and-set) keeps them from sending the same transaction twice (it
//! is sent again only if it has not landed `RESEND_AFTER` blocks later), and each key's next
//! nonce is kept there too ([`Pallet::next_nonce`]), so transactions sent by the workers of
//! consecutive blocks before the first lands never share a nonce.

use crate::{pallet::*, types::*, LOG_TARGET};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::pallet_prelude::*;
use frame_system::{
	offchain::{Account, Signer, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use sortition_prover_host::{sortition_prover, ProofStatus};
use sp_runtime::{
	offchain::{
		storage::{MutateStorageError, StorageValueRef},
		Duration,
	},
	traits::{One, Saturating},
};

/// The key type of prover keys: `sortition-node key insert --key-type prov`.
pub const KEY_TYPE: sp_runtime::KeyTypeId = sp_runtime::KeyTypeId(*b"prov");

/// Blocks after which a transaction that has not taken effect is sent again.
const RESEND_AFTER: u32 = 4;

/// How long a worker waits for the proofs it is making (a third of a 6-second block), so
/// that a small job's proof goes out in the block after its draw.
const WAIT_MS: u64 = 2_000;

/// How often a waiting worker looks at its proofs.
const POLL_MS: u64 = 10;

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

impl<T: Config> Pallet<T> {
	/// The worker's entry point (see the module docs).
	pub(crate) fn do_offchain_work(now: BlockNumberFor<T>) {
		if !sortition_prover::is_available() {
			return;
		}
		let accounts: Vec<Account<T>> = Signer::<T, T::ProverKey>::keystore_accounts().collect();
		let mut waiting = Vec::new();
		for account in &accounts {
			for id in ProverJobs::<T>::iter_key_prefix(&account.id) {
				let Some(job) = Jobs::<T>::get(id) else { continue };
				if Self::window_open(&job, now) && !Self::deliver(id, &job, account, now) {
					waiting.push((id, job, account));
				}
			}
		}
		// Wait a little for the proofs in progress: a small one takes milliseconds.
		let deadline = sp_io::offchain::timestamp().add(Duration::from_millis(WAIT_MS));
		while !waiting.is_empty() && sp_io::offchain::timestamp() < deadline {
			sp_io::offchain::sleep_until(
				sp_io::offchain::timestamp().add(Duration::from_millis(POLL_MS)),
			);
			waiting.retain(|(id, job, account)| !Self::deliver(*id, job, account, now));
		}
		// Still proving: accept the jobs that need it.
		for (id, job, account) in waiting {
			Self::accept_if_due(id, &job, account, now);
		}
	}

	/// Whether the prover holding `job` can still deliver it at `now`.
	fn window_open(job: &JobOf<T>, now: BlockNumberFor<T>) -> bool {
		match &job.state {
			JobState::Assigned { accept_by, .. } => now <= *accept_by,
			JobState::Proving { prove_by, .. } => now <= *prove_by,
			// Finished, or drawn again: not this worker's any more.
			_ => false,
		}
	}

	/// Ask the node's prover for job `id`'s proof (which starts it the first time) and submit
	/// the proof if it is there. `false` while it is being proven; `true` once the worker has
	/// nothing more to do for the job (submitted, or the prover failed).
	fn deliver(id: JobId, job: &JobOf<T>, account: &Account<T>, now: BlockNumberFor<T>) -> bool {
		match sortition_prover::prove(id, job.attempts, job.inputs, job.security) {
			ProofStatus::Done(output, proof) => {
				let Ok(proof) = BoundedVec::try_from(proof) else {
					log::error!(target: LOG_TARGET, "job {id}: proof over MaxProofSize");
					return true;
				};
				if Self::first_send(b"proof", id, job.attempts, now) {
					log::info!(target: LOG_TARGET, "job {id}: submitting the proof");
					Self::send(account, Call::submit_proof { job: id, output, proof }, now);
				}
				true
			},
			ProofStatus::Proving => false,
			ProofStatus::Failed => {
				log::error!(target: LOG_TARGET, "job {id}: the prover failed");
				true
			},
			ProofStatus::Unavailable => true,
		}
	}

	/// Job `id` is still being proven: accept it if it is assigned and this is the worker of a
	/// block after its draw (the worker of the draw's block hoped to prove it at once).
	fn accept_if_due(id: JobId, job: &JobOf<T>, account: &Account<T>, now: BlockNumberFor<T>) {
		let JobState::Assigned { accept_by, .. } = &job.state else { return };
		let drawn_at = accept_by.saturating_sub(Params::<T>::get().accept_window);
		if now > drawn_at && Self::first_send(b"accept", id, job.attempts, now) {
			log::info!(target: LOG_TARGET, "job {id}: accepting (still proving)");
			Self::send(account, Call::accept_job { job: id }, now);
		}
	}

	/// Whether to send `what` for job `id`'s attempt now: not sent yet, or sent more than
	/// `RESEND_AFTER` blocks ago without effect. Marks it sent (compare-and-set, so two workers
	/// never both send it).
	fn first_send(what: &[u8], id: JobId, attempt: u32, now: BlockNumberFor<T>) -> bool {
		let key = (b"sortition-jobs::", what, id, attempt).encode();
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

	/// The nonce for `account`'s next transaction, sent from the worker of block `now`.
	///
	/// The chain's nonce only counts transactions that have landed, so workers of consecutive
	/// blocks would reuse it for transactions still in the pool. This keeps the next nonce in
	/// the offchain database (compare-and-set: concurrent workers never get the same one),
	/// starting again from the chain's nonce once that has caught up, or once it has not moved
	/// for `RESEND_AFTER` blocks while transactions were outstanding (one was dropped: the ones
	/// after it can never land, and are sent again by `first_send`).
	pub(crate) fn next_nonce(account: &T::AccountId, now: BlockNumberFor<T>) -> T::Nonce {
		let chain = frame_system::Pallet::<T>::account_nonce(account);
		let key = (b"sortition-jobs::nonce", account).encode();
		let record = StorageValueRef::persistent(&key);
		loop {
			let result = record.mutate(|stored: Result<Option<NonceRecord<T>>, _>| {
				let stored = stored.ok().flatten();
				let (next, seen, since) =
					stored.map_or((chain, chain, now), |r| (r.next, r.seen, r.since));
				// The highest chain nonce seen (workers of older blocks may run late), and the
				// block it last moved in.
				let (seen, since) = if chain > seen { (chain, now) } else { (seen, since) };
				let stalled = now >= since.saturating_add(RESEND_AFTER.into());
				let (nonce, since) = if next <= seen {
					// Nothing outstanding: the clock of a stall starts now.
					(seen, now)
				} else if stalled {
					log::warn!(
						target: LOG_TARGET,
						"{account:?}: nonce {seen:?} has not landed in {RESEND_AFTER} blocks; \
						 sending again from it",
					);
					(seen, now)
				} else {
					(next, since)
				};
				Ok::<_, ()>(NonceRecord::<T> {
					next: nonce.saturating_add(One::one()),
					seen,
					since,
				})
			});
			match result {
				Ok(record) => return record.next.saturating_sub(One::one()),
				// Another worker took one meanwhile: take the next.
				Err(MutateStorageError::ConcurrentModification(_)) => continue,
				Err(MutateStorageError::ValueFunctionFailed(())) => return chain,
			}
		}
	}

	fn send(account: &Account<T>, call: Call<T>, now: BlockNumberFor<T>) {
		let nonce = Self::next_nonce(&account.id, now);
		let Some(transaction) = T::create_signed_transaction::<T::ProverKey>(
			call.into(),
			account.public.clone(),
			account.id.clone(),
			nonce,
		) else {
			log::warn!(target: LOG_TARGET, "could not sign a transaction");
			return;
		};
		if SubmitTransaction::<T, Call<T>>::submit_transaction(transaction).is_err() {
			log::warn!(target: LOG_TARGET, "could not submit a signed transaction");
		}
	}
}

/// A prover key's nonces, in the offchain database: the next one to use, the highest chain
/// nonce seen, and the block that nonce was first seen in.
#[derive(Encode, Decode)]
pub(crate) struct NonceRecord<T: Config> {
	next: T::Nonce,
	seen: T::Nonce,
	since: BlockNumberFor<T>,
}
