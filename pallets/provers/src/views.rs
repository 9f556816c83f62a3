//! What the runtime API (`sortition_api::SortitionApi`) shows of the registry. Read-only, and
//! never called by a transaction: these read every prover.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use sortition_api::{Ask, ProverInfo, Unbonding as UnbondingInfo};
use sortition_programs::Program;

impl<T: Config> Pallet<T> {
	/// `who`'s record, or `None` if it is not registered.
	pub fn prover_info(who: &T::AccountId) -> Option<ProverInfo<BalanceOf<T>, BlockNumberFor<T>>> {
		let record = Provers::<T>::get(who)?;
		let now = frame_system::Pallet::<T>::block_number();
		Some(ProverInfo {
			stake: record.stake,
			locked: record.locked,
			free_stake: record.free_stake(),
			active_jobs: record.active_jobs,
			asks: record
				.offers
				.iter()
				.map(|offer| Ask { program: offer.program, min_fee: offer.min_fee })
				.collect(),
			suspended_until: record.suspended_until,
			suspended: !record.in_draw(),
			may_resume: record.suspended_until.is_some_and(|until| until <= now),
			reliability: record.stats.reliability(),
			draw_weight: record.draw_weight(),
			registered_at: record.registered_at,
			jobs_done: record.stats.jobs_done,
			jobs_missed: record.stats.jobs_missed,
			invalid_proofs: record.stats.invalid_proofs,
			slashed_total: record.stats.slashed_total,
			unbonding: Unbonding::<T>::get(who)
				.into_iter()
				.map(|chunk| UnbondingInfo { amount: chunk.amount, unlock_at: chunk.unlock_at })
				.collect(),
		})
	}

	/// The ask and stake of every prover that could take a job of `program` with `collateral`
	/// now, whatever its fee: it proves the program, is in the draw and has `collateral` of
	/// free stake.
	pub fn eligible_asks(
		program: Program,
		collateral: BalanceOf<T>,
	) -> Vec<(BalanceOf<T>, BalanceOf<T>)> {
		Provers::<T>::iter_values()
			.filter(|record| record.in_draw() && record.free_stake() >= collateral)
			.filter_map(|record| record.ask(program).map(|ask| (ask, record.stake)))
			.collect()
	}
}
