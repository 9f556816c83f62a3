//! `submit_proof`: verify a proof inside the runtime, then pay or slash.

use crate::{pallet::*, types::*, weights::WeightInfo, ProverRegistry, LOG_TARGET};
use frame_support::{
	defensive,
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	pallet_prelude::*,
	traits::Defensive,
};
use pallet_provers::FailureReason;
use sortition_programs::Output;
use sp_runtime::traits::{Hash as _, Saturating};

impl<T: Config> Pallet<T> {
	/// The weight of `submit_proof` with a proof of `len` bytes: the verification (measured on
	/// real proofs up to the largest) plus the costlier outcome, the slash and redraw of an
	/// invalid proof.
	pub(crate) fn submit_proof_weight(len: u32) -> Weight {
		T::WeightInfo::submit_proof(len).saturating_add(T::WeightInfo::proof_timeout())
	}

	pub(crate) fn do_submit_proof(
		prover: T::AccountId,
		id: JobId,
		output: Output,
		proof: BoundedVec<u8, T::MaxProofSize>,
	) -> DispatchResultWithPostInfo {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::JobNotFound)?;
		let now = Self::now();
		// A proof in the accept window is the prover's acceptance too: a job that proves
		// quickly needs no `accept_job`.
		match &job.state {
			JobState::Assigned { prover: assigned, accept_by } => {
				ensure!(*assigned == prover, Error::<T>::NotAssignedProver);
				ensure!(now <= *accept_by, Error::<T>::AcceptWindowClosed);
			},
			JobState::Proving { prover: assigned, prove_by } => {
				ensure!(*assigned == prover, Error::<T>::NotAssignedProver);
				ensure!(now <= *prove_by, Error::<T>::ProvingWindowClosed);
			},
			_ => return Err(Error::<T>::JobNotProving.into()),
		}
		// Checked before the costly verification. (The block's `on_initialize` settled the
		// parent's receipts, so these are this block's.)
		let verified_here = BlockReceipts::<T>::decode_len().unwrap_or(0) as u32;
		ensure!(verified_here < T::MaxReceiptsPerBlock::get(), Error::<T>::TooManyProofsInBlock);

		let len = proof.len() as u32;
		// Bound to its prover: a proof made by anyone else (a copy of a late proof of an earlier
		// prover of this job, say) does not verify for this one.
		let bound_to = prover_id(&prover);
		match sortition_programs::verify(&job.inputs, &output, &proof, job.security, &bound_to) {
			Ok(()) => {
				let (fee, refunded) = (job.fee, job.max_fee.saturating_sub(job.fee));
				Self::pay_fee(&job.requester, &prover, fee);
				T::Provers::release_collateral(&prover, job.collateral);
				T::Provers::record_success(&prover);
				ProverJobs::<T>::remove(&prover, id);
				let receipt = Receipt {
					job: id,
					program: job.inputs.program(),
					security: job.security,
					inputs_hash: T::Hashing::hash_of(&job.inputs),
					output,
					prover: prover.clone(),
					block: now,
					extrinsic_index: frame_system::Pallet::<T>::extrinsic_index()
						.defensive_unwrap_or_default(),
				};
				if Self::record_receipt(receipt).is_err() {
					defensive!("the room for the receipt was checked before verifying");
				}
				let paid_to = prover.clone();
				Self::finish(id, job, |prune_at| JobState::Verified {
					prover: paid_to,
					output,
					prune_at,
				});
				log::debug!(target: LOG_TARGET, "job {id}: proof of {prover:?} verified");
				Self::deposit_event(Event::ProofVerified {
					job: id,
					prover,
					output,
					fee,
					refunded,
				});
				Ok(PostDispatchInfo {
					actual_weight: Some(T::WeightInfo::submit_proof(len)),
					pays_fee: Pays::No,
				})
			},
			Err(reason) => {
				log::debug!(target: LOG_TARGET, "job {id}: proof of {prover:?} rejected: {reason:?}");
				Self::deposit_event(Event::ProofRejected {
					job: id,
					prover: prover.clone(),
					reason,
				});
				Self::fail_prover(id, job, prover, FailureReason::InvalidProof, now);
				Ok(PostDispatchInfo {
					actual_weight: Some(Self::submit_proof_weight(len)),
					pays_fee: Pays::Yes,
				})
			},
		}
	}
}
