//! Authorized transactions: a prover's node accepts, delivers and resumes without fees or
//! nonces.
//!
//! `accept_job_authorized` and `submit_proof_authorized` are general transactions authorized by
//! `#[pallet::authorize]` (the runtime's `frame_system::AuthorizeCall` extension): the call
//! carries a [`ProverTurn`] and the prover key's signature over it, and is valid only while that
//! key's account holds that turn of the job, inside its window. So:
//!
//! - no nonce: the transactions of one prover never wait on each other, collide or leave a gap
//!   that stalls the rest (a burst of a thousand jobs to one prover is a thousand independent
//!   transactions);
//! - the pool keeps one transaction per job, turn and kind (`provides`), drops it once it is
//!   stale (the job moved on), and nobody but the assigned prover can send one;
//! - no fee: the prover's collateral is the bond. An invalid proof loses all of it, as for the
//!   signed `submit_proof`. Validation costs a signature check and one job read
//!   (`weight_of_authorize`, benchmarked).
//!
//! `resume_authorized` puts the key's account back into the draw once its suspension is over
//! (signed over the suspension's end, so it acts for that suspension only): a node that is up
//! resumes by itself, one that is down stays out of the draw.
//!
//! The signed `accept_job`, `submit_proof` and `provers.resume` stay, for provers that send by
//! hand (polkadot.js apps, the CLI); both kinds end in the same checks and effects.

use crate::{pallet::*, types::*, weights::WeightInfo, ProverRegistry};
use frame_support::{pallet_prelude::*, weights::Weight};
use frame_system::offchain::AppCrypto;
use frame_system::pallet_prelude::BlockNumberFor;
use sortition_programs::Output;
use sp_runtime::traits::{IdentifyAccount, Saturating};

/// Priority of an authorized accept: above any fee-paying transaction, so that a window is
/// never missed for want of room, and above proofs (an accept is small, and late costs a slash).
pub(crate) const ACCEPT_PRIORITY: TransactionPriority = TransactionPriority::MAX / 2;
/// Priority of an authorized proof: above any fee-paying transaction, below accepts.
pub(crate) const PROOF_PRIORITY: TransactionPriority = TransactionPriority::MAX / 4;
/// Priority of an authorized resume: above any fee-paying transaction, below jobs' turns.
pub(crate) const RESUME_PRIORITY: TransactionPriority = TransactionPriority::MAX / 8;
/// Blocks an authorized resume stays in the pool (its node sends it again if it did not land).
pub(crate) const RESUME_LONGEVITY: u64 = 16;

/// Which authorized transaction: they are told apart in the pool's tags.
#[derive(Clone, Copy, PartialEq, Eq, Encode)]
enum Kind {
	Accept,
	Proof,
}

impl<T: Config> Pallet<T> {
	/// `#[pallet::authorize]` of `accept_job_authorized`.
	pub(crate) fn authorize_accept(
		_source: TransactionSource,
		turn: &ProverTurn<T::Public>,
		signature: &T::Signature,
	) -> TransactionValidityWithRefund {
		let validity = Self::authorize_turn(turn, Kind::Accept, &turn.accept_message(), signature)?;
		Ok((validity, Weight::zero()))
	}

	/// `#[pallet::authorize]` of `submit_proof_authorized`.
	pub(crate) fn authorize_proof(
		_source: TransactionSource,
		turn: &ProverTurn<T::Public>,
		output: &Output,
		proof: &BoundedVec<u8, T::MaxProofSize>,
		signature: &T::Signature,
	) -> TransactionValidityWithRefund {
		let message = turn.proof_message(output, proof);
		let validity = Self::authorize_turn(turn, Kind::Proof, &message, signature)?;
		let unused = T::WeightInfo::authorize_proof(T::MaxProofSize::get())
			.saturating_sub(T::WeightInfo::authorize_proof(proof.len() as u32));
		Ok((validity, unused))
	}

	/// `#[pallet::authorize]` of `resume_authorized`: valid while `prover`'s account is
	/// suspended with `suspended_until == until`, from block `until`, if `signature` is the key's
	/// over [`resume_message`].
	///
	/// Errors: `Stale` (not suspended, or another suspension), `Future` (not over yet),
	/// `BadProof` (the signature does not verify).
	pub(crate) fn authorize_resume(
		_source: TransactionSource,
		prover: &T::Public,
		until: &BlockNumberFor<T>,
		signature: &T::Signature,
	) -> TransactionValidityWithRefund {
		let account = prover.clone().into_account();
		let end = T::Provers::suspension_end(&account).ok_or(InvalidTransaction::Stale)?;
		ensure!(end == *until, InvalidTransaction::Stale);
		ensure!(end <= Self::now(), InvalidTransaction::Future);
		ensure!(
			T::ProverKey::verify(&resume_message(prover, until), prover.clone(), signature.clone()),
			InvalidTransaction::BadProof
		);
		let validity = ValidTransaction {
			priority: RESUME_PRIORITY,
			requires: Default::default(),
			provides: alloc::vec![(b"sortition-resume", account, until).encode()],
			longevity: RESUME_LONGEVITY,
			propagate: true,
		};
		Ok((validity, Weight::zero()))
	}

	/// Valid while `turn.prover`'s account holds `turn` of the job and may send `kind` (an
	/// accept only before acceptance, a proof until its window closes), if `signature` is that
	/// key's over `message`.
	///
	/// Errors: `Stale` (no such job, or the job is past this turn: another attempt, finished, or
	/// the window closed), `BadSigner` (the key's account is not the assigned prover), `Call`
	/// (an accept for a job already accepted), `BadProof` (the signature does not verify).
	fn authorize_turn(
		turn: &ProverTurn<T::Public>,
		kind: Kind,
		message: &[u8],
		signature: &T::Signature,
	) -> Result<ValidTransaction, TransactionValidityError> {
		let job = Jobs::<T>::get(turn.job).ok_or(InvalidTransaction::Stale)?;
		ensure!(job.attempts == turn.attempt, InvalidTransaction::Stale);
		let (assigned, last_block) = match (&job.state, kind) {
			(JobState::Assigned { prover, accept_by }, _) => (prover, *accept_by),
			(JobState::Proving { prover, prove_by }, Kind::Proof) => (prover, *prove_by),
			(JobState::Proving { .. }, Kind::Accept) => Err(InvalidTransaction::Call)?,
			_ => Err(InvalidTransaction::Stale)?,
		};
		ensure!(*assigned == turn.prover.clone().into_account(), InvalidTransaction::BadSigner);
		let now = Self::now();
		ensure!(now <= last_block, InvalidTransaction::Stale);
		ensure!(
			T::ProverKey::verify(message, turn.prover.clone(), signature.clone()),
			InvalidTransaction::BadProof
		);
		let blocks_left: u64 = last_block
			.saturating_sub(now)
			.saturating_add(1u32.into())
			.try_into()
			.unwrap_or(u64::MAX);
		let priority = match kind {
			Kind::Accept => ACCEPT_PRIORITY,
			Kind::Proof => PROOF_PRIORITY,
		};
		Ok(ValidTransaction {
			priority,
			requires: Default::default(),
			provides: alloc::vec![(b"sortition-jobs", kind, turn.job, turn.attempt).encode()],
			longevity: blocks_left,
			propagate: true,
		})
	}
}

impl<T: Config> Call<T> {
	/// The job, output and proof this call delivers, if it delivers one (`submit_proof` or
	/// `submit_proof_authorized`): how a block's body is read for a job's proof.
	pub fn delivered_proof(&self) -> Option<(JobId, &Output, &[u8])> {
		match self {
			Call::submit_proof { job, output, proof } => Some((*job, output, proof)),
			Call::submit_proof_authorized { turn, output, proof, .. } => {
				Some((turn.job, output, proof))
			},
			_ => None,
		}
	}
}
