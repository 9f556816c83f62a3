//! Drawing a prover for a pending job.

use crate::{pallet::*, types::*, weights::WeightInfo, ProverRegistry, LOG_TARGET};
use codec::Encode;
use frame_support::{defensive, pallet_prelude::*, traits::Randomness};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// The seed of job `id`'s `attempt`-th draw: the block's randomness hashed with both, so
	/// every job and every attempt draws independently.
	pub(crate) fn draw_seed(randomness: &T::Hash, id: JobId, attempt: u32) -> [u8; 32] {
		sp_io::hashing::blake2_256(&(b"sortition/draw", randomness, id, attempt).encode())
	}

	/// The block's randomness for the draw, read once: `cache` holds it after the first call.
	pub(crate) fn block_randomness(cache: &mut Option<Option<T::Hash>>) -> Option<T::Hash> {
		*cache.get_or_insert_with(|| T::Randomness::random(b"sortition/jobs").0)
	}

	/// Draw a prover for pending job `id` at `now`, from the block's `randomness`. Found: lock
	/// its collateral and assign the job. Nobody eligible: raise the fee and draw again after
	/// `redraw_interval`, or fail the job once it has expired. Returns the weight used: the
	/// draw's picks as made.
	pub(crate) fn draw_for(
		id: JobId,
		mut job: JobOf<T>,
		now: BlockNumberFor<T>,
		randomness: Option<T::Hash>,
	) -> Weight {
		let params = Params::<T>::get();
		let Some(randomness) = randomness else {
			// No VRF output in this block (not expected with BABE's VRF slots): next block.
			Self::transition(id, &mut job, JobState::Pending { draw_at: Self::next_block(now) });
			return T::WeightInfo::draw_job();
		};
		let attempt = job.attempts.saturating_add(1);
		let seed = Self::draw_seed(&randomness, id, attempt);
		let requester = job.requester.clone();
		let failed = job.failed.clone();
		let drawn = T::Provers::draw(job.inputs.program(), job.fee, job.collateral, &seed, |who| {
			*who == requester || failed.contains(who)
		});
		let draw = T::Provers::draw_weight(drawn.attempts);
		let drawn = drawn.prover.filter(|prover| {
			match T::Provers::lock_collateral(prover, job.collateral) {
				Ok(()) => true,
				Err(error) => {
					defensive!("a drawn prover has the collateral free", error);
					false
				},
			}
		});
		match drawn {
			Some(prover) => {
				let accept_by = now.saturating_add(params.accept_window);
				job.attempts = attempt;
				ProverJobs::<T>::insert(&prover, id, ());
				Self::transition(
					id,
					&mut job,
					JobState::Assigned { prover: prover.clone(), accept_by },
				);
				log::debug!(target: LOG_TARGET, "job {id}: drew {prover:?} (attempt {attempt})");
				Self::deposit_event(Event::ProverAssigned { job: id, prover, attempt, accept_by });
				T::WeightInfo::draw_job().saturating_add(draw)
			},
			None if now < job.expires_at => {
				let next_draw_at = now.saturating_add(params.redraw_interval).min(job.expires_at);
				Self::deposit_event(Event::NoProverDrawn { job: id, next_draw_at });
				Self::raise_fee(id, &mut job);
				Self::transition(id, &mut job, JobState::Pending { draw_at: next_draw_at });
				T::WeightInfo::draw_job().saturating_add(draw)
			},
			None => {
				Self::fail_job(id, job, JobFailure::NoEligibleProver);
				T::WeightInfo::expire_job().saturating_add(draw)
			},
		}
	}
}
