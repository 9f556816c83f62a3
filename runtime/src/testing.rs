//! Building real blocks of this runtime natively, outside a node: for the runtime's own tests
//! (`try_runtime_tests`) and the fuzzer (`fuzz/`). Native (`std`) builds only.
//!
//! Blocks are built as a node's block builder does: `Executive::initialize_block` with a BABE
//! pre-digest (a VRF signature of the slot's authority), the timestamp inherent, signed
//! transactions, `Executive::finalize_block`.

use crate::{
	Block, BlockNumber, Executive, Hash, Header, Runtime, RuntimeCall, RuntimeEvent, SessionKeys,
	SignedPayload, TxExtension, UncheckedExtrinsic,
};
use alloc::{vec, vec::Vec};
use codec::Encode;
use sp_consensus_babe::{
	digests::{PreDigest, SecondaryVRFPreDigest},
	BABE_ENGINE_ID,
};
use sp_core::{
	crypto::{ByteArray, VrfSecret},
	proof_of_possession::ProofOfPossessionGenerator,
	sr25519,
};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring as Keyring};
use sp_runtime::{
	generic::Era,
	traits::{Block as _, Header as _},
	ApplyExtrinsicResult, Digest, DigestItem,
};

/// The first block's slot (any; the chain's genesis slot becomes it).
pub const FIRST_SLOT: u64 = 300_000_000;

/// The state a node starts a chain with: the default genesis config with the preset's patch
/// over it (what `build-spec --chain dev` / `local` does), built.
pub fn genesis_ext(patch: serde_json::Value) -> sp_io::TestExternalities {
	fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
		match (base, patch) {
			(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}
	let mut config = serde_json::to_value(crate::RuntimeGenesisConfig::default()).expect("json");
	merge(&mut config, patch);
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<crate::RuntimeGenesisConfig>(
			serde_json::to_vec(&config).expect("json"),
		)
		.expect("the genesis builds");
	});
	ext
}

/// `who`'s signed transaction of `call`, as a wallet makes it (immortal, tip 0, no metadata
/// hash), with its next nonce.
pub fn signed(who: Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
	let account = who.to_account_id();
	let extension: TxExtension = (
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(frame_system::Pallet::<Runtime>::account_nonce(&account)),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("implicit data");
	let signature = payload.using_encoded(|bytes| who.sign(bytes));
	UncheckedExtrinsic::new_signed(call, account.into(), signature.into(), extension)
}

/// The BABE pre-digest of `slot`, by the authority BABE's round robin of secondary slots
/// picks, with its VRF signature. The authorities must be well-known keys (`//Alice`, ...).
pub fn babe_digest(slot: u64) -> Digest {
	let authorities = pallet_babe::Authorities::<Runtime>::get();
	let index = (slot % authorities.len() as u64) as u32;
	let public = sr25519::Public::from_slice(authorities[index as usize].0.as_slice())
		.expect("an sr25519 key");
	let author = Keyring::from_public(&public).expect("a well-known validator");
	let sign_data = sp_consensus_babe::make_vrf_sign_data(
		&pallet_babe::Randomness::<Runtime>::get(),
		slot.into(),
		pallet_babe::EpochIndex::<Runtime>::get(),
	);
	let pre_digest = PreDigest::SecondaryVRF(SecondaryVRFPreDigest {
		authority_index: index,
		slot: slot.into(),
		vrf_signature: author.pair().vrf_sign(&sign_data),
	});
	Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre_digest.encode())] }
}

/// `who`'s session keys (its `//Name` BABE and GRANDPA keys) and their proof of possession,
/// as `author_rotateKeysWithOwner` makes them.
pub fn session_keys(who: Keyring, grandpa: Ed25519Keyring) -> (SessionKeys, Vec<u8>) {
	let owner = who.to_account_id().encode();
	let keys = SessionKeys { babe: who.public().into(), grandpa: grandpa.public().into() };
	let proof = (
		who.pair().generate_proof_of_possession(&owner),
		grandpa.pair().generate_proof_of_possession(&owner),
	);
	(keys, proof.encode())
}

/// A chain being built, one block at a time, in the externalities it is used in (from
/// genesis: [`Chain::new`] must be called in the genesis state).
pub struct Chain {
	/// The number of the last block built (0: genesis).
	pub number: BlockNumber,
	/// The hash of the last block built.
	pub parent_hash: Hash,
	/// The blocks built, in order.
	pub blocks: Vec<Block>,
	/// The extrinsics of the open block, if one is open.
	open: Option<Vec<UncheckedExtrinsic>>,
}

impl Chain {
	/// A chain at its genesis block.
	pub fn new() -> Self {
		// The genesis block's hash as the chain records it (transactions sign over it).
		let parent_hash = frame_system::Pallet::<Runtime>::block_hash(0);
		Chain { number: 0, parent_hash, blocks: Vec::new(), open: None }
	}

	/// Opens the next block: `initialize_block` and the timestamp inherent.
	pub fn open(&mut self) {
		assert!(self.open.is_none(), "a block is open");
		let number = self.number + 1;
		let slot = FIRST_SLOT + u64::from(number) - 1;
		let header = Header::new(
			number,
			Default::default(),
			Default::default(),
			self.parent_hash,
			babe_digest(slot),
		);
		Executive::initialize_block(&header);
		let timestamp =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now: slot * crate::time::SLOT_DURATION,
			}));
		Executive::apply_extrinsic(timestamp.clone()).expect("valid").expect("applied");
		self.open = Some(vec![timestamp]);
	}

	/// Applies `who`'s signed transaction of `call` (with its next nonce) to the open block;
	/// it is part of the block if it is valid.
	pub fn apply(&mut self, who: Keyring, call: RuntimeCall) -> ApplyExtrinsicResult {
		let transaction = signed(who, call);
		let result = Executive::apply_extrinsic(transaction.clone());
		if result.is_ok() {
			self.open.as_mut().expect("a block is open").push(transaction);
		}
		result
	}

	/// Closes the open block (`finalize_block`), returning its events.
	pub fn close(&mut self) -> Vec<RuntimeEvent> {
		let extrinsics = self.open.take().expect("a block is open");
		let events = frame_system::Pallet::<Runtime>::read_events_no_consensus()
			.map(|record| record.event)
			.collect();
		let header = Executive::finalize_block();
		self.number = header.number;
		self.parent_hash = header.hash();
		self.blocks.push(Block::new(header, extrinsics));
		events
	}

	/// Builds the next block with `transactions`, each of which must be valid and succeed;
	/// returns its events.
	pub fn block(&mut self, transactions: Vec<(Keyring, RuntimeCall)>) -> Vec<RuntimeEvent> {
		self.open();
		for (who, call) in transactions {
			self.apply(who, call)
				.expect("a valid transaction")
				.expect("dispatched without error");
		}
		self.close()
	}
}

impl Default for Chain {
	fn default() -> Self {
		Self::new()
	}
}
