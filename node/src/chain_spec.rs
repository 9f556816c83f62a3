//! Chain specifications: the built-in `dev` and `local` chains, or a chain-spec JSON file.

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

/// The chain spec behind a `--chain` argument: `dev`, `local` or the path of a JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		path if std::path::Path::new(path).is_file() => {
			Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?)
		},
		unknown => {
			return Err(format!(
				"unknown chain `{unknown}`: use `dev`, `local` or the path of a chain-spec JSON file"
			))
		},
	})
}
