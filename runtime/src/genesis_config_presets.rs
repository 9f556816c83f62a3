//! Genesis presets: the initial state of the `development` and `local_testnet` chains.
//!
//! The node's chain specs are built from these presets (`sortition-node build-spec --chain dev`
//! prints the result); nothing here is hand-edited JSON.

use crate::{
	currency::UNIT, AccountId, BabeConfig, Balance, BalancesConfig, ProversConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, BABE_GENESIS_EPOCH_CONFIG,
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

/// A development validator: its account and BABE key are sr25519 `//Name`, its GRANDPA key is
/// ed25519 `//Name`: the keys that `--alice`, `--bob`, ... put in the node's keystore.
fn dev_validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AccountId, AccountId, SessionKeys) {
	let account = sr.to_account_id();
	(
		account.clone(),
		account,
		SessionKeys { babe: sr.public().into(), grandpa: ed.public().into() },
	)
}

/// The genesis state shared by both presets.
fn testnet_genesis(
	validators: Vec<(AccountId, AccountId, SessionKeys)>,
	provers: Vec<AccountId>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.into_iter().map(|account| (account, ENDOWMENT)).collect(),
		},
		// BABE and GRANDPA take their genesis authorities from the session keys below.
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig { keys: validators },
		sudo: SudoConfig { key: Some(root) },
		// Registered provers of every program, with no ask (any fee).
		provers: ProversConfig {
			provers: provers
				.into_iter()
				.map(|account| (account, GENESIS_PROVER_STAKE, Program::ALL.to_vec()))
				.collect(),
		},
	})
}

/// `development`: Alice is the only validator, the only prover and the sudo key; the
/// well-known accounts are endowed.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id()],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `local_testnet`: Alice, Bob and Charlie are validators (GRANDPA needs two of three to
/// finalise); Alice and Bob are provers; Alice is the sudo key; the well-known accounts are
/// endowed.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			dev_validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		vec![Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id()],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
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
