//! # Sortition runtime
//!
//! A BABE + GRANDPA solochain runtime. Block production uses BABE, whose VRF output is also the
//! randomness the prover draw is seeded with; finality uses GRANDPA; the validators' keys are
//! managed by `pallet-session`, and who is a validator by `pallet-collator-selection`
//! (invulnerables set by Root, candidates who bond SORT to join).
//!
//! This file only declares the runtime's types, its version and the pallets it is made of. The
//! pallets are configured in [`configs`], the runtime APIs are implemented in [`apis`] and the
//! genesis presets (`development`, `local_testnet`) are in [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod randomness;
pub mod session_length;
#[cfg(feature = "std")]
pub mod testing;
pub mod weights;

extern crate alloc;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

pub mod opaque {
	//! Opaque types: what the node needs to know about the runtime's types without knowing the
	//! runtime itself (the node treats extrinsics as byte blobs).
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a validator registers with `session.setKeys`: BABE to author, GRANDPA to finalise.
	pub struct SessionKeys {
		pub babe: Babe,
		pub grandpa: Grandpa,
	}
}

/// The runtime version. Bump `spec_version` on every runtime upgrade (docs/upgrades.md),
/// `transaction_version` when the encoding of a call or a transaction extension changes.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("sortition"),
	impl_name: Cow::Borrowed("sortition-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// "The next release", built with the `upgrade-test` feature: this runtime with a spec version
/// one higher, which the upgrade tests apply to a running network (never ship it). The runtime
/// version must be written with literals (`runtime_version` puts it in a wasm section), hence
/// the second copy: bump both, and keep the rest the same.
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("sortition"),
	impl_name: Cow::Borrowed("sortition-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Time and block production.
pub mod time {
	use super::BlockNumber;

	/// The target block time, in milliseconds. BABE slots have the same length; with
	/// `PrimaryAndSecondaryVRFSlots` every slot gets a block, so blocks come every 6 s.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// The length of a BABE slot, in milliseconds. Changing it after genesis breaks the chain.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

	/// One minute, in blocks.
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	/// One hour, in blocks.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// One day, in blocks.
	pub const DAYS: BlockNumber = HOURS * 24;

	/// The length of a session (and of a BABE epoch) on a chain whose genesis does not set one
	/// (`session_length`): an hour. The development and local chains set a minute.
	pub const DEFAULT_SESSION_BLOCKS: BlockNumber = HOURS;
	/// The session length of the development and local chains: a minute.
	pub const DEV_SESSION_BLOCKS: BlockNumber = MINUTES;

	/// The probability that a slot has a primary (VRF-won) author: 1/4. The remaining slots get
	/// a secondary author chosen round-robin with a VRF, so each slot still has a block and a VRF
	/// output for the randomness pool.
	pub const PRIMARY_PROBABILITY: (u64, u64) = (1, 4);
}

/// The BABE epoch configuration at genesis.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: time::PRIMARY_PROBABILITY,
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// Token units. `SORT` has 12 decimals: 1 SORT = `UNIT` plancks.
pub mod currency {
	use super::Balance;

	/// The token symbol, as shown by wallets.
	pub const TOKEN_SYMBOL: &str = "SORT";
	/// The number of decimals of the token.
	pub const TOKEN_DECIMALS: u8 = 12;

	/// One SORT.
	pub const UNIT: Balance = 1_000_000_000_000;
	/// A thousandth of a SORT.
	pub const MILLI_UNIT: Balance = 1_000_000_000;
	/// A millionth of a SORT.
	pub const MICRO_UNIT: Balance = 1_000_000;

	/// The minimum balance an account must keep to exist.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
}

/// The SS58 address format of this chain (42, the generic Substrate prefix). The node's chain
/// properties report the same number so wallets show addresses the way the runtime encodes them.
pub const SS58_PREFIX: u16 = 42;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain. We intentionally make it equivalent
/// to the public key of our transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account.
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// An index to a block.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A Block signed with a Justification
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The `TransactionExtension`s of a transaction, in the order they are checked.
pub type TxExtension = (
	// First: a general transaction of a `#[pallet::authorize]` call (a prover node's
	// `accept_job_authorized` / `submit_proof_authorized`) gets its origin here; the rest skip
	// what needs a signer (nonce, fee).
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The storage migrations of this release, run once after the upgrade that brings them (each
/// checks the pallet's on-chain storage version, so a chain created by this release skips them).
type Migrations = (pallet_jobs::migrations::v1::MigrateV0ToV1<Runtime>,);

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// The pallets of the runtime. Their hooks run and their genesis is built in the order of their
// indices: BABE before Timestamp and Session, so that its epoch state is initialised before
// either reads it; the session length before BABE's first epoch; authorship and the collator
// selection before the session, whose genesis asks the collator selection for the first
// validator set (and the collator selection learns from authorship who authored each block).
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(3)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(4)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(5)]
	pub type SessionLength = crate::session_length;

	#[runtime::pallet_index(6)]
	pub type Authorship = pallet_authorship;

	#[runtime::pallet_index(7)]
	pub type CollatorSelection = pallet_collator_selection;

	#[runtime::pallet_index(8)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(9)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(10)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(11)]
	pub type Provers = pallet_provers;

	#[runtime::pallet_index(12)]
	pub type Jobs = pallet_jobs;

	#[runtime::pallet_index(13)]
	pub type Mmr = pallet_mmr;
}

#[cfg(all(test, feature = "try-runtime"))]
mod try_runtime_tests;

#[cfg(test)]
mod tests {
	use super::Runtime;
	use core::any::TypeId;

	/// A chain created by this runtime starts at the current storage version of every pallet
	/// of ours, so the migrations of `Migrations` never run on it; and the development genesis
	/// has its validators as invulnerables and a session of a minute.
	#[test]
	fn a_new_chain_starts_at_the_current_storage_versions() {
		use frame_support::traits::GetStorageVersion;
		crate::testing::genesis_ext(crate::genesis_config_presets::development_config_genesis())
			.execute_with(|| {
				assert_eq!(
					crate::Jobs::on_chain_storage_version(),
					crate::Jobs::in_code_storage_version()
				);
				assert_eq!(crate::Jobs::on_chain_storage_version(), 1);
				assert_eq!(
					crate::Provers::on_chain_storage_version(),
					crate::Provers::in_code_storage_version()
				);
				assert_eq!(
					crate::SessionLength::on_chain_storage_version(),
					crate::SessionLength::in_code_storage_version()
				);
				let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
				assert_eq!(
					pallet_collator_selection::Invulnerables::<Runtime>::get().to_vec(),
					vec![alice.clone()]
				);
				assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice]);
				assert_eq!(
					crate::session_length::Pallet::<Runtime>::blocks(),
					crate::time::MINUTES
				);
				assert_eq!(pallet_grandpa::Authorities::<Runtime>::get().len(), 1);
			});
	}

	/// Every Sortition pallet weighs its calls with the weights generated from its benchmarks,
	/// not with the `()` implementation the unit tests use.
	#[test]
	fn pallets_use_the_generated_weights() {
		assert_eq!(
			TypeId::of::<<Runtime as pallet_provers::Config>::WeightInfo>(),
			TypeId::of::<pallet_provers::weights::SubstrateWeight<Runtime>>()
		);
		assert_eq!(
			TypeId::of::<<Runtime as pallet_jobs::Config>::WeightInfo>(),
			TypeId::of::<pallet_jobs::weights::SubstrateWeight<Runtime>>()
		);
		// The receipts MMR too: measured on this runtime, whose jobs pallet builds its leaf.
		assert_eq!(
			TypeId::of::<<Runtime as pallet_mmr::Config>::WeightInfo>(),
			TypeId::of::<crate::weights::pallet_mmr::WeightInfo<Runtime>>()
		);
	}
}
