//! The pallet's invariants (`try_state`), run after every unit test and by `try-runtime`.

use crate::{pallet::*, types::*, ProverRegistry};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::{ensure, traits::Get};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Check every invariant.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_jobs()?;
		Self::check_deadlines()?;
		Self::check_fees()?;
		Self::check_collateral()?;
		Self::check_receipts()
	}

	/// Receipts live exactly as long as their verified jobs; the receipts waiting to be settled
	/// are one block's (this one's, once its `on_initialize` ran), in order, and recorded.
	fn check_receipts() -> Result<(), TryRuntimeError> {
		for (id, receipt) in Receipts::<T>::iter() {
			ensure!(receipt.job == id, "a receipt is stored under another job's id");
			let job = Jobs::<T>::get(id).ok_or("a receipt outlived its job")?;
			ensure!(
				matches!(job.state, JobState::Verified { .. }),
				"a receipt of an unverified job"
			);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let waiting = BlockReceipts::<T>::get();
		let block = waiting.first().map(|receipt| receipt.block);
		ensure!(block.is_none_or(|block| block <= now), "a receipt of a future block");
		ensure!(
			waiting.windows(2).all(|w| w[0].extrinsic_index <= w[1].extrinsic_index),
			"the block's receipts are not in the order they verified"
		);
		for receipt in waiting {
			ensure!(Some(receipt.block) == block, "receipts of two blocks wait in BlockReceipts");
			ensure!(
				Receipts::<T>::get(receipt.job).as_ref() == Some(&receipt),
				"a receipt of this block is not in Receipts"
			);
		}
		Ok(())
	}

	/// Ids are below `NextJobId`; a job's failed provers and attempts agree; the requester
	/// index holds exactly the open jobs; the prover index exactly the held jobs; every
	/// verified job has its receipt.
	fn check_jobs() -> Result<(), TryRuntimeError> {
		let next = NextJobId::<T>::get();
		let mut open: BTreeMap<T::AccountId, Vec<JobId>> = BTreeMap::new();
		let mut held = Vec::new();
		for (id, job) in Jobs::<T>::iter() {
			ensure!(id < next, "a job id is not below NextJobId");
			ensure!(job.attempts <= T::MaxAttempts::get(), "a job has more than MaxAttempts");
			ensure!(job.failed.len() as u32 <= job.attempts, "more failed provers than attempts");
			if job.is_open() {
				open.entry(job.requester.clone()).or_default().push(id);
			}
			if let Some(prover) = job.prover() {
				ensure!(!job.failed.contains(prover), "a job is held by a prover that failed it");
				ensure!(*prover != job.requester, "a requester holds its own job");
				held.push((prover.clone(), id));
			}
			if let JobState::Verified { prover, output, .. } = &job.state {
				let receipt = Receipts::<T>::get(id).ok_or("a verified job has no receipt")?;
				ensure!(receipt.prover == *prover && receipt.output == *output, "receipt differs");
			}
		}
		for (requester, ids) in RequesterJobs::<T>::iter() {
			let mut ids = ids.into_inner();
			ids.sort();
			let mut expected = open.remove(&requester).unwrap_or_default();
			expected.sort();
			ensure!(ids == expected, "RequesterJobs is not the open jobs");
		}
		ensure!(open.is_empty(), "an open job is missing from RequesterJobs");
		let mut indexed: Vec<_> = ProverJobs::<T>::iter_keys().collect();
		indexed.sort();
		held.sort();
		ensure!(indexed == held, "ProverJobs is not the held jobs");
		Ok(())
	}

	/// Every job is queued exactly once, under its deadline, and never before the cursor.
	fn check_deadlines() -> Result<(), TryRuntimeError> {
		let cursor = DeadlineCursor::<T>::get();
		let mut queued = 0usize;
		for (block, id) in Deadlines::<T>::iter_keys() {
			ensure!(block >= cursor, "a deadline is before the cursor: it would never be handled");
			let job = Jobs::<T>::get(id).ok_or("a queued deadline has no job")?;
			ensure!(job.deadline() == block, "a job is queued under another block than its own");
			queued += 1;
		}
		ensure!(queued == Jobs::<T>::iter_keys().count(), "a job is not queued");
		Ok(())
	}

	/// Each requester's held fees are the `max_fee`s of its open jobs; a job's fee never
	/// exceeds its `max_fee`.
	fn check_fees() -> Result<(), TryRuntimeError> {
		let mut fees: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for job in Jobs::<T>::iter_values() {
			ensure!(job.fee <= job.max_fee, "a job's fee is above its max_fee");
			if !job.is_open() {
				continue;
			}
			let fee = fees.entry(job.requester.clone()).or_insert_with(Zero::zero);
			*fee = fee.saturating_add(job.max_fee);
		}
		for (requester, fee) in fees {
			ensure!(Self::held_fees(&requester) == fee, "held fees differ from open jobs' fees");
		}
		Ok(())
	}

	/// Each prover holding jobs has their collateral locked (this pallet is the only one that
	/// locks collateral).
	fn check_collateral() -> Result<(), TryRuntimeError> {
		let mut locked: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for job in Jobs::<T>::iter_values() {
			if let Some(prover) = job.prover() {
				let sum = locked.entry(prover.clone()).or_insert_with(Zero::zero);
				*sum = sum.saturating_add(job.collateral);
			}
		}
		for (prover, sum) in locked {
			ensure!(
				T::Provers::locked_collateral(&prover) == sum,
				"a prover's locked collateral is not the sum of its jobs' collateral"
			);
		}
		Ok(())
	}
}
