//! # Sortition verifier for JavaScript
//!
//! The runtime's STARK verifier (`sortition_programs::verify`, the same code the chain runs in
//! `submit_proof`) compiled to a wasm module that Node.js and browsers load with the standard
//! `WebAssembly` API: no wasm-bindgen, no JavaScript glue beyond a few lines
//! (`scripts/cli/lib/verifier.mjs`), no imports.
//!
//! It checks a **proof file**, the JSON that `sortition_proof` returns and `scripts/sortition
//! proof` writes:
//!
//! ```json
//! { "program": "Fibonacci", "inputs": {"Fibonacci": {"steps": 1024}}, "security": "Bits96",
//!   "output": {"Fibonacci": "1242..."}, "proof": "0x...", "proverId": "0x...",
//!   ...other fields ignored }
//! ```
//!
//! A proof is bound to its prover: `proverId` is the `ProverId` of the prover that made it
//! (for a Sortition account, its 32-byte public key; `pallet_jobs::prover_id`). The same proof
//! with another `proverId` is invalid.
//!
//! and answers JSON: `{"status": "valid"}`, `{"status": "invalid", "reason": "InvalidProof",
//! "message": "..."}` (a well-formed file whose proof does not verify), or `{"status":
//! "malformed", "message": "..."}` (not a proof file).
//!
//! ## The module's interface
//!
//! 1. `sortition_input(len) -> ptr`: room for `len` bytes of input in the module's memory;
//!    write the file's UTF-8 bytes there;
//! 2. `sortition_verify() -> status`: check it (0 valid, 1 invalid, 2 malformed);
//! 3. `sortition_output_ptr()`, `sortition_output_len()`: the answer's UTF-8 JSON.

use serde::{Deserialize, Serialize};
use sortition_programs::{Inputs, Output, Program, SecurityLevel, VerifyError};
use std::sync::Mutex;

/// A proof file: what verification needs (other fields, such as the job, the prover's address or
/// the block, are there for people and ignored here).
#[derive(Debug, Deserialize)]
pub struct ProofFile {
	/// The program, if the file names it: it must be the inputs' program.
	#[serde(default)]
	pub program: Option<Program>,
	/// The job's inputs.
	pub inputs: Inputs,
	/// The security level the proof was made at.
	pub security: SecurityLevel,
	/// The output the proof claims.
	pub output: Output,
	/// The proof's bytes, hex (`0x...`).
	pub proof: String,
	/// The prover the proof is bound to: 32 bytes, hex (`0x...`).
	#[serde(rename = "proverId")]
	pub prover_id: String,
}

/// The answer.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Verdict {
	/// The proof proves that the inputs give the output at the level.
	Valid,
	/// A well-formed file whose proof does not verify.
	Invalid {
		/// Why, as the runtime names it.
		reason: VerifyError,
		/// Why, in a sentence.
		message: &'static str,
	},
	/// Not a proof file.
	Malformed {
		/// What is wrong with it.
		message: String,
	},
}

impl Verdict {
	/// 0 valid, 1 invalid, 2 malformed: also the exit codes of `scripts/sortition verify`.
	pub fn code(&self) -> u32 {
		match self {
			Verdict::Valid => 0,
			Verdict::Invalid { .. } => 1,
			Verdict::Malformed { .. } => 2,
		}
	}
}

/// Check the proof file `json`.
pub fn verify_file(json: &[u8]) -> Verdict {
	let malformed = |message: String| Verdict::Malformed { message };
	let file: ProofFile = match serde_json::from_slice(json) {
		Ok(file) => file,
		Err(e) => return malformed(format!("not a proof file: {e}")),
	};
	if let Some(program) = file.program {
		if program != file.inputs.program() {
			return malformed(format!(
				"the file says program {program:?} but its inputs are {:?}'s",
				file.inputs.program()
			));
		}
	}
	let proof = match decode_hex(&file.proof) {
		Some(proof) => proof,
		None => return malformed("`proof` is not hex bytes (0x...)".into()),
	};
	let prover_id = match decode_hex(&file.prover_id).and_then(|id| <[u8; 32]>::try_from(id).ok()) {
		Some(id) => id,
		None => return malformed("`proverId` is not 32 hex bytes (0x...)".into()),
	};
	match sortition_programs::verify(&file.inputs, &file.output, &proof, file.security, &prover_id)
	{
		Ok(()) => Verdict::Valid,
		Err(reason) => Verdict::Invalid { reason, message: reason.message() },
	}
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
	let digits = text.strip_prefix("0x").unwrap_or(text).as_bytes();
	if digits.len() % 2 != 0 {
		return None;
	}
	let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
	digits
		.chunks(2)
		.map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
		.collect()
}

static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

fn buffer(cell: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
	// A panic cannot poison it in wasm (a panic aborts), but take the data either way.
	cell.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Room for `len` bytes of input: the caller writes the proof file there.
#[allow(unsafe_code)] // `no_mangle`: the export's name
#[no_mangle]
pub extern "C" fn sortition_input(len: usize) -> *mut u8 {
	let mut input = buffer(&INPUT);
	input.clear();
	input.resize(len, 0);
	input.as_mut_ptr()
}

/// Check the input: 0 valid, 1 invalid, 2 malformed; the answer is the output.
#[allow(unsafe_code)] // `no_mangle`: the export's name
#[no_mangle]
pub extern "C" fn sortition_verify() -> u32 {
	let verdict = verify_file(&buffer(&INPUT));
	let json =
		serde_json::to_vec(&verdict).unwrap_or_else(|_| b"{\"status\":\"malformed\"}".to_vec());
	*buffer(&OUTPUT) = json;
	verdict.code()
}

/// Where the answer is.
#[allow(unsafe_code)] // `no_mangle`: the export's name
#[no_mangle]
pub extern "C" fn sortition_output_ptr() -> *const u8 {
	buffer(&OUTPUT).as_ptr()
}

/// How long the answer is.
#[allow(unsafe_code)] // `no_mangle`: the export's name
#[no_mangle]
pub extern "C" fn sortition_output_len() -> usize {
	buffer(&OUTPUT).len()
}

#[cfg(test)]
mod tests {
	use super::*;
	use sortition_programs::Program;

	fn hex(bytes: &[u8]) -> String {
		format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
	}

	fn file(inputs: Inputs, security: SecurityLevel) -> serde_json::Value {
		let (output, proof) = sortition_programs::prove(&inputs, security, &[5; 32]).unwrap();
		serde_json::json!({
			"program": inputs.program(),
			"inputs": inputs,
			"security": security,
			"output": output,
			"proof": hex(&proof),
			"proverId": hex(&[5; 32]),
			"job": 7,
		})
	}

	/// A proof verifies for the prover it is bound to only.
	#[test]
	fn another_prover_id_is_invalid() {
		let mut other = file(Inputs::Fibonacci { steps: 64 }, SecurityLevel::Bits96);
		other["proverId"] = hex(&[6; 32]).into();
		assert_eq!(check(&other).code(), 1);
	}

	fn check(value: &serde_json::Value) -> Verdict {
		verify_file(value.to_string().as_bytes())
	}

	#[test]
	fn a_real_proof_of_every_program_is_valid_and_a_changed_one_is_not() {
		for program in Program::ALL {
			for security in SecurityLevel::ALL {
				let good = file(Inputs::sample(program, 64), security);
				assert_eq!(check(&good), Verdict::Valid, "{program:?} {security:?}");

				// One byte of the proof changed.
				let mut bad = good.clone();
				let mut proof = bad["proof"].as_str().unwrap().to_string();
				let flip = if proof.ends_with('0') { "1" } else { "0" };
				proof.replace_range(proof.len() - 1.., flip);
				bad["proof"] = proof.into();
				assert_eq!(check(&bad).code(), 1);

				// Other inputs.
				let mut bad = good.clone();
				let steps = &mut bad["inputs"][format!("{program:?}")]["steps"];
				*steps = 128.into();
				assert_eq!(check(&bad).code(), 1);
			}
		}
	}

	#[test]
	fn another_output_is_invalid_and_says_why() {
		let mut bad = file(Inputs::Fibonacci { steps: 64 }, SecurityLevel::Bits96);
		bad["output"] = serde_json::json!({"Fibonacci": "1"});
		assert_eq!(
			check(&bad),
			Verdict::Invalid {
				reason: VerifyError::InvalidProof,
				message: VerifyError::InvalidProof.message()
			}
		);
	}

	#[test]
	fn what_is_not_a_proof_file_is_malformed() {
		let good = file(Inputs::Fibonacci { steps: 64 }, SecurityLevel::Bits96);
		let mut cases = vec![serde_json::json!("a string"), serde_json::json!({})];
		let mut no_proof = good.clone();
		no_proof.as_object_mut().unwrap().remove("proof");
		cases.push(no_proof);
		let mut odd_hex = good.clone();
		odd_hex["proof"] = "0xabc".into();
		cases.push(odd_hex);
		let mut not_hex = good.clone();
		not_hex["proof"] = "0xzz".into();
		cases.push(not_hex);
		let mut other_program = good.clone();
		other_program["program"] = "MimcVdf".into();
		cases.push(other_program);
		let mut no_prover = good.clone();
		no_prover.as_object_mut().unwrap().remove("proverId");
		cases.push(no_prover);
		let mut short_prover = good.clone();
		short_prover["proverId"] = "0x0505".into();
		cases.push(short_prover);
		let mut bad_number = good.clone();
		bad_number["output"] = serde_json::json!({"Fibonacci": "12x"});
		cases.push(bad_number);
		for case in cases {
			assert_eq!(check(&case).code(), 2, "{case}");
		}
		assert_eq!(verify_file(b"{not json").code(), 2);
	}

	#[test]
	fn the_exports_pass_the_answer_through_memory() {
		let good = file(Inputs::MimcVdf { seed: 3, steps: 64 }, SecurityLevel::Bits128).to_string();
		let ptr = sortition_input(good.len());
		assert!(!ptr.is_null());
		buffer(&INPUT).copy_from_slice(good.as_bytes());
		assert_eq!(sortition_verify(), 0);
		assert_eq!(sortition_output_len(), buffer(&OUTPUT).len());
		assert_eq!(&*buffer(&OUTPUT), br#"{"status":"valid"}"#);
	}
}
