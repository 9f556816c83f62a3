//! Genesis presets: the initial state of the `development` and `local_testnet` chains, and
//! [`NetworkGenesis`], from which the node builds the genesis of a network described by its
//! operators' keys file.
//!
//! The node's chain specs are built from these (`sortition-node build-spec --chain dev` prints
//! the result); nothing here is hand-edited JSON.

use crate::{
	currency::UNIT, time::DEV_SESSION_BLOCKS, AccountId, BabeConfig, Balance, BalancesConfig,
	CollatorSelectionConfig, ProversConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys,
	SessionLengthConfig, SudoConfig, BABE_GENESIS_EPOCH_CONFIG,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sortition_programs::Program;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The stake of each genesis prover: a hundred thousand SORT.
pub const GENESIS_PROVER_STAKE: Balance = 100_000 * UNIT;

/// What every well-known development account (Alice, Bob, ...) starts with: one million SORT.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// What a validator candidate bonds to join the set (`collatorSelection.registerAsCandidate`):
/// ten thousand SORT.
pub const CANDIDACY_BOND: Balance = 10_000 * UNIT;

/// How many candidates (besides the invulnerables) may be validators at once.
pub const DESIRED_CANDIDATES: u32 = 16;

/// The genesis of a network: who validates, proves and holds what. The presets below are
/// built from one, and so is a chain spec from an operators' keys file (`sortition-node
/// build-spec --chain network.keys`, docs/launch.md).
pub struct NetworkGenesis {
	/// The genesis validators (invulnerable until Root removes them): their accounts and
	/// session keys.
	pub validators: Vec<(AccountId, SessionKeys)>,
	/// Registered provers of every program, with no ask: account and stake.
	pub provers: Vec<(AccountId, Balance)>,
	/// The accounts' initial balances (a prover's stake is held from its balance).
	pub balances: Vec<(AccountId, Balance)>,
	/// The sudo key.
	pub sudo: AccountId,
	/// The session length in blocks (0: the runtime's default, an hour).
	pub session_blocks: u32,
	/// What a validator candidate bonds to join.
	pub candidacy_bond: Balance,
}

impl NetworkGenesis {
	/// The genesis config patch (JSON) of this network.
	pub fn patch(self) -> Value {
		let invulnerables: Vec<AccountId> =
			self.validators.iter().map(|(account, _)| account.clone()).collect();
		let keys: Vec<(AccountId, AccountId, SessionKeys)> = self
			.validators
			.into_iter()
			.map(|(account, keys)| (account.clone(), account, keys))
			.collect();
		build_struct_json_patch!(RuntimeGenesisConfig {
			balances: BalancesConfig { balances: self.balances },
			session_length: SessionLengthConfig { blocks: self.session_blocks },
			// BABE and GRANDPA take their genesis authorities from the session keys below.
			babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
			// The genesis validators are invulnerable: only Root removes them.
			collator_selection: CollatorSelectionConfig {
				invulnerables,
				candidacy_bond: self.candidacy_bond,
				desired_candidates: DESIRED_CANDIDATES,
			},
			session: SessionConfig { keys },
			sudo: SudoConfig { key: Some(self.sudo) },
			provers: ProversConfig {
				provers: self
					.provers
					.into_iter()
					.map(|(account, stake)| (account, stake, Program::ALL.to_vec()))
					.collect(),
			},
		})
	}
}

/// A development validator: its account and BABE key are sr25519 `//Name`, its GRANDPA key is
/// ed25519 `//Name`: the keys that `--alice`, `--bob`, ... put in the node's keystore.
fn dev_validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AccountId, SessionKeys) {
	(sr.to_account_id(), SessionKeys { babe: sr.public().into(), grandpa: ed.public().into() })
}

/// The genesis of a development network: the well-known accounts are endowed, Alice is the
/// sudo key, sessions last a minute.
fn dev_genesis(validators: Vec<(AccountId, SessionKeys)>, provers: Vec<AccountId>) -> Value {
	NetworkGenesis {
		validators,
		provers: provers.into_iter().map(|account| (account, GENESIS_PROVER_STAKE)).collect(),
		balances: Sr25519Keyring::well_known().map(|k| (k.to_account_id(), ENDOWMENT)).collect(),
		sudo: Sr25519Keyring::Alice.to_account_id(),
		// A validator who joins takes part within minutes.
		session_blocks: DEV_SESSION_BLOCKS,
		candidacy_bond: CANDIDACY_BOND,
	}
	.patch()
}

/// `development`: Alice is the only validator, the only prover and the sudo key; the
/// well-known accounts are endowed.
pub fn development_config_genesis() -> Value {
	dev_genesis(
		vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id()],
	)
}

/// `local_testnet`: Alice, Bob and Charlie are validators (GRANDPA needs all three to
/// finalise: it tolerates (n - 1) / 3 absent voters, none of three); Alice and Bob are provers;
/// Alice is the
/// sudo key; the well-known accounts are endowed.
pub fn local_config_genesis() -> Value {
	dev_genesis(
		vec![
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			dev_validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		vec![Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id()],
	)
}

/// The genesis patch of a preset, or `None` if the name is unknown.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
