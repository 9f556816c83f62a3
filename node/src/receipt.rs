//! `sortition-node verify-receipt FILE`: check a portable receipt (`scripts/sortition receipt`)
//! trusting only a GRANDPA authority set: the chain spec's genesis set, or one given in a file.
//! No node is asked anything.

use std::path::PathBuf;

use codec::{Decode, DecodeAll};
use serde::Deserialize;
use sortition_receipts::{verify, AuthoritySet, PortableReceipt};
use sp_consensus_grandpa::AuthorityId;

/// Check a portable receipt file trusting only an authority set (the chain's genesis set by
/// default). Exit code 0: the receipt is in the finalised history; 1: it is not (the reason is
/// printed); 2: the file is not a portable receipt.
#[derive(Debug, Clone, clap::Parser)]
pub struct VerifyReceiptCmd {
	/// The portable receipt file (`scripts/sortition receipt JOB --out FILE`).
	pub file: PathBuf,

	/// The chain whose genesis GRANDPA authority set is trusted: `dev`, `local` or a chain-spec
	/// JSON file.
	#[arg(long, default_value = "local")]
	pub chain: String,

	/// Trust this authority set instead of the genesis one: a JSON file
	/// `{"setId": 0, "authorities": [["0x<ed25519 public key>", 1], ...]}`.
	#[arg(long, value_name = "FILE")]
	pub authorities: Option<PathBuf>,
}

/// An authority set as people write it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AuthoritiesFile {
	set_id: u64,
	authorities: Vec<(sp_core::Bytes, u64)>,
}

impl VerifyReceiptCmd {
	/// Run the check; exits with 1 or 2 when the receipt does not hold or the input is bad.
	pub fn run(&self, load_spec: impl Fn(&str) -> Result<Box<dyn sc_service::ChainSpec>, String>) {
		let trusted = match self.trusted_set(load_spec) {
			Ok(set) => set,
			Err(e) => fail(2, &format!("cannot read the trusted authority set: {e}")),
		};
		let portable = match read_portable(&self.file) {
			Ok(portable) => portable,
			Err(e) => fail(2, &format!("{} is not a portable receipt: {e}", self.file.display())),
		};
		let receipt = &portable.receipt;
		match verify(&trusted, &portable) {
			Ok(verified) => println!(
				"valid: job {} ({:?}, {:?}) has output {:?}, proven by {} in block #{} (extrinsic \
				 {}); block #{} is finalised by authority set {}",
				receipt.job,
				receipt.program,
				receipt.security,
				receipt.output,
				receipt.prover,
				receipt.block,
				receipt.extrinsic_index,
				verified.finalized,
				verified.set_id,
			),
			Err(error) => {
				println!("invalid: {} ({error:?})", error.message());
				std::process::exit(1);
			},
		}
	}

	fn trusted_set(
		&self,
		load_spec: impl Fn(&str) -> Result<Box<dyn sc_service::ChainSpec>, String>,
	) -> Result<AuthoritySet, String> {
		if let Some(path) = &self.authorities {
			let text =
				std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
			let file: AuthoritiesFile =
				serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
			let authorities = file
				.authorities
				.into_iter()
				.map(|(key, weight)| {
					AuthorityId::decode_all(&mut &key[..]).map(|id| (id, weight)).map_err(|_| {
						let hex = sp_core::hexdisplay::HexDisplay::from(&key.0);
						format!("0x{hex} is not a 32-byte ed25519 public key")
					})
				})
				.collect::<Result<_, _>>()?;
			return Ok(AuthoritySet::new(authorities, file.set_id));
		}
		genesis_set(&*load_spec(&self.chain)?)
	}
}

/// The GRANDPA authority set of `spec`'s genesis state (set 0).
pub fn genesis_set(spec: &dyn sc_service::ChainSpec) -> Result<AuthoritySet, String> {
	let storage = spec.build_storage()?;
	let key =
		[sp_io::hashing::twox_128(b"Grandpa"), sp_io::hashing::twox_128(b"Authorities")].concat();
	let value = storage
		.top
		.get(&key)
		.ok_or("the chain's genesis state has no GRANDPA authorities (Grandpa::Authorities)")?;
	let authorities = Vec::<(AuthorityId, u64)>::decode(&mut &value[..])
		.map_err(|e| format!("the genesis GRANDPA authorities do not decode: {e}"))?;
	Ok(AuthoritySet::new(authorities, 0))
}

/// The portable receipt in a file written by `scripts/sortition receipt`: JSON whose
/// `portable` field is the SCALE-encoded [`PortableReceipt`], hex.
fn read_portable(path: &PathBuf) -> Result<PortableReceipt, String> {
	let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
	let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
	let hex = json
		.get("portable")
		.and_then(|value| value.as_str())
		.ok_or("it has no `portable` field (hex)")?;
	let bytes = sp_core::bytes::from_hex(hex).map_err(|e| format!("`portable` is not hex: {e}"))?;
	PortableReceipt::decode_all(&mut &bytes[..])
		.map_err(|e| format!("`portable` does not decode: {e}"))
}

fn fail(code: i32, message: &str) -> ! {
	eprintln!("error: {message}");
	std::process::exit(code)
}
