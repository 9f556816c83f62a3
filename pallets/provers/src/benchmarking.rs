//! Benchmarks of every call and of the draw (frame-benchmarking v2), each in its worst case.

use super::*;
use crate::{pallet::Pallet as Registry, traits::ProverRegistry};
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sortition_programs::Program;
use sp_runtime::traits::{Bounded, Saturating, Zero};

fn min_stake<T: Config>() -> BalanceOf<T> {
	Params::<T>::get().min_stake
}

/// A funded account (ten thousand minimum stakes).
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = min_stake::<T>().saturating_mul(10_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

fn all_programs() -> Vec<Program> {
	Program::ALL.to_vec()
}

/// A registered prover of every program, with the minimum stake times `factor`.
fn prover<T: Config>(index: u32, factor: u32) -> T::AccountId {
	let who = funded::<T>("prover", index);
	Registry::<T>::do_register(
		who.clone(),
		min_stake::<T>().saturating_mul(factor.into()),
		all_programs(),
		Vec::new(),
	)
	.expect("a funded account registers");
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Registration of a prover of every program (every draw tree is written).
	#[benchmark]
	fn register() {
		let _ = prover::<T>(0, 1);
		let who = funded::<T>("caller", 0);
		let asks: Vec<_> = Program::ALL
			.iter()
			.map(|program| ProgramAsk { program: *program, min_fee: 1u32.into() })
			.collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), min_stake::<T>(), all_programs(), asks);

		assert!(Provers::<T>::contains_key(&who));
	}

	#[benchmark]
	fn bond_more() {
		let who = prover::<T>(0, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), min_stake::<T>());

		assert_eq!(
			Provers::<T>::get(&who).map(|p| p.stake),
			Some(min_stake::<T>().saturating_mul(2u32.into()))
		);
	}

	/// Unbonding that adds a chunk to a list one short of full.
	#[benchmark]
	fn unbond() {
		let who = prover::<T>(0, 1000);
		for block in 1..T::MaxUnbondingChunks::get() {
			frame_system::Pallet::<T>::set_block_number(block.into());
			Registry::<T>::do_unbond(who.clone(), 1u32.into()).expect("free stake unbonds");
		}
		frame_system::Pallet::<T>::set_block_number(T::MaxUnbondingChunks::get().into());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), 1u32.into());

		assert_eq!(Unbonding::<T>::get(&who).len() as u32, T::MaxUnbondingChunks::get());
	}

	/// Withdrawal of a full list of unlocked chunks.
	#[benchmark]
	fn withdraw_unbonded() {
		let who = prover::<T>(0, 1000);
		for block in 0..T::MaxUnbondingChunks::get() {
			frame_system::Pallet::<T>::set_block_number(block.into());
			Registry::<T>::do_unbond(who.clone(), 1u32.into()).expect("free stake unbonds");
		}
		frame_system::Pallet::<T>::set_block_number(BlockNumberOf::<T>::max_value());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Unbonding::<T>::get(&who).is_empty());
	}

	/// From one program to all: the other trees are written.
	#[benchmark]
	fn set_programs() {
		let who = funded::<T>("prover", 0);
		Registry::<T>::do_register(
			who.clone(),
			min_stake::<T>(),
			vec![Program::ALL[0]],
			Vec::new(),
		)
		.expect("a funded account registers");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), all_programs());

		assert_eq!(Provers::<T>::get(&who).map(|p| p.offers.len()), Some(Program::ALL.len()));
	}

	#[benchmark]
	fn set_asks() {
		let who = prover::<T>(0, 1);
		let asks: Vec<_> = Program::ALL
			.iter()
			.map(|program| ProgramAsk { program: *program, min_fee: 7u32.into() })
			.collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), asks);

		assert_eq!(Provers::<T>::get(&who).and_then(|p| p.ask(Program::ALL[0])), Some(7u32.into()));
	}

	/// Deregistration of the first of two provers: the last one moves into its slot.
	#[benchmark]
	fn deregister() {
		let who = prover::<T>(0, 1);
		let _ = prover::<T>(1, 1);
		let count = ProverCount::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Provers::<T>::contains_key(&who));
		assert_eq!(ProverCount::<T>::get(), count - 1);
	}

	#[benchmark]
	fn set_params() {
		let mut params = Params::<T>::get();
		params.suspension_period = params.suspension_period.saturating_add(1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Root, params);

		assert_eq!(Params::<T>::get(), params);
	}

	/// A prover of every program, with a record of failures, back into every tree.
	#[benchmark]
	fn resume() {
		let who = prover::<T>(0, 1);
		for reason in [FailureReason::AcceptTimeout, FailureReason::InvalidProof] {
			<Registry<T> as ProverRegistry<T::AccountId>>::record_failure(&who, reason);
		}
		<Registry<T> as ProverRegistry<T::AccountId>>::suspend(&who, FailureReason::InvalidProof);
		let until = Provers::<T>::get(&who).and_then(|p| p.suspended_until);
		frame_system::Pallet::<T>::set_block_number(until.expect("suspended"));
		assert!(Provers::<T>::get(&who).is_some_and(|p| p.draw_weight().is_zero()));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Provers::<T>::get(&who).is_some_and(|p| p.in_draw() && !p.draw_weight().is_zero()));
	}

	/// A draw among `n` provers that makes `a` picks: the first `a - 1` provers it picks are
	/// ruled out by the caller, the last is taken. `a = MaxDrawAttempts` is the worst case (a
	/// draw that finds nobody makes as many picks, and takes nobody).
	#[benchmark]
	fn draw(n: Linear<10, 10_000>, a: Linear<1, { T::MaxDrawAttempts::get() }>) {
		let program = Program::ALL[0];
		for index in 0..n {
			Registry::<T>::do_register(
				funded::<T>("prover", index),
				min_stake::<T>().saturating_mul((1 + index % 7).into()),
				vec![program],
				vec![ProgramAsk { program, min_fee: 2u32.into() }],
			)
			.expect("a funded account registers");
		}
		let picks = core::cell::Cell::new(0u32);
		let drawn;

		#[block]
		{
			drawn = <Registry<T> as ProverRegistry<T::AccountId>>::draw(
				program,
				2u32.into(),
				min_stake::<T>(),
				&[7u8; 32],
				|_| {
					picks.set(picks.get() + 1);
					picks.get() < a
				},
			);
		}

		assert_eq!(drawn.attempts, a);
		assert!(drawn.prover.is_some());
	}

	impl_benchmark_test_suite!(Registry, crate::mock::new_test_ext(), crate::mock::Test);
}
