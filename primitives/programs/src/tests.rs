//! Tests shared by every program and security level: valid proofs verify; everything else is
//! rejected with the right error and without a panic.

use crate::*;
use alloc::vec::Vec;

/// The prover every test proof is bound to.
const PROVER: ProverId = [7; 32];

/// Small inputs of every program.
fn inputs(program: Program, steps: u32) -> Inputs {
	match program {
		Program::Fibonacci => Inputs::Fibonacci { steps },
		Program::RescueChain => Inputs::RescueChain { seed: [3, 5], steps },
		Program::MimcVdf => Inputs::MimcVdf { seed: 7, steps },
	}
}

/// Every (program, level) with a valid proof at `MIN_STEPS`.
fn cases() -> Vec<(Inputs, SecurityLevel, Output, Vec<u8>)> {
	let mut cases = Vec::new();
	for program in Program::ALL {
		for level in SecurityLevel::ALL {
			let inputs = inputs(program, MIN_STEPS);
			let (output, proof) =
				prove(&inputs, level, &PROVER).expect("valid inputs are provable");
			cases.push((inputs, level, output, proof));
		}
	}
	cases
}

#[test]
fn valid_proofs_verify_and_outputs_match_direct_execution() {
	for (inputs, level, output, proof) in cases() {
		assert_eq!(
			verify(&inputs, &output, &proof, level, &PROVER),
			Ok(()),
			"{inputs:?} {level:?}"
		);
		assert_eq!(Ok(output), execute(&inputs), "{inputs:?}");
		assert!(proof.len() <= MAX_PROOF_SIZE as usize);
	}
}

#[test]
fn proofs_of_larger_jobs_verify() {
	for program in Program::ALL {
		let inputs = inputs(program, 1 << 10);
		let (output, proof) = prove(&inputs, SecurityLevel::Bits96, &PROVER).unwrap();
		assert_eq!(verify(&inputs, &output, &proof, SecurityLevel::Bits96, &PROVER), Ok(()));
		assert_eq!(Ok(output), execute(&inputs));
	}
}

#[test]
fn proofs_have_the_conjectured_security_of_their_level() {
	for (inputs, level, _, proof) in cases() {
		let (width, length) = inputs.trace_shape();
		let trace = winter_air::TraceInfo::new(width, length);
		let options = proof_options(inputs.program(), level);
		let proof = reader::read_proof(&proof, &trace, &options).unwrap();
		let bits = proof.conjectured_security::<Hasher>().bits();
		assert!(bits >= level.bits(), "{level:?}: {bits} bits");
	}
}

#[test]
fn wrong_inputs_are_rejected() {
	for (inputs, level, output, proof) in cases() {
		// Another seed (Fibonacci has none: another number of steps instead).
		let other = match inputs {
			Inputs::Fibonacci { steps } => Inputs::Fibonacci { steps: steps * 2 },
			Inputs::RescueChain { steps, .. } => Inputs::RescueChain { seed: [3, 6], steps },
			Inputs::MimcVdf { steps, .. } => Inputs::MimcVdf { seed: 8, steps },
		};
		assert!(verify(&other, &output, &proof, level, &PROVER).is_err(), "{other:?}");
		// Another number of steps: the trace has the wrong length.
		let longer = inputs_with_steps(inputs, inputs.steps() * 2);
		assert_eq!(
			verify(&longer, &output, &proof, level, &PROVER),
			Err(VerifyError::WrongTraceShape)
		);
	}
}

fn inputs_with_steps(inputs: Inputs, steps: u32) -> Inputs {
	match inputs {
		Inputs::Fibonacci { .. } => Inputs::Fibonacci { steps },
		Inputs::RescueChain { seed, .. } => Inputs::RescueChain { seed, steps },
		Inputs::MimcVdf { seed, .. } => Inputs::MimcVdf { seed, steps },
	}
}

#[test]
fn wrong_outputs_are_rejected() {
	for (inputs, level, output, proof) in cases() {
		let wrong = match output {
			Output::Fibonacci(x) => Output::Fibonacci(x + 1),
			Output::RescueChain(mut d) => {
				d[3] ^= 1;
				Output::RescueChain(d)
			},
			Output::MimcVdf(x) => Output::MimcVdf(x ^ 1),
		};
		assert_eq!(verify(&inputs, &wrong, &proof, level, &PROVER), Err(VerifyError::InvalidProof));
	}
}

#[test]
fn outputs_must_be_canonical_and_of_the_inputs_program() {
	let (inputs, level, _, proof) = cases().remove(0);
	assert_eq!(
		verify(&inputs, &Output::Fibonacci(FIELD_MODULUS), &proof, level, &PROVER),
		Err(VerifyError::OutputNotInField)
	);
	assert_eq!(
		verify(&inputs, &Output::MimcVdf(1), &proof, level, &PROVER),
		Err(VerifyError::OutputProgramMismatch)
	);
}

#[test]
fn a_proof_of_another_program_is_rejected() {
	let cases = cases();
	for (inputs, level, output, _) in &cases {
		for (other_inputs, other_level, _, other_proof) in &cases {
			if other_inputs.program() == inputs.program() || other_level != level {
				continue;
			}
			assert!(verify(inputs, output, other_proof, *level, &PROVER).is_err());
		}
	}
}

#[test]
fn a_proof_at_another_security_level_is_rejected() {
	for (inputs, level, output, proof) in cases() {
		let other = match level {
			SecurityLevel::Bits96 => SecurityLevel::Bits128,
			SecurityLevel::Bits128 => SecurityLevel::Bits96,
		};
		assert_eq!(
			verify(&inputs, &output, &proof, other, &PROVER),
			Err(VerifyError::UnacceptableProofOptions)
		);
	}
}

#[test]
fn flipped_bytes_anywhere_are_rejected() {
	for (inputs, level, output, proof) in cases() {
		// 97 positions spread over the whole proof, first and last byte included.
		for k in 0..=96 {
			let position = k * (proof.len() - 1) / 96;
			for bit in [0, 7] {
				let mut tampered = proof.clone();
				tampered[position] ^= 1 << bit;
				assert!(
					verify(&inputs, &output, &tampered, level, &PROVER).is_err(),
					"{inputs:?} {level:?}: flipping bit {bit} of byte {position} went unnoticed"
				);
			}
		}
	}
}

#[test]
fn truncated_and_extended_proofs_are_malformed() {
	for (inputs, level, output, proof) in cases() {
		// Too short to hold the trace info, then long enough but cut.
		for length in [0, 1, 4] {
			assert_eq!(
				verify(&inputs, &output, &proof[..length], level, &PROVER),
				Err(VerifyError::WrongTraceShape),
				"truncated to {length}"
			);
		}
		for length in [proof.len() / 2, proof.len() - 1] {
			assert_eq!(
				verify(&inputs, &output, &proof[..length], level, &PROVER),
				Err(VerifyError::MalformedProof),
				"truncated to {length}"
			);
		}
		let mut extended = proof.clone();
		extended.push(0);
		assert_eq!(
			verify(&inputs, &output, &extended, level, &PROVER),
			Err(VerifyError::MalformedProof)
		);
	}
}

#[test]
fn oversize_proofs_are_rejected_before_parsing() {
	let (inputs, level, output, _) = cases().remove(0);
	let oversize = alloc::vec![0u8; MAX_PROOF_SIZE as usize + 1];
	assert_eq!(
		verify(&inputs, &output, &oversize, level, &PROVER),
		Err(VerifyError::ProofTooLarge)
	);
}

#[test]
fn unprovable_inputs_are_rejected() {
	use InputError::*;
	let bad = [
		(Inputs::Fibonacci { steps: 100 }, StepsNotPowerOfTwo),
		(Inputs::Fibonacci { steps: 0 }, StepsNotPowerOfTwo),
		(Inputs::Fibonacci { steps: MIN_STEPS / 2 }, TooFewSteps),
		(Inputs::MimcVdf { seed: 1, steps: MAX_STEPS * 2 }, TooManySteps),
		(Inputs::MimcVdf { seed: FIELD_MODULUS, steps: MIN_STEPS }, SeedNotInField),
		(Inputs::RescueChain { seed: [0, u64::MAX], steps: MIN_STEPS }, SeedNotInField),
	];
	for (inputs, error) in bad {
		assert_eq!(validate(&inputs), Err(error), "{inputs:?}");
		assert_eq!(
			prove(&inputs, SecurityLevel::Bits96, &PROVER),
			Err(ProveError::InvalidInputs(error))
		);
		assert_eq!(
			verify(&inputs, &Output::Fibonacci(0), &[], SecurityLevel::Bits96, &PROVER),
			Err(VerifyError::InvalidInputs(error))
		);
	}
	for steps in [MIN_STEPS, MAX_STEPS] {
		assert_eq!(validate(&Inputs::RescueChain { seed: [0, FIELD_MODULUS - 1], steps }), Ok(()));
	}
}

/// What fuzzing found (then property tests here, now `fuzz/` with `scripts/fuzz.sh`), kept as
/// cases: each once made `verify` panic or abort. Random bytes, and three changes of a valid
/// proof (positions modulo its length, as the fuzzer applied them).
#[test]
fn inputs_that_once_made_verify_panic_are_rejected() {
	let inputs = Inputs::RescueChain { seed: [1, 2], steps: MIN_STEPS };
	let level = SecurityLevel::Bits96;
	let (output, proof) = prove(&inputs, level, &PROVER).unwrap();
	let hex = include_str!("regressions/random-bytes.hex").trim();
	let random: Vec<u8> = (0..hex.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
		.collect();
	assert!(verify(&inputs, &output, &random, level, &PROVER).is_err());
	let at = |i: u64| (i % proof.len() as u64) as usize;
	for position in [at(1694825920992941608), at(3560721360033048073)] {
		let mut flipped = proof.clone();
		flipped[position] ^= 1;
		assert!(verify(&inputs, &output, &flipped, level, &PROVER).is_err());
	}
	let mut overwritten = proof.clone();
	for (k, byte) in [0, 0, 0, 0, 0, 0, 64].into_iter().enumerate() {
		if let Some(slot) = overwritten.get_mut(at(12579779635200096654) + k) {
			*slot = byte;
		}
	}
	assert!(verify(&inputs, &output, &overwritten, level, &PROVER).is_err());
}

/// A proof that claims no unique query positions (the fuzzer's find: one flipped bit of the
/// count made winterfell's query parsing assert), or more than the options draw, is malformed.
#[test]
fn a_count_of_unique_queries_out_of_range_is_malformed() {
	use winter_air::proof::Proof;
	use winter_utils::{Deserializable, Serializable};
	for (inputs, level, output, proof) in cases() {
		for count in [0, 34, 255] {
			let mut parsed = Proof::from_bytes(&proof).unwrap();
			parsed.num_unique_queries = count;
			assert_eq!(
				verify(&inputs, &output, &parsed.to_bytes(), level, &PROVER),
				Err(VerifyError::MalformedProof),
				"{inputs:?} {level:?}: {count} unique queries"
			);
		}
	}
}

/// A proof verifies for the prover it is bound to only: the same proof, inputs and output, for
/// any other prover, is an invalid proof (every program, both levels).
#[test]
fn proofs_are_bound_to_their_prover() {
	let mut other = PROVER;
	other[31] ^= 1;
	for (inputs, level, output, proof) in cases() {
		assert_eq!(verify(&inputs, &output, &proof, level, &PROVER), Ok(()));
		assert_eq!(
			verify(&inputs, &output, &proof, level, &other),
			Err(VerifyError::InvalidProof),
			"{inputs:?} {level:?}"
		);
		assert_eq!(
			verify(&inputs, &output, &proof, level, &[0; 32]),
			Err(VerifyError::InvalidProof)
		);
	}
}
