//! Chain specifications: the built-in `dev` and `local` chains, a chain-spec JSON file, or a
//! network's keys file (`keys_file`).

use crate::keys_file;
use sc_service::ChainType;
use sortition_runtime::{
	currency::{TOKEN_DECIMALS, TOKEN_SYMBOL},
	SS58_PREFIX, WASM_BINARY,
};

/// The network protocol id: nodes of different chains with the same id could try to talk.
const PROTOCOL_ID: &str = "sortition";

/// The chain specification of Sortition chains.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Chain properties that wallets (polkadot.js apps, @polkadot/api) read to show balances and
/// addresses: they come from the runtime's own constants so the two never disagree.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime's wasm binary is not available: this node was built with \
		 SKIP_WASM_BUILD; rebuild without it"
			.to_string()
	})
}

/// `--dev`: a one-node development chain; Alice authors and finalises blocks.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Sortition Development")
		.with_id("sortition_dev")
		.with_chain_type(ChainType::Development)
		.with_protocol_id(PROTOCOL_ID)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: a three-validator test network (Alice, Bob, Charlie).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Sortition Local Testnet")
		.with_id("sortition_local")
		.with_chain_type(ChainType::Local)
		.with_protocol_id(PROTOCOL_ID)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A network launched by its operators, from their keys file (validators' session keys,
/// provers, balances, sudo): `sortition-node build-spec --chain network.keys --raw > spec.json`.
pub fn keys_file_chain_spec(text: &str) -> Result<ChainSpec, String> {
	let network = keys_file::parse(text)?;
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(&network.name)
		.with_id(&network.id)
		.with_chain_type(network.chain_type)
		.with_protocol_id(PROTOCOL_ID)
		.with_boot_nodes(network.bootnodes)
		.with_genesis_config_patch(network.genesis.patch())
		.with_properties(properties())
		.build())
}

/// The chain spec behind a `--chain` argument: `dev`, `local`, or the path of a chain-spec JSON
/// file or of a keys file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		path if std::path::Path::new(path).is_file() => {
			let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
			if keys_file::is_keys_file(&text) {
				Box::new(keys_file_chain_spec(&text).map_err(|e| format!("{path}: {e}"))?)
			} else {
				Box::new(
					ChainSpec::from_json_bytes(text.into_bytes())
						.map_err(|e| format!("{path}: {e}"))?,
				)
			}
		},
		unknown => {
			return Err(format!(
				"unknown chain `{unknown}`: use `dev`, `local`, the path of a chain-spec JSON file \
				 or of a network's keys file (docs/launch.md)"
			))
		},
	})
}
