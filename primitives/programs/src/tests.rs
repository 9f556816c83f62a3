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

/// Fuzzing `verify` with random and mutated proofs (a property test, so it runs with the other
/// tests; `PROPTEST_CASES` raises the number of cases).
mod fuzz {
	use super::*;
	use proptest::prelude::*;
	use std::sync::OnceLock;

	fn valid() -> &'static (Inputs, Output, Vec<u8>) {
		static VALID: OnceLock<(Inputs, Output, Vec<u8>)> = OnceLock::new();
		VALID.get_or_init(|| {
			let inputs = Inputs::RescueChain { seed: [1, 2], steps: MIN_STEPS };
			let (output, proof) = prove(&inputs, SecurityLevel::Bits96, &PROVER).unwrap();
			(inputs, output, proof)
		})
	}

	#[derive(Debug, Clone)]
	enum Mutation {
		Flip { at: usize, mask: u8 },
		Overwrite { at: usize, bytes: Vec<u8> },
		Insert { at: usize, bytes: Vec<u8> },
		Remove { at: usize, len: usize },
	}

	fn mutation() -> impl Strategy<Value = Mutation> {
		prop_oneof![
			(any::<usize>(), 1u8..).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
			(any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
				.prop_map(|(at, bytes)| Mutation::Overwrite { at, bytes }),
			(any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
				.prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
			(any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Remove { at, len }),
		]
	}

	fn apply(proof: &mut Vec<u8>, mutation: &Mutation) {
		let at = |i: usize, len: usize| i % len.max(1);
		match mutation {
			Mutation::Flip { at: i, mask } => {
				let i = at(*i, proof.len());
				proof[i] ^= mask;
			},
			Mutation::Overwrite { at: i, bytes } => {
				let i = at(*i, proof.len());
				for (k, b) in bytes.iter().enumerate() {
					if let Some(slot) = proof.get_mut(i + k) {
						*slot = *b;
					}
				}
			},
			Mutation::Insert { at: i, bytes } => {
				let i = at(*i, proof.len());
				proof.splice(i..i, bytes.iter().copied());
			},
			Mutation::Remove { at: i, len } => {
				let i = at(*i, proof.len());
				let end = (i + len).min(proof.len());
				proof.drain(i..end);
			},
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(
			std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
		))]

		#[test]
		fn random_bytes_never_verify(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
			let (inputs, output, _) = valid();
			prop_assert!(verify(inputs, output, &bytes, SecurityLevel::Bits96, &PROVER).is_err());
		}

		#[test]
		fn mutated_proofs_never_verify(mutations in proptest::collection::vec(mutation(), 1..4)) {
			let (inputs, output, proof) = valid();
			let mut mutated = proof.clone();
			for m in &mutations {
				apply(&mut mutated, m);
			}
			prop_assume!(&mutated != proof);
			prop_assert!(verify(inputs, output, &mutated, SecurityLevel::Bits96, &PROVER).is_err());
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
