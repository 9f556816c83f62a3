//! The offchain worker: proves the jobs assigned to this node's prover keys.
//!
//! A worker starts after every imported block. For each `prov` key in the node's keystore it
//! reads the jobs that key's account holds (`ProverJobs`): an assigned job is accepted at once
//! (signed `accept_job`); a proving job is handed to the node's native prover
//! ([`sortition_prover::prove`], which starts the proof in the background the first time and
//! reports it when done), and its proof is submitted (signed `submit_proof`). A job whose window
//! has closed is dropped. Workers of consecutive blocks overlap; a marker per job, attempt and
//! transaction in the offchain database (compare-and-set) keeps them from sending the same
//! transaction twice (it is sent again only if it has not landed `RESEND_AFTER` blocks later).

use crate::{pallet::*, types::*, LOG_TARGET};
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_support::pallet_prelude::*;
use frame_system::{
	offchain::{SendSignedTransaction, Signer},
	pallet_prelude::BlockNumberFor,
};
use sortition_prover_host::{sortition_prover, ProofStatus};
use sp_runtime::{
	offchain::storage::{MutateStorageError, StorageValueRef},
	traits::Saturating,
};

/// The key type of prover keys: `sortition-node key insert --key-type prov`.
pub const KEY_TYPE: sp_runtime::KeyTypeId = sp_runtime::KeyTypeId(*b"prov");

/// Blocks after which a transaction that has not taken effect is sent again.
const RESEND_AFTER: u32 = 4;

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
		for account in Signer::<T, T::ProverKey>::keystore_accounts() {
			for id in ProverJobs::<T>::iter_key_prefix(&account.id) {
				let Some(job) = Jobs::<T>::get(id) else { continue };
				Self::work_on(id, &job, &account.public, now);
			}
		}
	}

	fn work_on(id: JobId, job: &JobOf<T>, key: &T::Public, now: BlockNumberFor<T>) {
		match &job.state {
			JobState::Assigned { accept_by, .. } if now <= *accept_by => {
				if Self::first_send(b"accept", id, job.attempts, now) {
					log::info!(target: LOG_TARGET, "job {id}: accepting");
					Self::send(key, Call::accept_job { job: id });
				}
			},
			JobState::Proving { prove_by, .. } if now <= *prove_by => {
				match sortition_prover::prove(id, job.attempts, job.inputs, job.security) {
					ProofStatus::Done(output, proof) => {
						let Ok(proof) = BoundedVec::try_from(proof) else {
							log::error!(target: LOG_TARGET, "job {id}: proof over MaxProofSize");
							return;
						};
						if Self::first_send(b"proof", id, job.attempts, now) {
							log::info!(target: LOG_TARGET, "job {id}: submitting the proof");
							Self::send(key, Call::submit_proof { job: id, output, proof });
						}
					},
					ProofStatus::Proving => {},
					ProofStatus::Failed => {
						log::error!(target: LOG_TARGET, "job {id}: the prover failed")
					},
					ProofStatus::Unavailable => {},
				}
			},
			// Its window closed (the chain re-routes it), or it is finished.
			_ => {},
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

	fn send(key: &T::Public, call: Call<T>) {
		let results = Signer::<T, T::ProverKey>::all_accounts()
			.with_filter(vec![key.clone()])
			.send_signed_transaction(|_| call.clone());
		let sent: Vec<_> = results.into_iter().map(|(_, result)| result).collect();
		if sent.is_empty() || sent.iter().any(|result| result.is_err()) {
			log::warn!(target: LOG_TARGET, "could not submit a signed transaction");
		}
	}
}
