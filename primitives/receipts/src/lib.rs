//! # Sortition receipts
//!
//! Is this result in Sortition's finalised history? The function another chain (a pallet, a
//! contract, a light client, any program) embeds to accept a Sortition result trusting only a
//! GRANDPA authority set it already knows: [`verify`] checks a [`PortableReceipt`] against an
//! [`AuthoritySet`] and answers `Ok` or the reason it does not hold ([`ReceiptError`]).
//! `no_std`; builds for `wasm32v1-none`.
//!
//! What it checks, each step with maintained code, none hand-written crypto:
//!
//! 1. **Finality** (`bp-header-chain`'s strict GRANDPA justification check): `header` is
//!    finalised by the trusted set, or by a set reached from it through `set_changes`, each a
//!    header that enacts a scheduled change, finalised by the set before it.
//! 2. **The MMR root** is in `header`'s digest: `DigestItem::Consensus(*b"SRMR", root)`
//!    ([`sortition_api::MMR_ROOT_ENGINE_ID`]).
//! 3. **The leaf** is in that MMR (`pallet-mmr`'s `verify_leaves_proof`, Keccak-256): the leaf
//!    of the block after the receipt's, which carries the receipt block's receipts root.
//! 4. **The receipt** is in that root (`binary-merkle-tree`'s `verify_proof`, Keccak-256, the
//!    leaf being the receipt's SCALE encoding), and the leaf is of the receipt's block.
//!
//! Proof size: the Merkle path has ⌈log2(receipts in the block)⌉ hashes, the MMR proof at most
//! ~2·log2(blocks) hashes, plus one header and one justification (a signature per voter).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use bp_header_chain::{
	justification::{
		verify_justification, GrandpaJustification, JustificationVerificationContext,
		JustificationVerificationError, PrecommitError,
	},
	GrandpaConsensusLogReader,
};
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_mmr_primitives::{DataOrHash, LeafProof};
use sp_runtime::{
	generic::OpaqueDigestItemId,
	traits::{BlakeTwo256, Keccak256},
	AccountId32,
};

pub use bp_header_chain::AuthoritySet;
pub use sortition_api::{self, Receipt, ReceiptsLeaf, MMR_ROOT_ENGINE_ID};

/// Sortition's block number.
pub type BlockNumber = u32;
/// Sortition's header.
pub type Header = sp_runtime::generic::Header<BlockNumber, BlakeTwo256>;
/// A GRANDPA justification of a Sortition header.
pub type Justification = GrandpaJustification<Header>;
/// A Sortition receipt.
pub type SortitionReceipt = Receipt<AccountId32, BlockNumber, H256>;
/// A leaf of Sortition's MMR.
pub type Leaf = ReceiptsLeaf<BlockNumber, H256>;

/// A receipt with everything needed to check it against a trusted authority set.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(Debug))]
pub struct PortableReceipt {
	/// The receipt.
	pub receipt: SortitionReceipt,
	/// Its position among the receipts of its block (0-based, in the order they verified).
	pub receipt_index: u32,
	/// Its path in its block's receipts tree: the sibling hashes from the leaf up.
	pub receipt_path: Vec<H256>,
	/// The MMR leaf that carries the block's receipts root (added by the next block).
	pub leaf: Leaf,
	/// The leaf's proof in the MMR whose root is in `header`.
	pub mmr_proof: LeafProof<H256>,
	/// A finalised header after the receipt's block.
	pub header: Header,
	/// `header`'s GRANDPA justification.
	pub justification: Justification,
	/// From the trusted authority set to the one that signed `justification`: each header
	/// enacts a scheduled change and is justified by the set before it. Empty while the set is
	/// the trusted one.
	pub set_changes: Vec<(Header, Justification)>,
}

/// Why a portable receipt does not hold.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ReceiptError {
	/// The trusted authority set is not a valid voter set (empty, or a zero weight).
	InvalidAuthoritySet,
	/// The justification finalises another header than the one given.
	JustificationOfOtherHeader,
	/// A vote is signed by a key outside the authority set.
	UnknownAuthority,
	/// A vote's signature is not valid (forged, or made for another round or set id).
	InvalidSignature,
	/// The valid votes do not add up to a supermajority of the set's weight.
	NotEnoughWeight,
	/// The justification has duplicate or unrelated votes or ancestry headers.
	MalformedJustification,
	/// A header in `set_changes` does not schedule an authority set change.
	NotASetChange,
	/// A set change in `set_changes` is delayed: only immediate changes are followed.
	DelayedSetChange,
	/// The header has no MMR root in its digest.
	NoMmrRoot,
	/// The MMR proof does not prove the leaf against the header's MMR root.
	LeafNotInMmr,
	/// The leaf is of another block than the receipt.
	LeafOfOtherBlock,
	/// The receipt is not in the leaf's receipts root.
	ReceiptNotInBlock,
}

impl ReceiptError {
	/// The error as a sentence for people.
	pub const fn message(self) -> &'static str {
		match self {
			ReceiptError::InvalidAuthoritySet => {
				"the trusted authority set is not a valid voter set"
			},
			ReceiptError::JustificationOfOtherHeader => {
				"the justification finalises another header than the receipt's"
			},
			ReceiptError::UnknownAuthority => "a vote is signed by a key outside the authority set",
			ReceiptError::InvalidSignature => {
				"a vote's signature is not valid (forged, or for another round or set id)"
			},
			ReceiptError::NotEnoughWeight => {
				"the votes do not add up to a supermajority of the authority set"
			},
			ReceiptError::MalformedJustification => {
				"the justification has duplicate or unrelated votes or headers"
			},
			ReceiptError::NotASetChange => "a set-change header does not change the authority set",
			ReceiptError::DelayedSetChange => "a set change is delayed: it is not followed",
			ReceiptError::NoMmrRoot => "the header carries no MMR root",
			ReceiptError::LeafNotInMmr => {
				"the MMR proof does not prove the leaf in the header's MMR"
			},
			ReceiptError::LeafOfOtherBlock => "the MMR leaf is of another block than the receipt",
			ReceiptError::ReceiptNotInBlock => "the receipt is not among its block's receipts",
		}
	}
}

impl From<JustificationVerificationError> for ReceiptError {
	fn from(error: JustificationVerificationError) -> Self {
		match error {
			JustificationVerificationError::InvalidAuthorityList => Self::InvalidAuthoritySet,
			JustificationVerificationError::InvalidJustificationTarget => {
				Self::JustificationOfOtherHeader
			},
			JustificationVerificationError::TooLowCumulativeWeight => Self::NotEnoughWeight,
			JustificationVerificationError::Precommit(PrecommitError::UnknownAuthorityVote) => {
				Self::UnknownAuthority
			},
			JustificationVerificationError::Precommit(
				PrecommitError::InvalidAuthoritySignature,
			) => Self::InvalidSignature,
			JustificationVerificationError::DuplicateVotesAncestries
			| JustificationVerificationError::RedundantVotesAncestries
			| JustificationVerificationError::Precommit(_) => Self::MalformedJustification,
		}
	}
}

/// What a receipt that holds proves: its result is in the history `header` finalised, and
/// `set` (the last authority set followed) finalised it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Verified {
	/// The finalised header's number.
	pub finalized: BlockNumber,
	/// The authority set that finalised it.
	pub set_id: u64,
}

/// Check `portable` trusting only `trusted`: `Ok` if its receipt is in the history finalised by
/// `trusted` (or a set reached from it through `portable.set_changes`).
pub fn verify(
	trusted: &AuthoritySet,
	portable: &PortableReceipt,
) -> Result<Verified, ReceiptError> {
	let set = follow_set_changes(trusted, &portable.set_changes)?;
	check_finality(&set, &portable.header, &portable.justification)?;
	let root = mmr_root(&portable.header).ok_or(ReceiptError::NoMmrRoot)?;
	pallet_mmr::verify_leaves_proof::<Keccak256, Leaf>(
		root,
		alloc::vec![DataOrHash::Data(portable.leaf.clone())],
		portable.mmr_proof.clone(),
	)
	.map_err(|_| ReceiptError::LeafNotInMmr)?;
	if portable.leaf.block != portable.receipt.block {
		return Err(ReceiptError::LeafOfOtherBlock);
	}
	let in_block = binary_merkle_tree::verify_proof::<Keccak256, _, _>(
		&portable.leaf.receipts_root,
		portable.receipt_path.iter().copied(),
		portable.leaf.receipts,
		portable.receipt_index,
		&portable.receipt.encode(),
	);
	if !in_block {
		return Err(ReceiptError::ReceiptNotInBlock);
	}
	Ok(Verified { finalized: portable.header.number, set_id: set.set_id })
}

/// The MMR root `header` carries in its digest.
pub fn mmr_root(header: &Header) -> Option<H256> {
	header.digest.convert_first(|item| {
		item.try_to::<H256>(OpaqueDigestItemId::Consensus(&MMR_ROOT_ENGINE_ID))
	})
}

/// The authority set after `changes`, each finalised by the set before it.
fn follow_set_changes(
	trusted: &AuthoritySet,
	changes: &[(Header, Justification)],
) -> Result<AuthoritySet, ReceiptError> {
	let mut set = trusted.clone();
	for (header, justification) in changes {
		check_finality(&set, header, justification)?;
		let change =
			GrandpaConsensusLogReader::<BlockNumber>::find_scheduled_change(&header.digest)
				.ok_or(ReceiptError::NotASetChange)?;
		if change.delay != 0 {
			return Err(ReceiptError::DelayedSetChange);
		}
		set = AuthoritySet::new(change.next_authorities, set.set_id.saturating_add(1));
	}
	Ok(set)
}

/// `justification` finalises `header`, by `set`.
fn check_finality(
	set: &AuthoritySet,
	header: &Header,
	justification: &Justification,
) -> Result<(), ReceiptError> {
	let context = JustificationVerificationContext::try_from(set.clone())?;
	verify_justification::<Header>((header.hash(), header.number), &context, justification)?;
	Ok(())
}

#[cfg(any(test, feature = "test-utils"))]
pub mod testing;
#[cfg(test)]
mod tests;
