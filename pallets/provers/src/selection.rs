//! The stake-weighted draw.
//!
//! Every program has a Fenwick (binary indexed) tree over prover slots, whose leaf `i` is the
//! stake of the prover in slot `i` if it proves that program, and zero otherwise
//! ([`DrawTree`]). The tree has `MaxProvers` leaves (a power of two), so:
//!
//! - the total stake of a program is one storage read (the root, node `MaxProvers`);
//! - a stake or program change writes `log2(MaxProvers)` nodes per program it touches;
//! - finding the prover at a random point of `[0, total)` reads `log2(MaxProvers)` nodes.
//!
//! None of this depends on how many provers are registered: 10 or 10,000 cost the same.
//!
//! The tree weighs by stake and program only. The rest of eligibility (the ask, free stake for
//! the collateral, suspension, the caller's own exclusions) is checked on the drawn prover; an
//! ineligible draw is retried with fresh randomness up to `MaxDrawAttempts` times. A draw is
//! therefore exact (each eligible prover wins with probability proportional to its stake) and
//! bounded, and it can miss when most of the stake is ineligible: with a fraction `q` of the
//! stake ineligible it finds nobody with probability `q^MaxDrawAttempts`, and the caller tries
//! again in a later block.

use crate::{types::BalanceOf, Config, DrawTree, Pallet, Provers, Slots};
use codec::Encode;
use frame_support::{defensive, traits::Get};
use sortition_programs::Program;
use sp_runtime::traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// The total stake of the provers of `program`.
	pub fn program_stake(program: Program) -> BalanceOf<T> {
		DrawTree::<T>::get(program, T::MaxProvers::get())
	}

	/// Add `amount` to the leaf of `slot` in `program`'s tree.
	pub(crate) fn tree_add(program: Program, slot: u32, amount: BalanceOf<T>) {
		Self::tree_update(program, slot, |node| node.saturating_add(amount));
	}

	/// Take `amount` from the leaf of `slot` in `program`'s tree.
	pub(crate) fn tree_sub(program: Program, slot: u32, amount: BalanceOf<T>) {
		Self::tree_update(program, slot, |node| {
			if node < amount {
				defensive!("a draw-tree node is smaller than the stake it contains");
			}
			node.saturating_sub(amount)
		});
	}

	fn tree_update(program: Program, slot: u32, f: impl Fn(BalanceOf<T>) -> BalanceOf<T>) {
		let capacity = T::MaxProvers::get();
		// Fenwick indices are 1-based: leaf `slot` is node `slot + 1`.
		let mut node = slot.saturating_add(1);
		while node <= capacity {
			DrawTree::<T>::mutate_exists(program, node, |value| {
				let new = f(value.unwrap_or_else(Zero::zero));
				*value = (!new.is_zero()).then_some(new);
			});
			let Some(parent) = node.checked_add(node & node.wrapping_neg()) else { break };
			node = parent;
		}
	}

	/// The slot whose stake interval contains `point` (`0 <= point < program_stake(program)`):
	/// slot `i` owns `[stake of slots < i, stake of slots <= i)`.
	pub(crate) fn tree_find(program: Program, mut point: BalanceOf<T>) -> u32 {
		let capacity = T::MaxProvers::get();
		let mut position = 0u32;
		let mut step = capacity / 2;
		while step > 0 {
			let next = position.saturating_add(step);
			if next <= capacity {
				let value = DrawTree::<T>::get(program, next);
				if value <= point {
					position = next;
					point = point.saturating_sub(value);
				}
			}
			step /= 2;
		}
		position
	}

	/// Move the draw weight of the prover in `slot` from (`before`, `stake_before`) to
	/// (`after`, `stake_after`), each a list of programs and a stake.
	pub(crate) fn reweigh(
		slot: u32,
		before: (&[Program], BalanceOf<T>),
		after: (&[Program], BalanceOf<T>),
	) {
		for program in Program::ALL {
			let weight = |(programs, stake): (&[Program], BalanceOf<T>)| {
				if programs.contains(&program) {
					stake
				} else {
					Zero::zero()
				}
			};
			let (old, new) = (weight(before), weight(after));
			if new > old {
				Self::tree_add(program, slot, new.saturating_sub(old));
			} else if old > new {
				Self::tree_sub(program, slot, old.saturating_sub(new));
			}
		}
	}

	/// Draw a prover for a job of `program` with `fee` and `collateral`, stake-weighted among
	/// the provers that can take it and that `exclude` does not rule out, from `seed`.
	///
	/// At most `MaxDrawAttempts` draws; `None` if none of them found an eligible prover (see
	/// the module docs). Deterministic in `seed` and the state.
	pub fn draw(
		program: Program,
		fee: BalanceOf<T>,
		collateral: BalanceOf<T>,
		seed: &[u8; 32],
		exclude: impl Fn(&T::AccountId) -> bool,
	) -> Option<T::AccountId> {
		let total: u128 = Self::program_stake(program).unique_saturated_into();
		if total == 0 {
			return None;
		}
		let now = frame_system::Pallet::<T>::block_number();
		for attempt in 0..T::MaxDrawAttempts::get() {
			let random = sp_io::hashing::blake2_256(&(seed, attempt).encode());
			let mut bytes = [0u8; 16];
			bytes.copy_from_slice(&random[..16]);
			// A uniform 128-bit number modulo the total: the bias is below total / 2^128.
			let point = BalanceOf::<T>::unique_saturated_from(u128::from_le_bytes(bytes) % total);
			let slot = Self::tree_find(program, point);
			let Some(who) = Slots::<T>::get(slot) else {
				defensive!("the draw tree points at an empty slot");
				continue;
			};
			let Some(prover) = Provers::<T>::get(&who) else {
				defensive!("a slot names an account that is not a prover");
				continue;
			};
			if prover.can_take(program, fee, collateral, now) && !exclude(&who) {
				return Some(who);
			}
		}
		None
	}
}
