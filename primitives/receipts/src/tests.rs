//! Every way a portable receipt holds or fails (see [`crate::testing`] for the chain).

use crate::{testing::*, *};
use sortition_api::Output;
use sp_consensus_grandpa::AuthoritySignature;
use sp_keyring::Ed25519Keyring::*;
use sp_runtime::DigestItem;

#[test]
fn every_receipt_of_the_block_holds_against_the_trusted_set() {
	for index in 0..RECEIPTS {
		assert_eq!(
			verify(&genesis_set(), &portable(index)),
			Ok(Verified { finalized: HEAD, set_id: 0 })
		);
	}
	// It survives encoding: what a file or a call carries.
	let decoded = PortableReceipt::decode(&mut &portable(1).encode()[..]).unwrap();
	assert_eq!(verify(&genesis_set(), &decoded), Ok(Verified { finalized: HEAD, set_id: 0 }));
}

#[test]
fn a_changed_receipt_is_not_in_its_block() {
	let mut changed = portable(0);
	changed.receipt.output = Output::MimcVdf(1);
	assert_eq!(verify(&genesis_set(), &changed), Err(ReceiptError::ReceiptNotInBlock));

	let mut changed = portable(0);
	changed.receipt.prover = AccountId32::new([9; 32]);
	assert_eq!(verify(&genesis_set(), &changed), Err(ReceiptError::ReceiptNotInBlock));

	// The right receipt at the wrong place, or with a path cut short.
	let mut moved = portable(0);
	moved.receipt_index = 1;
	assert_eq!(verify(&genesis_set(), &moved), Err(ReceiptError::ReceiptNotInBlock));
	let mut cut = portable(2);
	cut.receipt_path.pop();
	assert_eq!(verify(&genesis_set(), &cut), Err(ReceiptError::ReceiptNotInBlock));
}

#[test]
fn votes_from_keys_outside_the_set_are_unknown() {
	let mut forged = portable(0);
	forged.justification = justify(&[Dave, Eve, Ferdie], 0, &forged.header);
	assert_eq!(verify(&genesis_set(), &forged), Err(ReceiptError::UnknownAuthority));
}

#[test]
fn a_forged_signature_is_invalid() {
	let mut forged = portable(0);
	let precommit = &mut forged.justification.commit.precommits[1];
	let signature: &[u8] = precommit.signature.as_ref();
	let mut bytes: [u8; 64] = signature.try_into().unwrap();
	bytes[0] ^= 1;
	precommit.signature = AuthoritySignature::from(sp_core::ed25519::Signature::from_raw(bytes));
	assert_eq!(verify(&genesis_set(), &forged), Err(ReceiptError::InvalidSignature));

	// A signature of Alice's, but on Bob's vote.
	let mut swapped = portable(0);
	let alice_signature = swapped.justification.commit.precommits[0].signature.clone();
	swapped.justification.commit.precommits[1].signature = alice_signature;
	assert_eq!(verify(&genesis_set(), &swapped), Err(ReceiptError::InvalidSignature));
}

#[test]
fn too_few_votes_are_not_enough_weight() {
	// Three voters need all three (a supermajority of 3 is 3).
	let mut missing = portable(0);
	missing.justification.commit.precommits.pop();
	assert_eq!(verify(&genesis_set(), &missing), Err(ReceiptError::NotEnoughWeight));

	// The same vote twice does not count twice.
	let mut doubled = portable(0);
	let alice = doubled.justification.commit.precommits[0].clone();
	doubled.justification.commit.precommits[2] = alice;
	assert_ne!(verify(&genesis_set(), &doubled), Ok(Verified { finalized: HEAD, set_id: 0 }));
}

#[test]
fn votes_of_another_set_id_do_not_hold() {
	// Signed as set 1 by the right keys, checked as set 0: and the other way round.
	let mut other_set = portable(0);
	other_set.justification = justify(&[Alice, Bob, Charlie], 1, &other_set.header);
	assert_eq!(verify(&genesis_set(), &other_set), Err(ReceiptError::InvalidSignature));
	assert_eq!(
		verify(&set(&[Alice, Bob, Charlie], 1), &portable(0)),
		Err(ReceiptError::InvalidSignature)
	);
}

#[test]
fn a_justification_of_another_header_does_not_finalise_this_one() {
	let mut other = portable(0);
	other.justification = justify(&[Alice, Bob, Charlie], 0, &header(HEAD + 1, vec![]));
	assert_eq!(verify(&genesis_set(), &other), Err(ReceiptError::JustificationOfOtherHeader));

	// A header that is not the one that was finalised: its digest changed.
	let mut changed = portable(0);
	changed.header.digest.logs.push(DigestItem::Other(vec![1]));
	assert_eq!(verify(&genesis_set(), &changed), Err(ReceiptError::JustificationOfOtherHeader));
}

#[test]
fn a_header_without_an_mmr_root_proves_nothing() {
	let mut bare = portable(0);
	bare.header = header(HEAD, vec![]);
	bare.justification = justify(&[Alice, Bob, Charlie], 0, &bare.header);
	assert_eq!(verify(&genesis_set(), &bare), Err(ReceiptError::NoMmrRoot));
}

#[test]
fn an_mmr_proof_of_another_leaf_or_against_another_root_fails() {
	let leaves = leaves();
	// The proof of leaf 4 with leaf 5.
	let mut other_leaf = portable(0);
	other_leaf.mmr_proof = mmr(&leaves, u64::from(BLOCK) - 1).1;
	assert_eq!(verify(&genesis_set(), &other_leaf), Err(ReceiptError::LeafNotInMmr));

	// A finalised header whose MMR root is another one (another history).
	let mut other_root = portable(0);
	other_root.header = header(HEAD, vec![mmr_root_item(H256::repeat_byte(9))]);
	other_root.justification = justify(&[Alice, Bob, Charlie], 0, &other_root.header);
	assert_eq!(verify(&genesis_set(), &other_root), Err(ReceiptError::LeafNotInMmr));

	// The leaf changed (another receipts root).
	let mut changed = portable(0);
	changed.leaf.receipts_root = H256::repeat_byte(4);
	assert_eq!(verify(&genesis_set(), &changed), Err(ReceiptError::LeafNotInMmr));
}

#[test]
fn a_leaf_of_another_block_does_not_hold_the_receipt() {
	let leaves = leaves();
	let mut other = portable(0);
	other.leaf = leaves[BLOCK as usize - 1].clone();
	other.mmr_proof = mmr(&leaves, u64::from(BLOCK) - 1).1;
	assert_eq!(verify(&genesis_set(), &other), Err(ReceiptError::LeafOfOtherBlock));
}

#[test]
fn set_changes_lead_from_the_trusted_set_to_the_one_that_finalised() {
	// Set 0 (Alice, Bob, Charlie) hands over to set 1 (Dave, Eve, Ferdie) at block 8, and
	// set 1 finalises the head.
	let change = set_change(8, &[Dave, Eve, Ferdie], 0);
	let mut later = portable(0);
	later.justification = justify(&[Dave, Eve, Ferdie], 1, &later.header);
	later.set_changes = vec![(change.clone(), justify(&[Alice, Bob, Charlie], 0, &change))];
	assert_eq!(verify(&genesis_set(), &later), Ok(Verified { finalized: HEAD, set_id: 1 }));

	// Without the change the new set is unknown to whoever trusts set 0.
	let mut skipped = later.clone();
	skipped.set_changes.clear();
	assert_eq!(verify(&genesis_set(), &skipped), Err(ReceiptError::UnknownAuthority));

	// The change must be finalised by the set before it.
	let mut self_appointed = later.clone();
	self_appointed.set_changes[0].1 = justify(&[Dave, Eve, Ferdie], 0, &change);
	assert_eq!(verify(&genesis_set(), &self_appointed), Err(ReceiptError::UnknownAuthority));

	// A header that changes nothing, and a delayed change, are not followed.
	let plain = header(8, vec![]);
	let mut not_a_change = later.clone();
	not_a_change.set_changes = vec![(plain.clone(), justify(&[Alice, Bob, Charlie], 0, &plain))];
	assert_eq!(verify(&genesis_set(), &not_a_change), Err(ReceiptError::NotASetChange));
	let delayed = set_change(8, &[Dave, Eve, Ferdie], 2);
	let mut late = later;
	late.set_changes = vec![(delayed.clone(), justify(&[Alice, Bob, Charlie], 0, &delayed))];
	assert_eq!(verify(&genesis_set(), &late), Err(ReceiptError::DelayedSetChange));
}

#[test]
fn an_empty_trusted_set_trusts_nothing() {
	assert_eq!(
		verify(&AuthoritySet::new(Vec::new(), 0), &portable(0)),
		Err(ReceiptError::InvalidAuthoritySet)
	);
}

/// The size of a whole portable receipt (SCALE bytes, three voters) with 1 and 100 receipts
/// in its block and 1,000 and 1,000,000 blocks in the MMR: it grows with the logarithms. The
/// figures are in `docs/receipts.md`; `cargo test -p sortition-receipts proof_size -- --nocapture`
/// prints them.
#[test]
fn proof_size_grows_with_the_log_of_receipts_and_blocks() {
	let mut sizes = Vec::new();
	for blocks in [1_000, 1_000_000] {
		for receipts in [1, 100] {
			// Receipt 0: the longest path (a last, odd leaf is promoted and has a shorter one).
			let portable = portable_of(blocks, receipts, 0);
			assert_eq!(verify(&genesis_set(), &portable).map(|v| v.finalized), Ok(blocks));
			let (path, mmr) = (portable.receipt_path.len(), portable.mmr_proof.items.len());
			let size = portable.encoded_size();
			println!(
				"{blocks:>9} blocks, {receipts:>3} receipts: Merkle path {path} hashes, MMR proof \
				 {mmr} hashes, portable receipt {size} bytes"
			);
			sizes.push((blocks, receipts, path, mmr, size));
		}
	}
	// The path: ⌈log2 n⌉ hashes at most; the MMR proof: at most ~2 log2(blocks).
	assert!(sizes.iter().all(|s| s.2 == if s.1 == 1 { 0 } else { 7 }));
	assert!(sizes.iter().all(|s| s.3 <= 2 * (s.0 as f64).log2().ceil() as usize));
	// A thousand times the blocks adds a few hundred bytes, not a factor.
	let (small, large) = (sizes[0].4, sizes[2].4);
	assert!(large < small + 1_000, "{small} -> {large} bytes");
}
