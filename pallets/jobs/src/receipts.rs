//! Receipts leave the chain: each block's verified results go into a binary Merkle tree whose
//! root the next block appends to the Merkle Mountain Range (`pallet-mmr`), whose root goes into
//! every header.
//!
//! - `submit_proof` records a verified job's [`Receipt`] in [`Receipts`] (read by the runtime
//!   API and the `sortition_proof` RPC until the job is pruned) and appends it to
//!   [`BlockReceipts`], the block's receipts in the order they verified. They stay in the
//!   block's final state, where a node reads them to prove one receipt's place in the tree.
//! - At the start of the next block they are *settled*: their Keccak-256 binary Merkle root
//!   goes to [`LastReceiptsRoot`] and [`BlockReceipts`] is emptied. This block's
//!   `on_initialize` does it, and so does [`Pallet::receipts_leaf`] if `pallet-mmr`'s
//!   `on_initialize` runs first: whichever comes first settles, the other finds nothing to do,
//!   so the result does not depend on the order of the pallets.
//! - `pallet-mmr` asks [`Pallet`] (the runtime's `LeafDataProvider`) for the block's leaf: that
//!   root, with the parent's number and hash ([`ReceiptsLeaf`]), and hands the new MMR root to
//!   [`DepositMmrRoot`], which puts it in the header's digest.
//!
//! A receipt's proof of inclusion is thus its path in its block's tree plus the MMR proof of the
//! next block's leaf: O(log n) each.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::Encode;
use core::marker::PhantomData;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{Keccak256, One, Saturating},
	DigestItem,
};

/// The Keccak-256 binary Merkle root of `receipts` (`binary_merkle_tree`, each leaf the SCALE
/// encoding of a receipt); all zeros for none. Consumers compute the same with
/// `binary_merkle_tree::verify_proof`.
pub fn receipts_root<R: Encode>(receipts: &[R]) -> H256 {
	binary_merkle_tree::merkle_root::<Keccak256, _>(receipts.iter().map(|receipt| receipt.encode()))
}

impl<T: Config> Pallet<T> {
	/// Record `receipt` as verified in this block.
	pub(crate) fn record_receipt(receipt: ReceiptOf<T>) -> Result<(), Error<T>> {
		BlockReceipts::<T>::try_append(&receipt).map_err(|_| Error::<T>::TooManyProofsInBlock)?;
		Receipts::<T>::insert(receipt.job, receipt);
		Ok(())
	}

	/// Settle the receipts of an earlier block (in block `now`): their root to
	/// `LastReceiptsRoot`, `BlockReceipts` emptied. Returns how many there were (0: nothing to
	/// do, also when they are this block's).
	pub(crate) fn settle_receipts(now: BlockNumberFor<T>) -> u32 {
		let receipts = BlockReceipts::<T>::get();
		let Some(block) = receipts.first().map(|receipt| receipt.block) else { return 0 };
		if block >= now {
			return 0;
		}
		BlockReceipts::<T>::kill();
		LastReceiptsRoot::<T>::put(ReceiptsRoot {
			block,
			root: receipts_root(&receipts),
			receipts: receipts.len() as u32,
		});
		receipts.len() as u32
	}

	/// The MMR leaf of the block being built: its parent's receipts root.
	pub fn receipts_leaf() -> ReceiptsLeafOf<T> {
		let now = frame_system::Pallet::<T>::block_number();
		Self::settle_receipts(now);
		let parent = now.saturating_sub(One::one());
		let (receipts_root, receipts) = match LastReceiptsRoot::<T>::get() {
			Some(last) if last.block == parent => (last.root, last.receipts),
			_ => (H256::zero(), 0),
		};
		ReceiptsLeaf {
			block: parent,
			block_hash: frame_system::Pallet::<T>::parent_hash(),
			receipts_root,
			receipts,
		}
	}

	/// The receipt of job `id`, if it was verified and is not pruned yet.
	pub fn receipt(id: JobId) -> Option<ReceiptOf<T>> {
		Receipts::<T>::get(id)
	}

	/// The receipts verified in this block so far, in order (in a finished block's state: all
	/// of that block's, the leaves of its receipts tree).
	pub fn block_receipts() -> Vec<ReceiptOf<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let receipts = BlockReceipts::<T>::get();
		// Before this block settled them they are the parent's, not this block's.
		if receipts.first().is_some_and(|receipt| receipt.block != now) {
			return Vec::new();
		}
		receipts.into_inner()
	}

	/// Where job `id`'s receipt is in this block's receipts tree, if it verified in this block.
	pub fn receipt_proof(id: JobId) -> Option<ReceiptProofOf<T>> {
		let receipts = Self::block_receipts();
		let index = receipts.iter().position(|receipt| receipt.job == id)? as u32;
		let proof = binary_merkle_tree::merkle_proof::<Keccak256, _, _>(
			receipts.iter().map(|receipt| receipt.encode()),
			index,
		);
		Some(ReceiptProof {
			receipt: receipts.get(index as usize)?.clone(),
			index,
			receipts: receipts.len() as u32,
			path: proof.proof,
		})
	}
}

impl<T: Config> sp_mmr_primitives::LeafDataProvider for Pallet<T> {
	type LeafData = ReceiptsLeafOf<T>;

	fn leaf_data() -> Self::LeafData {
		Self::receipts_leaf()
	}
}

/// `pallet-mmr`'s `OnNewRoot`: put the MMR root in the header's digest, as
/// `DigestItem::Consensus(MMR_ROOT_ENGINE_ID, root.encode())`.
pub struct DepositMmrRoot<T>(PhantomData<T>);

impl<T: frame_system::Config> sp_mmr_primitives::OnNewRoot<H256> for DepositMmrRoot<T> {
	fn on_new_root(root: &H256) {
		frame_system::Pallet::<T>::deposit_log(DigestItem::Consensus(
			sortition_api::MMR_ROOT_ENGINE_ID,
			root.encode(),
		));
	}
}
