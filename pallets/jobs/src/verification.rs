//! `submit_proof`: verify a proof inside the runtime, then pay or slash.

use crate::{pallet::*, types::*, weights::WeightInfo, ProverRegistry, LOG_TARGET};
use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	pallet_prelude::*,
};
use pallet_provers::FailureReason;
use sortition_programs::Output;
use sp_runtime::traits::Hash as _;

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
		let JobState::Proving { prover: assigned, prove_by } = &job.state else {
			return Err(Error::<T>::JobNotProving.into());
		};
		ensure!(*assigned == prover, Error::<T>::NotAssignedProver);
		let now = Self::now();
		ensure!(now <= *prove_by, Error::<T>::ProvingWindowClosed);

		let len = proof.len() as u32;
		match sortition_programs::verify(&job.inputs, &output, &proof, job.security) {
			Ok(()) => {
				let fee = job.fee;
				Self::pay_fee(&job.requester, &prover, fee);
				T::Provers::release_collateral(&prover, job.collateral);
				T::Provers::record_success(&prover);
				ProverJobs::<T>::remove(&prover, id);
				Receipts::<T>::insert(
					id,
					Receipt {
						program: job.inputs.program(),
						security: job.security,
						inputs_hash: T::Hashing::hash_of(&job.inputs),
						output,
						prover: prover.clone(),
						verified_at: now,
					},
				);
				let paid_to = prover.clone();
				Self::finish(id, job, |prune_at| JobState::Verified {
					prover: paid_to,
					output,
					prune_at,
				});
				log::debug!(target: LOG_TARGET, "job {id}: proof of {prover:?} verified");
				Self::deposit_event(Event::ProofVerified { job: id, prover, output, fee });
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
