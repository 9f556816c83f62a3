//! A network's keys file: what operators agree on before a launch (validators' session keys,
//! initial provers, balances, the sudo key), one entry per line, from which the node builds the
//! chain spec (`sortition-node build-spec --chain network.keys --raw`). docs/launch.md
//! describes the format; `zombienet/*.keys` are examples.
//!
//! ```text
//! # Comments start with '#'.
//! name       Sortition Staging
//! id         sortition_staging
//! type       live               # live (default) or local: a test network on private addresses
//! session    600                # blocks per session (optional; default 600, an hour)
//! bond       10000              # SORT a validator candidate bonds (optional; default 10000)
//! sudo       5Grw...
//! validator  <account> <BABE sr25519 public key> <GRANDPA ed25519 public key>
//! prover     <account> <stake in SORT>
//! balance    <account> <SORT>
//! bootnode   /ip4/203.0.113.1/tcp/30333/p2p/12D3...
//! ```
//!
//! Accounts and keys are SS58 addresses or `0x` + 64 hex digits. Every error names its line.

use sc_network::config::MultiaddrWithPeerId;
use sortition_runtime::{
	currency::UNIT, genesis_config_presets::NetworkGenesis, AccountId, Balance, SessionKeys,
};
use sp_core::{crypto::Ss58Codec, ed25519, sr25519};
use std::collections::HashMap;

/// What a keys file says.
pub struct Network {
	pub name: String,
	pub id: String,
	/// `Live`, or `Local` for a test network (its nodes find each other at private addresses).
	pub chain_type: sc_service::ChainType,
	pub bootnodes: Vec<MultiaddrWithPeerId>,
	pub genesis: NetworkGenesis,
}

/// The default session length of a launched network: an hour of 6-second blocks.
pub const DEFAULT_SESSION_BLOCKS: u32 = sortition_runtime::time::DEFAULT_SESSION_BLOCKS;
/// The default candidacy bond, in SORT.
pub const DEFAULT_BOND_SORT: u128 = 10_000;

/// Whether `text` looks like a keys file rather than a chain-spec JSON file.
pub fn is_keys_file(text: &str) -> bool {
	!text.trim_start().starts_with('{')
}

/// Parse a keys file. `Err` is `line N: what is wrong` (or a whole-file error).
pub fn parse(text: &str) -> Result<Network, String> {
	let mut name = None;
	let mut id = None;
	let mut chain_type = None;
	let mut session_blocks = None;
	let mut bond = None;
	let mut sudo = None;
	let mut bootnodes = Vec::new();
	let mut validators: Vec<(AccountId, SessionKeys)> = Vec::new();
	let mut provers: Vec<(AccountId, Balance)> = Vec::new();
	let mut balances: Vec<(AccountId, Balance)> = Vec::new();
	// Every key and account seen in a role, with the line that first used it.
	let mut seen: HashMap<(&'static str, [u8; 32]), usize> = HashMap::new();

	for (index, raw) in text.lines().enumerate() {
		let line = index + 1;
		let content = raw.split('#').next().unwrap_or("").trim();
		if content.is_empty() {
			continue;
		}
		let err = |what: String| format!("line {line}: {what}");
		let (keyword, rest) = content.split_once(char::is_whitespace).unwrap_or((content, ""));
		let rest = rest.trim();
		let fields: Vec<&str> = rest.split_whitespace().collect();
		let expect = |n: usize, form: &str| {
			if fields.len() == n {
				Ok(())
			} else {
				Err(err(format!("`{keyword}` takes {n} field(s): {keyword} {form}")))
			}
		};
		// The first use of `key` in `role` (`what`, as written in field `field`).
		let mut once = |role: &'static str, key: [u8; 32], what: &str, field: usize| match seen
			.insert((role, key), line)
		{
			Some(first) => {
				Err(err(format!("duplicate {what} {} (already on line {first})", fields[field])))
			},
			None => Ok(()),
		};
		match keyword {
			"name" | "id" if rest.is_empty() => {
				return Err(err(format!("`{keyword}` needs a value")))
			},
			"name" => set_once(&mut name, rest.to_string(), line, keyword)?,
			"id" => {
				if !rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
					return Err(err(format!("id `{rest}`: use letters, digits, '_' and '-'")));
				}
				set_once(&mut id, rest.to_string(), line, keyword)?
			},
			"type" => {
				expect(1, "live|local")?;
				let kind = match fields[0] {
					"live" => sc_service::ChainType::Live,
					"local" => sc_service::ChainType::Local,
					other => return Err(err(format!("type `{other}`: live or local"))),
				};
				set_once(&mut chain_type, kind, line, keyword)?
			},
			"session" => {
				expect(1, "<blocks>")?;
				let blocks: u32 = fields[0].parse().ok().filter(|b| *b > 0).ok_or_else(|| {
					err(format!("session `{}`: a number of blocks above 0", fields[0]))
				})?;
				set_once(&mut session_blocks, blocks, line, keyword)?
			},
			"bond" => {
				expect(1, "<SORT>")?;
				set_once(&mut bond, sort(fields[0]).map_err(err)?, line, keyword)?
			},
			"sudo" => {
				expect(1, "<account>")?;
				set_once(&mut sudo, account(fields[0]).map_err(err)?, line, keyword)?
			},
			"bootnode" => {
				expect(1, "<multiaddress with /p2p/<peer id>>")?;
				let bootnode = fields[0].parse::<MultiaddrWithPeerId>().map_err(|e| {
					err(format!(
						"bootnode `{}`: {e} (a multiaddress ending in /p2p/<peer id>)",
						fields[0]
					))
				})?;
				bootnodes.push(bootnode)
			},
			"validator" => {
				expect(3, "<account> <BABE sr25519 key> <GRANDPA ed25519 key>")?;
				let who = account(fields[0]).map_err(err)?;
				let babe = key(fields[1], "BABE").map_err(err)?;
				let grandpa = key(fields[2], "GRANDPA").map_err(err)?;
				once("validator", *who.as_ref(), "validator", 0)?;
				once("babe", babe, "BABE key", 1)?;
				once("grandpa", grandpa, "GRANDPA key", 2)?;
				let keys = SessionKeys {
					babe: sr25519::Public::from_raw(babe).into(),
					grandpa: ed25519::Public::from_raw(grandpa).into(),
				};
				validators.push((who, keys))
			},
			"prover" => {
				expect(2, "<account> <stake in SORT>")?;
				let who = account(fields[0]).map_err(err)?;
				once("prover", *who.as_ref(), "prover", 0)?;
				provers.push((who, sort(fields[1]).map_err(err)?))
			},
			"balance" => {
				expect(2, "<account> <SORT>")?;
				let who = account(fields[0]).map_err(err)?;
				once("balance", *who.as_ref(), "balance for", 0)?;
				balances.push((who, sort(fields[1]).map_err(err)?))
			},
			other => {
				return Err(err(format!(
					"unknown entry `{other}` (name, id, type, session, bond, sudo, validator, prover, \
					 balance, bootnode)"
				)))
			},
		}
	}

	if validators.is_empty() {
		return Err("no `validator` line: a network needs at least one validator".into());
	}
	let sudo = sudo.ok_or("no `sudo` line: the network needs a sudo key")?;
	// A prover's stake is held from its balance, which must cover it.
	for (who, stake) in &provers {
		let balance = balances.iter().find(|(b, _)| b == who).map(|(_, b)| *b).unwrap_or(0);
		if balance <= *stake {
			return Err(format!(
				"prover {} stakes {} SORT but its `balance` is {} SORT: give it a balance above its stake",
				who.to_ss58check(),
				stake / UNIT,
				balance / UNIT
			));
		}
	}
	Ok(Network {
		name: name.ok_or("no `name` line")?,
		id: id.ok_or("no `id` line")?,
		chain_type: chain_type.unwrap_or(sc_service::ChainType::Live),
		bootnodes,
		genesis: NetworkGenesis {
			validators,
			provers,
			balances,
			sudo,
			session_blocks: session_blocks.unwrap_or(DEFAULT_SESSION_BLOCKS),
			candidacy_bond: bond.unwrap_or(DEFAULT_BOND_SORT * UNIT),
		},
	})
}

fn set_once<T>(slot: &mut Option<T>, value: T, line: usize, keyword: &str) -> Result<(), String> {
	if slot.is_some() {
		return Err(format!("line {line}: a second `{keyword}` line"));
	}
	*slot = Some(value);
	Ok(())
}

/// 32 bytes from an SS58 address or `0x` + 64 hex digits.
fn bytes32(text: &str) -> Option<[u8; 32]> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = (0..hex.len())
			.step_by(2)
			.map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
			.collect::<Option<Vec<u8>>>()?;
		return bytes.try_into().ok();
	}
	sr25519::Public::from_ss58check(text).ok().map(|p| p.0)
}

fn account(text: &str) -> Result<AccountId, String> {
	bytes32(text)
		.map(AccountId::from)
		.ok_or_else(|| format!("`{text}` is not an account: an SS58 address or 0x + 64 hex digits"))
}

fn key(text: &str, which: &str) -> Result<[u8; 32], String> {
	bytes32(text).ok_or_else(|| {
		format!("`{text}` is not a {which} public key: an SS58 address or 0x + 64 hex digits")
	})
}

/// A whole number of SORT, in plancks.
fn sort(text: &str) -> Result<Balance, String> {
	text.replace('_', "")
		.parse::<u128>()
		.ok()
		.and_then(|n| n.checked_mul(UNIT))
		.ok_or_else(|| format!("`{text}` is not a whole number of SORT"))
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

	fn validator_line(sr: Sr25519Keyring, ed: Ed25519Keyring) -> String {
		format!(
			"validator {} {} 0x{}",
			sr.to_account_id().to_ss58check(),
			sr.public().to_ss58check(),
			sp_core::hexdisplay::HexDisplay::from(&ed.public().0)
		)
	}

	fn error_of(text: &str) -> String {
		match parse(text) {
			Ok(network) => panic!("{text}: accepted as {}", network.id),
			Err(e) => e,
		}
	}

	fn file(extra: &str) -> String {
		let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
		format!(
			"# a test network\nname Test Net\nid test_net\nsession 20\nsudo {alice}\n{}\n\
			 prover {alice} 2000 # Alice proves\nbalance {alice} 5000\n{extra}",
			validator_line(Sr25519Keyring::Alice, Ed25519Keyring::Alice)
		)
	}

	#[test]
	fn a_keys_file_gives_its_network() {
		let Ok(network) = parse(&file(&validator_line(Sr25519Keyring::Bob, Ed25519Keyring::Bob)))
		else {
			panic!("a valid file")
		};
		assert_eq!((network.name.as_str(), network.id.as_str()), ("Test Net", "test_net"));
		assert_eq!(network.chain_type, sc_service::ChainType::Live);
		let g = &network.genesis;
		assert_eq!(g.validators.len(), 2);
		assert_eq!(g.validators[1].0, Sr25519Keyring::Bob.to_account_id());
		assert_eq!(g.validators[1].1.grandpa, Ed25519Keyring::Bob.public().into());
		assert_eq!(g.provers, vec![(Sr25519Keyring::Alice.to_account_id(), 2000 * UNIT)]);
		assert_eq!((g.session_blocks, g.candidacy_bond), (20, DEFAULT_BOND_SORT * UNIT));
		assert!(is_keys_file(&file("")));
		assert!(!is_keys_file("  {\"name\": \"x\"}"));
	}

	#[test]
	fn each_mistake_names_its_line() {
		let cases = [
			("validator 5Grw 0x01 0x02", "line 9: `5Grw` is not an account"),
			(
				&validator_line(Sr25519Keyring::Alice, Ed25519Keyring::Bob),
				"line 9: duplicate validator",
			),
			(
				&validator_line(Sr25519Keyring::Bob, Ed25519Keyring::Alice),
				"line 9: duplicate GRANDPA key",
			),
			("prover 0x1234 10", "line 9: `0x1234` is not an account"),
			("session 0", "line 9: session `0`"),
			("session 10 20", "line 9: `session` takes 1 field(s)"),
			(
				"sudo 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
				"line 9: a second `sudo` line",
			),
			("colour blue", "line 9: unknown entry `colour`"),
			("type public", "line 9: type `public`: live or local"),
			("bootnode 127.0.0.1:30333", "line 9: bootnode `127.0.0.1:30333`"),
			(
				"balance 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty lots",
				"line 9: `lots` is not",
			),
		];
		for (extra, expected) in cases {
			let error = error_of(&file(extra));
			assert!(error.starts_with(expected), "{extra}: {error}");
		}
		// A BABE key used twice by two validators.
		let bob = Sr25519Keyring::Bob.to_account_id().to_ss58check();
		let twice = format!(
			"validator {bob} {} 0x{}",
			Sr25519Keyring::Alice.public().to_ss58check(),
			sp_core::hexdisplay::HexDisplay::from(&Ed25519Keyring::Bob.public().0)
		);
		assert!(error_of(&file(&twice)).starts_with("line 9: duplicate BABE key"));
	}

	#[test]
	fn a_file_missing_what_a_network_needs_says_what() {
		assert_eq!(
			error_of("name x\nid y\n"),
			"no `validator` line: a network needs at least one validator"
		);
		let no_balance = file("").replace("balance", "# balance");
		assert!(error_of(&no_balance).contains("stakes 2000 SORT but its `balance` is 0 SORT"));
	}
}
