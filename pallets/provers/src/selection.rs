//! The weighted draw: stake times reliability.
//!
//! Every program has a sum tree of [`ARITY`] = 64 children per node over prover slots
//! ([`DrawTree`]): a bottom node holds the draw weights of 64 consecutive slots (a slot's
//! [`draw_weight`](crate::Prover::draw_weight) if its prover proves the program, zero
//! otherwise), and every node above holds the sums of its 64 children. A node is one storage item (64 balances), so with `MaxProvers` = 16,384 slots the
//! tree has three levels, and:
//!
//! - the total weight of a program is one read (the root's entries, summed);
//! - a weight or program change writes one node per level (three) per program it touches;
//! - finding the prover at a random point of `[0, total)` reads one node per level (three).
//!
//! None of this depends on how many provers are registered: 10 or 10,000 cost the same.
//!
//! Nodes are numbered level by level from the root (node 0): the children of node `k` are
//! `64k + 1 ..= 64k + 64`, so the parent of node `k > 0` is `(k - 1) / 64` and `k` is its entry
//! `(k - 1) % 64`. A node whose entries are all zero is not stored.
//!
//! A prover's weight is its stake times its reliability, and zero while it is suspended, so a
//! suspended prover's stake is out of the tree: a draw among the provers in the draw never
//! lands on it. What depends on the job (the ask, free stake for the collateral, the caller's
//! own exclusions: the job's requester and its failed provers) is checked on the drawn prover;
//! an ineligible pick is retried with fresh randomness up to `MaxDrawAttempts` times. A draw is
//! therefore exact (each eligible prover wins with probability proportional to its weight) and
//! bounded; it can miss only when most of the weight is ruled out by the job itself: with a
//! fraction `q` of the weight ineligible it finds nobody with probability `q^MaxDrawAttempts`,
//! and the caller tries again in a later block. The caller is charged for the attempts made.

use crate::{types::BalanceOf, Config, DrawTree, Pallet, Provers, Slots};
use codec::Encode;
use frame_support::{defensive, traits::Get};
use sortition_programs::Program;
use sp_runtime::traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero};

/// Children per draw-tree node.
pub const ARITY: u32 = 64;

/// One draw-tree node: its children's sums (a bottom node: its slots' weights).
pub type TreeNode<T> = [BalanceOf<T>; ARITY as usize];

/// A draw's outcome: the prover found, if any, and how many picks it took (what it costs).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Drawn<AccountId> {
	/// The eligible prover drawn; `None` if every attempt picked an ineligible one.
	pub prover: Option<AccountId>,
	/// Picks made: 1 ..= `MaxDrawAttempts` (0 if the program has no weight at all).
	pub attempts: u32,
}

/// The tree's shape for `capacity` slots: its number of levels (at least one), and the first
/// node of its bottom level.
pub(crate) fn tree_shape(capacity: u32) -> (u32, u32) {
	let (mut levels, mut width, mut first) = (1u32, ARITY, 0u32);
	while width < capacity {
		first = first.saturating_add(width / ARITY);
		width = width.saturating_mul(ARITY);
		levels = levels.saturating_add(1);
	}
	(levels, first)
}

/// The bottom node and entry of `slot`.
pub(crate) fn leaf_of(capacity: u32, slot: u32) -> (u32, usize) {
	let (_, first) = tree_shape(capacity);
	(first.saturating_add(slot / ARITY), (slot % ARITY) as usize)
}

/// The parent of node `node > 0` and the entry `node` is in it.
pub(crate) fn parent_of(node: u32) -> (u32, usize) {
	let index = node.saturating_sub(1);
	(index / ARITY, (index % ARITY) as usize)
}

impl<T: Config> Pallet<T> {
	fn empty_node() -> TreeNode<T> {
		[Zero::zero(); ARITY as usize]
	}

	/// The total draw weight of the provers of `program`.
	pub fn program_weight(program: Program) -> BalanceOf<T> {
		DrawTree::<T>::get(program, 0)
			.unwrap_or_else(Self::empty_node)
			.iter()
			.fold(Zero::zero(), |sum: BalanceOf<T>, entry| sum.saturating_add(*entry))
	}

	/// Add `amount` to the leaf of `slot` in `program`'s tree.
	pub(crate) fn tree_add(program: Program, slot: u32, amount: BalanceOf<T>) {
		Self::tree_update(program, slot, |entry| entry.saturating_add(amount));
	}

	/// Take `amount` from the leaf of `slot` in `program`'s tree.
	pub(crate) fn tree_sub(program: Program, slot: u32, amount: BalanceOf<T>) {
		Self::tree_update(program, slot, |entry| {
			if entry < amount {
				defensive!("a draw-tree entry is smaller than the weight it contains");
			}
			entry.saturating_sub(amount)
		});
	}

	/// Apply `f` to the entries on the path from `slot`'s leaf to the root: one node per level.
	fn tree_update(program: Program, slot: u32, f: impl Fn(BalanceOf<T>) -> BalanceOf<T>) {
		let (mut node, mut entry) = leaf_of(T::MaxProvers::get(), slot);
		loop {
			DrawTree::<T>::mutate_exists(program, node, |value| {
				let mut entries = value.unwrap_or_else(Self::empty_node);
				entries[entry] = f(entries[entry]);
				*value = entries.iter().any(|sum| !sum.is_zero()).then_some(entries);
			});
			if node == 0 {
				break;
			}
			(node, entry) = parent_of(node);
		}
	}

	/// The slot whose weight interval contains `point` (`0 <= point < program_weight(program)`):
	/// slot `i` owns `[weight of slots < i, weight of slots <= i)`. `None` if `point` is past the
	/// total (never, for a point drawn below it).
	pub(crate) fn tree_find(program: Program, mut point: BalanceOf<T>) -> Option<u32> {
		let (levels, first) = tree_shape(T::MaxProvers::get());
		let mut node = 0u32;
		for level in 1..=levels {
			let entries = DrawTree::<T>::get(program, node)?;
			let mut child = None;
			for (index, sum) in entries.iter().enumerate() {
				if point < *sum {
					child = Some(index as u32);
					break;
				}
				point = point.saturating_sub(*sum);
			}
			let child = child?;
			if level == levels {
				return Some(
					node.saturating_sub(first).saturating_mul(ARITY).saturating_add(child),
				);
			}
			node = node.saturating_mul(ARITY).saturating_add(1).saturating_add(child);
		}
		None
	}

	/// Move the draw weight of the prover in `slot` from `before` to `after`, each a list of
	/// programs and a weight.
	pub(crate) fn reweigh(
		slot: u32,
		before: (&[Program], BalanceOf<T>),
		after: (&[Program], BalanceOf<T>),
	) {
		for program in Program::ALL {
			let weight = |(programs, weight): (&[Program], BalanceOf<T>)| {
				if programs.contains(&program) {
					weight
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

	/// Draw a prover for a job of `program` with `fee` and `collateral`, by draw weight among
	/// the provers that can take it and that `exclude` does not rule out, from `seed`.
	///
	/// At most `MaxDrawAttempts` picks; no prover if none of them was eligible (see the module
	/// docs). Deterministic in `seed` and the state.
	pub fn draw(
		program: Program,
		fee: BalanceOf<T>,
		collateral: BalanceOf<T>,
		seed: &[u8; 32],
		exclude: impl Fn(&T::AccountId) -> bool,
	) -> Drawn<T::AccountId> {
		let mut drawn = Drawn { prover: None, attempts: 0 };
		let total: u128 = Self::program_weight(program).unique_saturated_into();
		if total == 0 {
			return drawn;
		}
		for attempt in 0..T::MaxDrawAttempts::get() {
			drawn.attempts = attempt.saturating_add(1);
			let random = sp_io::hashing::blake2_256(&(seed, attempt).encode());
			let mut bytes = [0u8; 16];
			bytes.copy_from_slice(&random[..16]);
			// A uniform 128-bit number modulo the total: the bias is below total / 2^128.
			let point = BalanceOf::<T>::unique_saturated_from(u128::from_le_bytes(bytes) % total);
			let Some(slot) = Self::tree_find(program, point) else {
				defensive!("a point below the total weight is in the draw tree");
				continue;
			};
			let Some(who) = Slots::<T>::get(slot) else {
				defensive!("the draw tree points at an empty slot");
				continue;
			};
			let Some(prover) = Provers::<T>::get(&who) else {
				defensive!("a slot names an account that is not a prover");
				continue;
			};
			if prover.can_take(program, fee, collateral) && !exclude(&who) {
				drawn.prover = Some(who);
				return drawn;
			}
		}
		drawn
	}
}
