//! The deadline queue: every job sits under the block its next timed transition is due at, and
//! `on_initialize` works through due blocks in order under a weight budget.

use crate::{pallet::*, types::*, weights::WeightInfo, FailureReason, ProverRegistry, LOG_TARGET};
use frame_support::{defensive, pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// Move job `id` to `state`: out of the queue at its old deadline, into it at the new one.
	pub(crate) fn transition(id: JobId, job: &mut JobOf<T>, state: JobStateOf<T>) {
		Deadlines::<T>::remove(job.deadline(), id);
		job.state = state;
		let deadline = job.deadline();
		if deadline < DeadlineCursor::<T>::get() {
			defensive!("deadlines are always after the current block");
		}
		Deadlines::<T>::insert(deadline, id, ());
		Jobs::<T>::insert(id, &*job);
	}

	/// The most weight one due deadline can take: checked before each is handled.
	pub(crate) fn max_deadline_weight() -> Weight {
		let draw = T::Provers::draw_weight(T::Provers::max_draw_attempts());
		T::WeightInfo::draw_job()
			.saturating_add(draw)
			.max(T::WeightInfo::expire_job().saturating_add(draw))
			.max(T::WeightInfo::accept_timeout())
			.max(T::WeightInfo::proof_timeout())
			.max(T::WeightInfo::prune_job())
	}

	/// Handle the deadlines due by `now`, oldest block first, within `HookWeight`. Whatever
	/// does not fit stays in the queue for the next block.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> Weight {
		// Each deadline is charged what it used (a draw: the picks it made); the room for the
		// costliest one is checked before each.
		let mut meter = WeightMeter::with_limit(T::HookWeight::get());
		// Looking at one block's queue (and moving the cursor past it).
		let look = T::WeightInfo::on_initialize_idle();
		let max_item = Self::max_deadline_weight();
		let mut block = DeadlineCursor::<T>::get();
		let mut randomness = None;
		while block <= now && meter.try_consume(look).is_ok() {
			loop {
				if !meter.can_consume(max_item) {
					log::debug!(
						target: LOG_TARGET,
						"hook budget spent in block {now:?}; deadlines of {block:?} wait",
					);
					return meter.consumed();
				}
				let Some(id) = Deadlines::<T>::iter_key_prefix(block).next() else { break };
				Deadlines::<T>::remove(block, id);
				// What it used, at most `max_item`, which the meter has room for.
				meter.consume(Self::on_deadline(id, block, now, &mut randomness).min(max_item));
			}
			block.saturating_inc();
			DeadlineCursor::<T>::put(block);
		}
		meter.consumed()
	}

	/// Job `id`'s deadline at `block` is due (at `now`): run its timed transition. A draw
	/// takes the block's randomness from `randomness` (read on first use). Returns the weight
	/// used.
	pub(crate) fn on_deadline(
		id: JobId,
		block: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		randomness: &mut Option<Option<T::Hash>>,
	) -> Weight {
		let Some(job) = Jobs::<T>::get(id) else {
			defensive!("every queued deadline has its job");
			return T::DbWeight::get().reads(1);
		};
		if job.deadline() != block {
			defensive!("a job is queued under its own deadline only");
		}
		match job.state.clone() {
			JobState::Pending { .. } => {
				Self::draw_for(id, job, now, Self::block_randomness(randomness))
			},
			JobState::Assigned { prover, .. } => {
				Self::fail_prover(id, job, prover, FailureReason::AcceptTimeout, now);
				T::WeightInfo::accept_timeout()
			},
			JobState::Proving { prover, .. } => {
				Self::fail_prover(id, job, prover, FailureReason::ProofTimeout, now);
				T::WeightInfo::proof_timeout()
			},
			JobState::Verified { .. } | JobState::Failed { .. } | JobState::Cancelled { .. } => {
				Jobs::<T>::remove(id);
				// The MMR keeps the receipt for good; the state forgets it with its job.
				Receipts::<T>::remove(id);
				Self::deposit_event(Event::JobPruned { job: id });
				T::WeightInfo::prune_job()
			},
		}
	}

	/// The block after `now`: the earliest a new deadline can be.
	pub(crate) fn next_block(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		now.saturating_add(One::one())
	}
}
