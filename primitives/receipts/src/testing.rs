//! Portable receipts of a chain made here, for tests (this crate's, a consumer's): real ed25519
//! GRANDPA votes (the development keys), a real MMR (`polkadot-ckb-merkle-mountain-range`, the
//! library `pallet-mmr` is built on, merging as it does) and real receipts trees. Feature
//! `test-utils`.

use crate::*;
use alloc::{vec, vec::Vec};
use finality_grandpa::{Commit, Message, Precommit, SignedPrecommit};
use mmr_lib::{leaf_index_to_pos, util::MemMMR, util::MemStore};
use sortition_api::{Output, Program, SecurityLevel};
use sp_consensus_grandpa::{
	AuthorityId, AuthoritySignature, ConsensusLog, ScheduledChange, GRANDPA_ENGINE_ID,
};
use sp_keyring::Ed25519Keyring::{self, *};
use sp_runtime::{
	traits::{Hash as _, Header as _},
	Digest, DigestItem,
};

/// The block whose receipts the tests prove.
pub const BLOCK: BlockNumber = 5;
/// How many receipts it has.
pub const RECEIPTS: u32 = 3;
/// The finalised header the receipts are proven against.
pub const HEAD: BlockNumber = 10;

/// Merging two MMR nodes as `pallet-mmr` does: Keccak-256 of the two hashes.
pub struct Merge;
impl mmr_lib::Merge for Merge {
	type Item = H256;
	fn merge(left: &H256, right: &H256) -> mmr_lib::Result<H256> {
		Ok(Keccak256::hash(&[left.as_bytes(), right.as_bytes()].concat()))
	}
}

/// The authority set of `keys`, each of weight 1.
pub fn set(keys: &[Ed25519Keyring], set_id: u64) -> AuthoritySet {
	AuthoritySet::new(keys.iter().map(|k| (AuthorityId::from(k.public()), 1)).collect(), set_id)
}

/// `keys` precommit to `header` in round 1 of `set_id`.
pub fn justify(keys: &[Ed25519Keyring], set_id: u64, header: &Header) -> Justification {
	let precommit = Precommit::new(header.hash(), header.number);
	let round = 1;
	let payload = sp_consensus_grandpa::localized_payload(
		round,
		set_id,
		&Message::<H256, BlockNumber>::Precommit(precommit.clone()),
	);
	let precommits = keys
		.iter()
		.map(|k| SignedPrecommit {
			precommit: precommit.clone(),
			signature: AuthoritySignature::from(k.sign(&payload)),
			id: AuthorityId::from(k.public()),
		})
		.collect();
	GrandpaJustification {
		round,
		commit: Commit { target_hash: header.hash(), target_number: header.number, precommits },
		votes_ancestries: Vec::new(),
	}
}

/// A header of block `number` with `logs` in its digest.
pub fn header(number: BlockNumber, logs: Vec<DigestItem>) -> Header {
	Header::new(
		number,
		H256::repeat_byte(1),
		H256::repeat_byte(2),
		H256::repeat_byte(3),
		Digest { logs },
	)
}

/// The digest item that carries an MMR root.
pub fn mmr_root_item(root: H256) -> DigestItem {
	DigestItem::Consensus(MMR_ROOT_ENGINE_ID, root.encode())
}

/// Receipt `index` of `BLOCK`.
pub fn receipt(index: u32) -> SortitionReceipt {
	Receipt {
		job: 100 + u64::from(index),
		program: Program::MimcVdf,
		security: SecurityLevel::Bits128,
		inputs_hash: H256::repeat_byte(7),
		output: Output::MimcVdf(1_000 + u64::from(index)),
		prover: AccountId32::new([index as u8; 32]),
		block: BLOCK,
		extrinsic_index: index + 1,
	}
}

/// The receipts root of `receipts`.
pub fn receipts_root(receipts: &[SortitionReceipt]) -> H256 {
	binary_merkle_tree::merkle_root::<Keccak256, _>(receipts.iter().map(Encode::encode))
}

/// The leaf of each block before `HEAD` (block `b`'s receipts, added by block `b + 1`): only
/// `BLOCK` has receipts.
pub fn leaves() -> Vec<Leaf> {
	leaves_of(HEAD, RECEIPTS)
}

/// The leaves of `blocks` blocks, `BLOCK` with `receipts` receipts, the others with none.
pub fn leaves_of(blocks: BlockNumber, receipts: u32) -> Vec<Leaf> {
	let root = receipts_root(&(0..receipts).map(receipt).collect::<Vec<_>>());
	(0..blocks)
		.map(|block| ReceiptsLeaf {
			block,
			block_hash: H256::from_low_u64_be(block.into()),
			receipts_root: if block == BLOCK { root } else { H256::zero() },
			receipts: if block == BLOCK { receipts } else { 0 },
		})
		.collect()
}

/// The MMR of `leaves`: its root and the proof of leaf `index`.
pub fn mmr(leaves: &[Leaf], index: u64) -> (H256, LeafProof<H256>) {
	let store = MemStore::default();
	let mut mmr = MemMMR::<H256, Merge>::new(0, &store);
	for leaf in leaves {
		mmr.push(Keccak256::hash(&leaf.encode())).unwrap();
	}
	let root = mmr.get_root().unwrap();
	let proof = mmr.gen_proof(vec![leaf_index_to_pos(index)]).unwrap();
	let proof = LeafProof {
		leaf_indices: vec![index],
		leaf_count: leaves.len() as u64,
		items: proof.proof_items().to_vec(),
	};
	(root, proof)
}

/// The portable receipt of receipt `index` of `BLOCK`, finalised by Alice, Bob and Charlie.
pub fn portable(index: u32) -> PortableReceipt {
	portable_of(HEAD, RECEIPTS, index)
}

/// The portable receipt of receipt `index` of `BLOCK` (which has `receipts` receipts) in a chain
/// of `blocks` blocks, finalised at its head by Alice, Bob and Charlie.
pub fn portable_of(blocks: BlockNumber, receipts: u32, index: u32) -> PortableReceipt {
	let leaves = leaves_of(blocks, receipts);
	let (root, mmr_proof) = mmr(&leaves, u64::from(BLOCK));
	let path = binary_merkle_tree::merkle_proof::<Keccak256, _, _>(
		(0..receipts).map(|i| receipt(i).encode()),
		index,
	)
	.proof;
	let head = header(blocks, vec![mmr_root_item(root)]);
	PortableReceipt {
		receipt: receipt(index),
		receipt_index: index,
		receipt_path: path,
		leaf: leaves[BLOCK as usize].clone(),
		mmr_proof,
		justification: justify(&[Alice, Bob, Charlie], 0, &head),
		header: head,
		set_changes: Vec::new(),
	}
}

/// Alice, Bob and Charlie: set 0.
pub fn genesis_set() -> AuthoritySet {
	set(&[Alice, Bob, Charlie], 0)
}

/// A header that enacts, at once, the change to `next`.
pub fn set_change(number: BlockNumber, next: &[Ed25519Keyring], delay: BlockNumber) -> Header {
	let change = ScheduledChange { next_authorities: set(next, 0).authorities, delay };
	let log = ConsensusLog::<BlockNumber>::ScheduledChange(change);
	header(number, vec![DigestItem::Consensus(GRANDPA_ENGINE_ID, log.encode())])
}
