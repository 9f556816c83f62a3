//! What the runtime API (`sortition_api::SortitionApi`) shows of the job market. Read-only,
//! and never called by a transaction: `requester_jobs` and `quote` read every job or prover.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_provers::ProverRegistry;
use sortition_api::{FeeQuote, JobInfo, QuoteError};
use sortition_programs::{Inputs, Program};
use sp_runtime::traits::{Saturating, Zero};

/// A job as the runtime API shows it.
pub type JobInfoOf<T> =
	JobInfo<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// Job `id`, or `None` if there is no such job (never submitted, or pruned).
	pub fn job_info(id: JobId) -> Option<JobInfoOf<T>> {
		Jobs::<T>::get(id).map(|job| Self::info(id, job))
	}

	/// Every job of `requester` that is not pruned yet, by id.
	pub fn requester_jobs(requester: &T::AccountId) -> Vec<JobInfoOf<T>> {
		let mut jobs: Vec<_> = Jobs::<T>::iter()
			.filter(|(_, job)| job.requester == *requester)
			.map(|(id, job)| Self::info(id, job))
			.collect();
		jobs.sort_by_key(|job| job.id);
		jobs
	}

	/// The jobs `prover` holds (assigned or proving), by id.
	pub fn prover_jobs(prover: &T::AccountId) -> Vec<JobInfoOf<T>> {
		let mut jobs: Vec<_> = ProverJobs::<T>::iter_key_prefix(prover)
			.filter_map(|id| Self::job_info(id))
			.collect();
		jobs.sort_by_key(|job| job.id);
		jobs
	}

	/// The fees at which provers would take a job of `program` with `steps` steps and
	/// `collateral` (`None`: the minimum) now. The fees are never below the chain's `min_fee`.
	pub fn quote(
		program: Program,
		steps: u32,
		collateral: Option<BalanceOf<T>>,
	) -> Result<FeeQuote<BalanceOf<T>>, QuoteError> {
		sortition_programs::validate(&Inputs::sample(program, steps))
			.map_err(QuoteError::InvalidSteps)?;
		let params = Params::<T>::get();
		let collateral = collateral.unwrap_or(params.min_collateral);
		if collateral < params.min_collateral {
			return Err(QuoteError::CollateralTooLow);
		}
		if PausedPrograms::<T>::contains_key(program) {
			return Err(QuoteError::ProgramPaused);
		}
		let mut asks = T::Provers::eligible_asks(program, collateral);
		asks.sort();
		let eligible_stake = asks
			.iter()
			.fold(BalanceOf::<T>::zero(), |sum, (_, stake)| sum.saturating_add(*stake));
		let (Some((lowest, _)), Some((highest, _))) = (asks.first(), asks.last()) else {
			return Err(QuoteError::NoEligibleProver);
		};
		// The smallest ask at which the provers asking at most that hold half the stake.
		let mut covered = BalanceOf::<T>::zero();
		let mut median = *highest;
		for (ask, stake) in &asks {
			covered = covered.saturating_add(*stake);
			if covered.saturating_add(covered) >= eligible_stake {
				median = *ask;
				break;
			}
		}
		Ok(FeeQuote {
			program,
			steps,
			collateral,
			min_fee: params.min_fee,
			lowest_fee: (*lowest).max(params.min_fee),
			median_fee: median.max(params.min_fee),
			full_fee: (*highest).max(params.min_fee),
			suggested_fee: median.max(params.min_fee),
			suggested_max_fee: (*highest).max(params.min_fee),
			eligible_provers: asks.len() as u32,
			eligible_stake,
		})
	}

	fn info(id: JobId, job: JobOf<T>) -> JobInfoOf<T> {
		JobInfo {
			id,
			next_deadline: job.deadline(),
			requester: job.requester,
			inputs: job.inputs,
			security: job.security,
			fee: job.fee,
			max_fee: job.max_fee,
			collateral: job.collateral,
			proving_window: job.proving_window,
			submitted_at: job.submitted_at,
			expires_at: job.expires_at,
			attempts: job.attempts,
			failed_provers: job.failed.into_inner(),
			state: job.state,
		}
	}
}
