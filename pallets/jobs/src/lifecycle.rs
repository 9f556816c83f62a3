//! Submitting, cancelling, accepting, declining and failing jobs; fee escalation; the
//! parameters.

use crate::{pallet::*, types::*, weights::WeightInfo, ProverRegistry, LOG_TARGET};
use frame_support::{defensive, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_provers::FailureReason;
use sortition_programs::{InputError, Inputs, Program, SecurityLevel};
use sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError,
};

impl<T: Config> From<InputError> for Error<T> {
	fn from(error: InputError) -> Self {
		match error {
			InputError::StepsNotPowerOfTwo => Error::StepsNotPowerOfTwo,
			InputError::TooFewSteps => Error::TooFewSteps,
			InputError::TooManySteps => Error::TooManySteps,
			InputError::SeedNotInField => Error::SeedNotInField,
		}
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	pub(crate) fn do_submit_job(
		requester: T::AccountId,
		inputs: Inputs,
		security: SecurityLevel,
		fee: BalanceOf<T>,
		max_fee: BalanceOf<T>,
		collateral: BalanceOf<T>,
		proving_window: BlockNumberFor<T>,
	) -> Result<JobId, DispatchError> {
		let program = inputs.program();
		ensure!(!PausedPrograms::<T>::contains_key(program), Error::<T>::ProgramPaused);
		sortition_programs::validate(&inputs).map_err(Error::<T>::from)?;
		let params = Params::<T>::get();
		ensure!(fee >= params.min_fee, Error::<T>::FeeBelowMinimum);
		ensure!(max_fee >= fee, Error::<T>::MaxFeeBelowFee);
		ensure!(collateral >= params.min_collateral, Error::<T>::CollateralBelowMinimum);
		ensure!(proving_window >= params.min_proving_window, Error::<T>::ProvingWindowTooShort);
		ensure!(proving_window <= params.max_proving_window, Error::<T>::ProvingWindowTooLong);
		let id = NextJobId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::JobIdOverflow)?;
		RequesterJobs::<T>::try_mutate(&requester, |open| open.try_push(id))
			.map_err(|_| Error::<T>::TooManyOpenJobs)?;
		Self::hold_fee(&requester, max_fee)?;

		let now = Self::now();
		// Drawn in `now + 1`, from that block's own randomness: unknown when the job was
		// included.
		let draw_at = Self::next_block(now);
		let mut job = Job {
			requester: requester.clone(),
			inputs,
			security,
			fee,
			max_fee,
			raises: 0,
			collateral,
			proving_window,
			submitted_at: now,
			expires_at: draw_at.saturating_add(params.draw_timeout),
			attempts: 0,
			failed: BoundedVec::new(),
			state: JobState::Pending { draw_at },
		};
		NextJobId::<T>::put(next_id);
		Self::transition(id, &mut job, JobState::Pending { draw_at });
		Self::deposit_event(Event::JobSubmitted {
			job: id,
			requester,
			program,
			steps: inputs.steps(),
			fee,
			max_fee,
			collateral,
		});
		Ok(id)
	}

	pub(crate) fn do_cancel_job(requester: T::AccountId, id: JobId) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::JobNotFound)?;
		ensure!(job.requester == requester, Error::<T>::NotRequester);
		ensure!(matches!(job.state, JobState::Pending { .. }), Error::<T>::JobNotPending);
		let refunded = job.max_fee;
		Self::finish(id, job, |prune_at| JobState::Cancelled { prune_at });
		Self::deposit_event(Event::JobCancelled { job: id, refunded });
		Ok(())
	}

	/// Job `id`, assigned to `prover` and still within its accept window: what accepting and
	/// declining both require. Returns the job and the current block.
	fn assigned_job(
		prover: &T::AccountId,
		id: JobId,
	) -> Result<(JobOf<T>, BlockNumberOf<T>), DispatchError> {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::JobNotFound)?;
		let JobState::Assigned { prover: assigned, accept_by } = &job.state else {
			return Err(Error::<T>::JobNotAssigned.into());
		};
		ensure!(assigned == prover, Error::<T>::NotAssignedProver);
		let now = Self::now();
		ensure!(now <= *accept_by, Error::<T>::AcceptWindowClosed);
		Ok((job, now))
	}

	pub(crate) fn do_accept_job(prover: T::AccountId, id: JobId) -> DispatchResult {
		let (mut job, now) = Self::assigned_job(&prover, id)?;
		let prove_by = now.saturating_add(job.proving_window);
		Self::transition(id, &mut job, JobState::Proving { prover: prover.clone(), prove_by });
		Self::deposit_event(Event::JobAccepted { job: id, prover, prove_by });
		Ok(())
	}

	/// `prover` failed job `id` (`reason`): slash (part of) its collateral, partly to the
	/// requester; suspend it; raise the fee and draw again in the next block, or fail the job
	/// after `MaxAttempts` provers.
	pub(crate) fn fail_prover(
		id: JobId,
		mut job: JobOf<T>,
		prover: T::AccountId,
		reason: FailureReason,
		now: BlockNumberFor<T>,
	) {
		let amount = match reason {
			FailureReason::AcceptTimeout => {
				Params::<T>::get().accept_timeout_slash * job.collateral
			},
			FailureReason::ProofTimeout | FailureReason::InvalidProof => job.collateral,
			FailureReason::Declined => {
				defensive!("a decline is not a failure: see do_decline_job");
				Zero::zero()
			},
		};
		let slashed =
			T::Provers::slash(&prover, amount, &job.requester, reason).unwrap_or_else(|error| {
				defensive!("a job's prover has its collateral locked", error);
				Zero::zero()
			});
		T::Provers::release_collateral(&prover, job.collateral.saturating_sub(slashed));
		T::Provers::suspend(&prover, reason);
		T::Provers::record_failure(&prover, reason);
		ProverJobs::<T>::remove(&prover, id);
		if job.failed.try_push(prover.clone()).is_err() {
			defensive!("a job has at most MaxAttempts provers");
		}
		log::debug!(target: LOG_TARGET, "job {id}: {prover:?} failed ({reason:?})");
		Self::deposit_event(Event::ProverFailed { job: id, prover, reason, slashed });
		if job.attempts >= T::MaxAttempts::get() {
			Self::fail_job(id, job, JobFailure::TooManyAttempts);
		} else {
			Self::raise_fee(id, &mut job);
			Self::transition(id, &mut job, JobState::Pending { draw_at: Self::next_block(now) });
		}
	}

	/// `prover` declines job `id`, assigned to it and not accepted yet: it pays
	/// `decline_penalty` of the collateral (split like a slash), is never drawn for the job
	/// again, and the job's fee rises and it is drawn again at once, in this block (or fails,
	/// after `MaxAttempts` provers). A decline beyond the prover's quota for the period also
	/// counts as a missed job. No suspension: declining is what a prover that cannot take a
	/// job should do, instead of letting the accept window run out.
	pub(crate) fn do_decline_job(prover: T::AccountId, id: JobId) -> DispatchResult {
		let (mut job, now) = Self::assigned_job(&prover, id)?;
		let params = Params::<T>::get();

		let penalty = params.decline_penalty.min(job.collateral);
		let paid = if penalty.is_zero() {
			Zero::zero()
		} else {
			T::Provers::slash(&prover, penalty, &job.requester, FailureReason::Declined)
				.unwrap_or_else(|error| {
					defensive!("a job's prover has its collateral locked", error);
					Zero::zero()
				})
		};
		T::Provers::release_collateral(&prover, job.collateral.saturating_sub(paid));
		let over_quota = Self::count_decline(&prover, now, &params);
		if over_quota {
			T::Provers::record_failure(&prover, FailureReason::Declined);
		}
		ProverJobs::<T>::remove(&prover, id);
		if job.failed.try_push(prover.clone()).is_err() {
			defensive!("a job has at most MaxAttempts provers");
		}
		Self::deposit_event(Event::JobDeclined { job: id, prover, penalty: paid, over_quota });
		if job.attempts >= T::MaxAttempts::get() {
			Self::fail_job(id, job, JobFailure::TooManyAttempts);
		} else {
			Self::raise_fee(id, &mut job);
			let randomness = Self::block_randomness(&mut None);
			Self::draw_for(id, job, now, randomness);
		}
		Ok(())
	}

	/// Count a decline of `prover` at `now`; whether it is beyond its quota for the period.
	fn count_decline(prover: &T::AccountId, now: BlockNumberFor<T>, params: &ParamsOf<T>) -> bool {
		let period = now / params.decline_period.max(One::one());
		Declines::<T>::mutate(prover, |(counted_in, count)| {
			if *counted_in != period {
				(*counted_in, *count) = (period, 0);
			}
			*count = count.saturating_add(1);
			*count > params.decline_quota
		})
	}

	/// Step job `id`'s fee up towards its `max_fee`: by the gap left divided by the steps
	/// left (`fee_steps - raises`, at least one), rounded up, so that the last step reaches
	/// `max_fee`. Nothing if the fee is at `max_fee` already.
	pub(crate) fn raise_fee(id: JobId, job: &mut JobOf<T>) {
		if job.fee >= job.max_fee {
			return;
		}
		let steps_left = Params::<T>::get().fee_steps.saturating_sub(job.raises).max(1);
		let gap = job.max_fee.saturating_sub(job.fee);
		let steps: BalanceOf<T> = steps_left.into();
		// ceil(gap / steps_left), without overflow: gap / steps + (1 if a remainder).
		let step = (gap / steps).saturating_add(if (gap % steps).is_zero() {
			Zero::zero()
		} else {
			One::one()
		});
		job.fee = job.fee.saturating_add(step).min(job.max_fee);
		job.raises = job.raises.saturating_add(1);
		Self::deposit_event(Event::FeeRaised { job: id, fee: job.fee, max_fee: job.max_fee });
	}

	/// End job `id` unproven: refund its fee (all of `max_fee`).
	pub(crate) fn fail_job(id: JobId, job: JobOf<T>, reason: JobFailure) {
		let refunded = job.max_fee;
		Self::finish(id, job, |prune_at| JobState::Failed { reason, prune_at });
		Self::deposit_event(Event::JobFailed { job: id, reason, refunded });
	}

	/// Close open job `id`: refund what is held of its `max_fee` (all of it, or, once verified,
	/// what was not paid: the caller paid the fee), take it off its requester's open jobs, and
	/// queue it for pruning in `state(prune_at)`.
	pub(crate) fn finish(
		id: JobId,
		mut job: JobOf<T>,
		state: impl FnOnce(BlockNumberFor<T>) -> JobStateOf<T>,
	) {
		let prune_at = Self::now().saturating_add(Params::<T>::get().retention_period);
		let state = state(prune_at);
		let paid = if matches!(state, JobState::Verified { .. }) { job.fee } else { Zero::zero() };
		let refund = job.max_fee.saturating_sub(paid);
		if !refund.is_zero() {
			Self::refund_fee(&job.requester, refund);
		}
		RequesterJobs::<T>::mutate_exists(&job.requester, |open| {
			if let Some(ids) = open {
				ids.retain(|open_id| *open_id != id);
				if ids.is_empty() {
					*open = None;
				}
			}
		});
		Self::transition(id, &mut job, state);
	}

	pub(crate) fn do_set_params(params: ParamsOf<T>) -> DispatchResult {
		ensure!(Self::params_valid(&params), Error::<T>::InvalidParams);
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}

	fn params_valid(params: &ParamsOf<T>) -> bool {
		!params.min_collateral.is_zero()
			&& !params.accept_window.is_zero()
			&& !params.min_proving_window.is_zero()
			&& params.min_proving_window <= params.max_proving_window
			&& !params.draw_timeout.is_zero()
			&& !params.redraw_interval.is_zero()
			&& !params.retention_period.is_zero()
			&& params.fee_steps > 0
			&& !params.decline_period.is_zero()
	}

	pub(crate) fn do_set_program_paused(program: Program, paused: bool) {
		if paused {
			PausedPrograms::<T>::insert(program, ());
		} else {
			PausedPrograms::<T>::remove(program);
		}
		Self::deposit_event(Event::ProgramPauseSet { program, paused });
	}

	pub(crate) fn do_integrity_test() {
		assert!(T::MaxAttempts::get() >= 1, "MaxAttempts must be at least 1");
		assert!(T::MaxOpenJobs::get() >= 1, "MaxOpenJobs must be at least 1");
		assert!(
			T::MaxProofSize::get() <= sortition_programs::MAX_PROOF_SIZE,
			"MaxProofSize must not exceed the programs' MAX_PROOF_SIZE"
		);
		assert!(Self::params_valid(&T::InitialParams::get()), "InitialParams must be valid");
		let needed = Self::max_deadline_weight()
			.saturating_add(<T as Config>::WeightInfo::on_initialize_idle());
		assert!(
			T::HookWeight::get().all_gte(needed),
			"HookWeight must cover at least one deadline, or none is ever handled"
		);
	}
}
