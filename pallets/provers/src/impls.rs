//! The calls' logic, the registry trait for other pallets, and the pallet's invariants.

use crate::{pallet::*, traits::ProverRegistry, types::*, weights::WeightInfo, Drawn, LOG_TARGET};
use alloc::vec::Vec;
use frame_support::{defensive, ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sortition_programs::Program;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register(
		who: T::AccountId,
		stake: BalanceOf<T>,
		programs: Vec<Program>,
		asks: Vec<ProgramAsk<BalanceOf<T>>>,
	) -> DispatchResult {
		ensure!(!Provers::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		ensure!(stake >= Params::<T>::get().min_stake, Error::<T>::StakeBelowMinimum);
		let offers = Self::offers(programs, asks, &[])?;
		let slot = ProverCount::<T>::get();
		ensure!(slot < T::MaxProvers::get(), Error::<T>::TooManyProvers);
		Self::hold(&who, stake)?;

		let now = frame_system::Pallet::<T>::block_number();
		let prover = Prover {
			stake,
			locked: Zero::zero(),
			active_jobs: 0,
			offers: offers.clone(),
			suspended_until: None,
			slot,
			registered_at: now,
			stats: Default::default(),
		};
		Self::reweigh(slot, (&[], Zero::zero()), (&prover.programs(), prover.draw_weight()));
		ProverCount::<T>::put(slot.saturating_add(1));
		Slots::<T>::insert(slot, &who);
		Provers::<T>::insert(&who, prover);
		Self::deposit_event(Event::Registered { prover: who, stake, offers });
		Ok(())
	}

	pub(crate) fn do_bond_more(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let stake = Self::update_prover(&who, |prover| {
			Self::hold(&who, amount)?;
			prover.stake = prover.stake.saturating_add(amount);
			Ok(prover.stake)
		})?;
		Self::deposit_event(Event::Bonded { prover: who, amount, stake });
		Ok(())
	}

	pub(crate) fn do_unbond(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let params = Params::<T>::get();
		let unlock_at = Self::update_prover(&who, |prover| {
			ensure!(amount <= prover.free_stake(), Error::<T>::InsufficientFreeStake);
			let stake = prover.stake.saturating_sub(amount);
			ensure!(stake >= params.min_stake, Error::<T>::StakeBelowMinimum);
			prover.stake = stake;
			Self::add_unbonding(&who, amount, params.unbonding_period)
		})?;
		Self::deposit_event(Event::Unbonded { prover: who, amount, unlock_at });
		Ok(())
	}

	/// Change `who`'s record with `f` (nothing changes if `f` fails) and move its weight in
	/// the draw trees to match. Every change of a prover's stake, programs, suspension or
	/// record goes through here, so its tree entries always equal its
	/// [`draw_weight`](Prover::draw_weight).
	pub(crate) fn update_prover<R>(
		who: &T::AccountId,
		f: impl FnOnce(&mut ProverOf<T>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let mut prover = Provers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		let before = (prover.programs(), prover.draw_weight());
		let result = f(&mut prover)?;
		Self::reweigh(
			prover.slot,
			(&before.0, before.1),
			(&prover.programs(), prover.draw_weight()),
		);
		Provers::<T>::insert(who, prover);
		Ok(result)
	}

	/// Add an unbonding chunk of `amount` that unlocks `period` blocks from now (merged into a
	/// chunk that unlocks in the same block). Returns the unlock block.
	fn add_unbonding(
		who: &T::AccountId,
		amount: BalanceOf<T>,
		period: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let unlock_at = frame_system::Pallet::<T>::block_number().saturating_add(period);
		Unbonding::<T>::try_mutate(who, |chunks| {
			if let Some(chunk) = chunks.iter_mut().find(|chunk| chunk.unlock_at == unlock_at) {
				chunk.amount = chunk.amount.saturating_add(amount);
			} else {
				chunks
					.try_push(UnbondingChunk { amount, unlock_at })
					.map_err(|_| Error::<T>::TooManyUnbondingChunks)?;
			}
			Ok(unlock_at)
		})
	}

	pub(crate) fn do_withdraw_unbonded(who: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut chunks = Unbonding::<T>::get(&who);
		let mut amount = BalanceOf::<T>::zero();
		chunks.retain(|chunk| {
			let unlocked = chunk.unlock_at <= now;
			if unlocked {
				amount = amount.saturating_add(chunk.amount);
			}
			!unlocked
		});
		ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
		Self::release(&who, amount);
		if chunks.is_empty() {
			Unbonding::<T>::remove(&who);
		} else {
			Unbonding::<T>::insert(&who, chunks);
		}
		Self::deposit_event(Event::Withdrawn { account: who, amount });
		Ok(())
	}

	pub(crate) fn do_set_programs(who: T::AccountId, programs: Vec<Program>) -> DispatchResult {
		let offers = Self::update_prover(&who, |prover| {
			prover.offers = Self::offers(programs, Vec::new(), &prover.offers)?;
			Ok(prover.offers.clone())
		})?;
		Self::deposit_event(Event::OffersChanged { prover: who, offers });
		Ok(())
	}

	pub(crate) fn do_set_asks(
		who: T::AccountId,
		asks: Vec<ProgramAsk<BalanceOf<T>>>,
	) -> DispatchResult {
		let offers = Self::update_prover(&who, |prover| {
			prover.offers = Self::offers(prover.programs(), asks, &prover.offers)?;
			Ok(prover.offers.clone())
		})?;
		Self::deposit_event(Event::OffersChanged { prover: who, offers });
		Ok(())
	}

	pub(crate) fn do_resume(who: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		Self::update_prover(&who, |prover| {
			let until = prover.suspended_until.ok_or(Error::<T>::NotSuspended)?;
			ensure!(until <= now, Error::<T>::SuspensionNotOver);
			prover.suspended_until = None;
			Ok(())
		})?;
		Self::deposit_event(Event::Resumed { prover: who });
		Ok(())
	}

	/// The offers for `programs`: each program's ask from `asks`, else from `previous`, else
	/// zero.
	fn offers(
		programs: Vec<Program>,
		asks: Vec<ProgramAsk<BalanceOf<T>>>,
		previous: &[ProgramAsk<BalanceOf<T>>],
	) -> Result<OffersOf<T>, DispatchError> {
		ensure!(!programs.is_empty(), Error::<T>::NoPrograms);
		ensure!(programs.len() <= T::MaxPrograms::get() as usize, Error::<T>::TooManyPrograms);
		ensure!(asks.len() <= T::MaxPrograms::get() as usize, Error::<T>::TooManyAsks);
		ensure!(!has_duplicates(programs.iter().copied()), Error::<T>::DuplicateProgram);
		ensure!(!has_duplicates(asks.iter().map(|ask| ask.program)), Error::<T>::DuplicateProgram);
		ensure!(
			asks.iter().all(|ask| programs.contains(&ask.program)),
			Error::<T>::AskForUnlistedProgram
		);
		let ask_of = |program: Program| {
			asks.iter()
				.chain(previous)
				.find(|ask| ask.program == program)
				.map_or_else(Zero::zero, |ask| ask.min_fee)
		};
		let offers: Vec<_> = programs
			.into_iter()
			.map(|program| ProgramAsk { program, min_fee: ask_of(program) })
			.collect();
		// Cannot fail: the length was checked above.
		offers.try_into().map_err(|_| Error::<T>::TooManyPrograms.into())
	}

	pub(crate) fn do_deregister(who: T::AccountId) -> DispatchResult {
		let prover = Provers::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(prover.active_jobs == 0, Error::<T>::HasActiveJobs);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(!prover.is_suspended(now), Error::<T>::ProverSuspended);
		let period = Params::<T>::get().unbonding_period;
		let unlock_at = if prover.stake.is_zero() {
			now.saturating_add(period)
		} else {
			Self::add_unbonding(&who, prover.stake, period)?
		};
		Self::remove_from_slots(&prover);
		Provers::<T>::remove(&who);
		Self::deposit_event(Event::Deregistered {
			prover: who,
			unbonding: prover.stake,
			unlock_at,
		});
		Ok(())
	}

	/// Take `prover` out of the draw trees and the slots: the last slot's prover moves into
	/// its slot, so slots stay dense.
	fn remove_from_slots(prover: &ProverOf<T>) {
		Self::reweigh(prover.slot, (&prover.programs(), prover.draw_weight()), (&[], Zero::zero()));
		let last = ProverCount::<T>::get().saturating_sub(1);
		if prover.slot != last {
			match Slots::<T>::get(last).and_then(|who| Some((Provers::<T>::get(&who)?, who))) {
				Some((mut moved, moved_who)) => {
					let (programs, weight) = (moved.programs(), moved.draw_weight());
					Self::reweigh(last, (&programs, weight), (&[], Zero::zero()));
					Self::reweigh(prover.slot, (&[], Zero::zero()), (&programs, weight));
					moved.slot = prover.slot;
					Slots::<T>::insert(prover.slot, &moved_who);
					Provers::<T>::insert(&moved_who, moved);
				},
				None => {
					defensive!("the last slot holds a registered prover");
				},
			}
		}
		Slots::<T>::remove(last);
		ProverCount::<T>::put(last);
	}

	pub(crate) fn do_set_params(params: ParamsOf<T>) -> DispatchResult {
		ensure!(!params.min_stake.is_zero(), Error::<T>::InvalidParams);
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}

	pub(crate) fn do_integrity_test() {
		let max_provers = T::MaxProvers::get();
		assert!(
			max_provers.is_power_of_two() && max_provers <= 1 << 24,
			"MaxProvers must be a power of two, at most 2^24"
		);
		assert!(
			T::MaxPrograms::get() as usize >= Program::ALL.len(),
			"MaxPrograms must allow a prover to list every program"
		);
		assert!(T::MaxUnbondingChunks::get() > 0, "MaxUnbondingChunks must be at least one");
		assert!(T::MaxDrawAttempts::get() > 0, "MaxDrawAttempts must be at least one");
		assert!(!T::InitialParams::get().min_stake.is_zero(), "the minimum stake must be > 0");
	}
}

fn has_duplicates(programs: impl Iterator<Item = Program>) -> bool {
	let mut seen = Vec::new();
	for program in programs {
		if seen.contains(&program) {
			return true;
		}
		seen.push(program);
	}
	false
}

impl<T: Config> ProverRegistry<T::AccountId> for Pallet<T> {
	type Balance = BalanceOf<T>;
	type BlockNumber = BlockNumberFor<T>;

	fn draw(
		program: Program,
		fee: BalanceOf<T>,
		collateral: BalanceOf<T>,
		seed: &[u8; 32],
		exclude: impl Fn(&T::AccountId) -> bool,
	) -> Drawn<T::AccountId> {
		Self::draw(program, fee, collateral, seed, exclude)
	}

	fn lock_collateral(prover: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		Provers::<T>::try_mutate(prover, |record| {
			let record = record.as_mut().ok_or(Error::<T>::NotRegistered)?;
			ensure!(amount <= record.free_stake(), Error::<T>::InsufficientFreeStake);
			record.locked = record.locked.saturating_add(amount);
			record.active_jobs = record.active_jobs.saturating_add(1);
			Ok(())
		})
	}

	fn release_collateral(prover: &T::AccountId, amount: BalanceOf<T>) {
		Provers::<T>::mutate(prover, |record| {
			let Some(record) = record.as_mut() else {
				defensive!("a prover with a job in progress cannot deregister");
				return;
			};
			if amount > record.locked || record.active_jobs == 0 {
				defensive!("released more collateral than was locked");
			}
			record.locked = record.locked.saturating_sub(amount);
			record.active_jobs = record.active_jobs.saturating_sub(1);
		})
	}

	fn slash(
		prover: &T::AccountId,
		amount: BalanceOf<T>,
		beneficiary: &T::AccountId,
		reason: FailureReason,
	) -> Result<BalanceOf<T>, DispatchError> {
		let slashed = Self::update_prover(prover, |record| {
			ensure!(amount <= record.locked, Error::<T>::SlashExceedsCollateral);
			let (slashed, to_beneficiary) = Self::slash_hold(prover, amount, beneficiary);
			record.stake = record.stake.saturating_sub(slashed);
			record.locked = record.locked.saturating_sub(slashed);
			record.stats.slashed_total = record.stats.slashed_total.saturating_add(slashed);
			Self::deposit_event(Event::Slashed {
				prover: prover.clone(),
				amount: slashed,
				beneficiary: beneficiary.clone(),
				to_beneficiary,
				reason,
			});
			Ok(slashed)
		})?;
		log::debug!(target: LOG_TARGET, "slashed {slashed:?} from {prover:?} ({reason:?})");
		Ok(slashed)
	}

	fn suspend(prover: &T::AccountId, reason: FailureReason) {
		let until = frame_system::Pallet::<T>::block_number()
			.saturating_add(Params::<T>::get().suspension_period);
		let suspended = Self::update_prover(prover, |record| {
			record.suspended_until = Some(record.suspended_until.map_or(until, |u| u.max(until)));
			Ok(())
		});
		match suspended {
			Ok(()) => {
				Self::deposit_event(Event::Suspended { prover: prover.clone(), until, reason })
			},
			Err(error) => {
				defensive!("only registered provers hold jobs and can be suspended", error);
			},
		}
	}

	fn record_success(prover: &T::AccountId) {
		let recorded = Self::update_prover(prover, |record| {
			record.stats.jobs_done = record.stats.jobs_done.saturating_add(1);
			Ok(())
		});
		if let Err(error) = recorded {
			defensive!("a prover with a job in progress cannot deregister", error);
		}
	}

	fn record_failure(prover: &T::AccountId, reason: FailureReason) {
		let recorded = Self::update_prover(prover, |record| {
			let stats = &mut record.stats;
			match reason {
				FailureReason::AcceptTimeout
				| FailureReason::ProofTimeout
				| FailureReason::Declined => stats.jobs_missed = stats.jobs_missed.saturating_add(1),
				FailureReason::InvalidProof => {
					stats.invalid_proofs = stats.invalid_proofs.saturating_add(1)
				},
			}
			Ok(())
		});
		if let Err(error) = recorded {
			defensive!("a prover with a job in progress cannot deregister", error);
		}
	}

	fn suspension_end(prover: &T::AccountId) -> Option<BlockNumberFor<T>> {
		Provers::<T>::get(prover).and_then(|record| record.suspended_until)
	}

	fn resume(prover: &T::AccountId) -> DispatchResult {
		Self::do_resume(prover.clone())
	}

	fn eligible_asks(
		program: Program,
		collateral: BalanceOf<T>,
	) -> Vec<(BalanceOf<T>, BalanceOf<T>)> {
		Self::eligible_asks(program, collateral)
	}

	fn draw_weight(attempts: u32) -> Weight {
		<T as Config>::WeightInfo::draw(T::MaxProvers::get(), attempts)
	}

	fn resume_weight() -> Weight {
		<T as Config>::WeightInfo::resume()
	}

	fn max_draw_attempts() -> u32 {
		T::MaxDrawAttempts::get()
	}

	fn locked_collateral(prover: &T::AccountId) -> BalanceOf<T> {
		Provers::<T>::get(prover).map(|record| record.locked).unwrap_or_default()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(who: &T::AccountId, stake: BalanceOf<T>, programs: &[Program]) {
		use frame_support::traits::fungible::{Inspect as _, Mutate as _};
		let stake = stake.max(Params::<T>::get().min_stake);
		let funds = stake.saturating_add(T::Currency::minimum_balance());
		let _ = T::Currency::mint_into(who, funds);
		if let Err(error) = Self::do_register(who.clone(), stake, programs.to_vec(), Vec::new()) {
			defensive!("a funded new account can register", error);
		}
	}
}

#[cfg(any(test, feature = "try-runtime"))]
impl<T: Config> Pallet<T> {
	/// The pallet's invariants; run after every unit test and by `try-runtime`.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::check_holds()?;
		Self::check_provers()?;
		Self::check_slots()?;
		Self::check_draw_trees()
	}

	/// Every account's `ProverBond` hold is its stake plus its unbonding chunks (so the sum of
	/// the holds is the sum of stakes and chunks).
	fn check_holds() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut accounts: Vec<T::AccountId> = Provers::<T>::iter_keys().collect();
		accounts.extend(Unbonding::<T>::iter_keys().filter(|who| !Provers::<T>::contains_key(who)));
		for who in accounts {
			let stake = Provers::<T>::get(&who).map_or_else(Zero::zero, |prover| prover.stake);
			let unbonding = Unbonding::<T>::get(&who)
				.iter()
				.fold(BalanceOf::<T>::zero(), |sum, chunk| sum.saturating_add(chunk.amount));
			ensure!(
				Self::held(&who) == stake.saturating_add(unbonding),
				"a ProverBond hold differs from stake + unbonding"
			);
		}
		ensure!(
			Unbonding::<T>::iter_values().all(|chunks| !chunks.is_empty()),
			"an empty Unbonding entry is stored"
		);
		Ok(())
	}

	/// Locked collateral never exceeds the stake; no jobs, nothing locked; offers are valid.
	fn check_provers() -> Result<(), sp_runtime::TryRuntimeError> {
		for (_, prover) in Provers::<T>::iter() {
			ensure!(prover.locked <= prover.stake, "locked collateral exceeds the stake");
			ensure!(
				prover.active_jobs > 0 || prover.locked.is_zero(),
				"collateral is locked without a job in progress"
			);
			ensure!(!prover.offers.is_empty(), "a prover proves no program");
			ensure!(
				!has_duplicates(prover.offers.iter().map(|offer| offer.program)),
				"a prover lists a program twice"
			);
		}
		Ok(())
	}

	/// Slots `0 .. ProverCount` hold exactly the registered provers, each in its own slot.
	fn check_slots() -> Result<(), sp_runtime::TryRuntimeError> {
		let count = ProverCount::<T>::get();
		ensure!(Provers::<T>::iter_keys().count() == count as usize, "ProverCount is wrong");
		ensure!(Slots::<T>::iter_keys().count() == count as usize, "stray slots");
		for (who, prover) in Provers::<T>::iter() {
			ensure!(prover.slot < count, "a prover's slot is out of range");
			ensure!(Slots::<T>::get(prover.slot) == Some(who), "a slot names another prover");
		}
		Ok(())
	}

	/// Each program's tree holds, node for node, the sums of its provers' draw weights: every
	/// bottom entry is its slot's weight (if the slot's prover proves the program), every entry above
	/// is the sum of its child's entries, and no node is stored that is all zeros.
	fn check_draw_trees() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::selection::{leaf_of, parent_of, ARITY};
		use alloc::collections::BTreeMap;
		let capacity = T::MaxProvers::get();
		for program in Program::ALL {
			let mut expected = BTreeMap::<u32, Vec<BalanceOf<T>>>::new();
			for (_, prover) in Provers::<T>::iter() {
				let weight = prover.draw_weight();
				if prover.ask(program).is_none() || weight.is_zero() {
					continue;
				}
				let (mut node, mut entry) = leaf_of(capacity, prover.slot);
				loop {
					let entries = expected
						.entry(node)
						.or_insert_with(|| alloc::vec![Zero::zero(); ARITY as usize]);
					entries[entry] = entries[entry].saturating_add(weight);
					if node == 0 {
						break;
					}
					(node, entry) = parent_of(node);
				}
			}
			for (node, entries) in DrawTree::<T>::iter_prefix(program) {
				ensure!(
					expected.remove(&node).is_some_and(|sums| sums[..] == entries[..]),
					"a draw-tree node differs from the stakes it sums"
				);
			}
			ensure!(expected.is_empty(), "a draw-tree node is missing");
		}
		Ok(())
	}
}
