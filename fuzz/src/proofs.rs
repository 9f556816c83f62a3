//! `proofs`: proof decoding and verification (`sortition_programs::verify`), every program at
//! both levels.

use crate::{check, count, require, Counts};
use codec::{Decode, Encode};
use proptest::{prelude::*, test_runner::TestRunner};
use sortition_programs::{prove, verify, Inputs, Output, Program, SecurityLevel, MIN_STEPS};
use std::sync::{Mutex, OnceLock};

/// The prover the proofs are bound to.
const PROVER: [u8; 32] = [7; 32];

/// A valid proof: its inputs, level and output.
pub struct Valid {
	pub inputs: Inputs,
	pub level: SecurityLevel,
	pub output: Output,
	pub proof: Vec<u8>,
}

/// One valid proof of each program at each level (the smallest jobs: the verifier reads the
/// same structure at every size), made once.
pub fn valid() -> &'static [Valid] {
	static VALID: OnceLock<Vec<Valid>> = OnceLock::new();
	VALID.get_or_init(|| {
		let mut all = Vec::new();
		for program in Program::ALL {
			for level in SecurityLevel::ALL {
				let inputs = Inputs::sample(program, MIN_STEPS);
				let (output, proof) = prove(&inputs, level, &PROVER).expect("valid inputs");
				all.push(Valid { inputs, level, output, proof });
			}
		}
		all
	})
}

/// A change to a byte string.
#[derive(Debug, Clone)]
pub enum Mutation {
	Flip {
		at: usize,
		mask: u8,
	},
	Overwrite {
		at: usize,
		bytes: Vec<u8>,
	},
	Insert {
		at: usize,
		bytes: Vec<u8>,
	},
	Remove {
		at: usize,
		len: usize,
	},
	/// Cut the end off at `at`.
	Truncate {
		at: usize,
	},
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
	prop_oneof![
		4 => (any::<usize>(), 1u8..).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
		2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
			.prop_map(|(at, bytes)| Mutation::Overwrite { at, bytes }),
		2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
			.prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
		2 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Remove { at, len }),
		1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
	]
}

/// `bytes` with `mutations` applied (positions modulo the length).
pub fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
	let mut bytes = bytes.to_vec();
	for mutation in mutations {
		let at = |i: usize, len: usize| i % len.max(1);
		match mutation {
			Mutation::Flip { at: i, mask } => {
				let i = at(*i, bytes.len());
				if let Some(byte) = bytes.get_mut(i) {
					*byte ^= mask;
				}
			},
			Mutation::Overwrite { at: i, bytes: new } => {
				let i = at(*i, bytes.len());
				for (k, b) in new.iter().enumerate() {
					if let Some(slot) = bytes.get_mut(i + k) {
						*slot = *b;
					}
				}
			},
			Mutation::Insert { at: i, bytes: new } => {
				let i = at(*i, bytes.len() + 1);
				bytes.splice(i..i, new.iter().copied());
			},
			Mutation::Remove { at: i, len } => {
				let i = at(*i, bytes.len());
				let end = (i + len).min(bytes.len());
				bytes.drain(i..end);
			},
			Mutation::Truncate { at: i } => {
				let i = at(*i, bytes.len());
				bytes.truncate(i);
			},
		}
	}
	bytes
}

/// What is verified: a valid proof changed, or other bytes.
#[derive(Debug, Clone)]
enum Proof {
	/// The valid proof with these mutations (none: the proof itself).
	Mutated(Vec<Mutation>),
	/// The valid proof's first `keep` bytes (modulo its length), then `tail`: past the
	/// context check, into the parser.
	Spliced { keep: usize, tail: Vec<u8> },
	/// Random bytes.
	Random(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Case {
	/// Which valid proof.
	which: usize,
	proof: Proof,
	/// Verify at the other level.
	other_level: bool,
	/// Mutations of the output's encoding (kept only if it still decodes).
	output: Vec<Mutation>,
}

fn case() -> impl Strategy<Value = Case> {
	let proof = prop_oneof![
		1 => Just(Proof::Mutated(Vec::new())),
		12 => proptest::collection::vec(mutation(), 1..4).prop_map(Proof::Mutated),
		4 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 0..2048))
			.prop_map(|(keep, tail)| Proof::Spliced { keep, tail }),
		2 => proptest::collection::vec(any::<u8>(), 0..4096).prop_map(Proof::Random),
	];
	let output = prop_oneof![
		8 => Just(Vec::new()),
		1 => proptest::collection::vec(mutation(), 1..3),
	];
	(0..6usize, proof, proptest::bool::weighted(0.05), output)
		.prop_map(|(which, proof, other_level, output)| Case { which, proof, other_level, output })
}

pub fn run(runner: &mut TestRunner, counts: &Mutex<Counts>) -> Result<(), String> {
	let valid = valid();
	check(runner, case(), |case| {
		let v = &valid[case.which % valid.len()];
		let bytes = match &case.proof {
			Proof::Mutated(mutations) => mutate(&v.proof, mutations),
			Proof::Spliced { keep, tail } => {
				let mut bytes = v.proof[..keep % v.proof.len()].to_vec();
				bytes.extend_from_slice(tail);
				bytes
			},
			Proof::Random(bytes) => bytes.clone(),
		};
		let output = Output::decode(&mut &mutate(&v.output.encode(), &case.output)[..])
			.unwrap_or_else(|_| v.output.clone());
		let level = match (case.other_level, v.level) {
			(false, level) => level,
			(true, SecurityLevel::Bits96) => SecurityLevel::Bits128,
			(true, SecurityLevel::Bits128) => SecurityLevel::Bits96,
		};
		let result = verify(&v.inputs, &output, &bytes, level, &PROVER);
		let genuine = bytes == v.proof && output == v.output && level == v.level;
		let program = format!("{:?} {:?}", v.inputs.program(), v.level);
		match &result {
			Ok(()) => count(counts, format!("{program}: verified")),
			Err(error) => count(counts, format!("{program}: {error:?}")),
		}
		prop_assert_eq!(
			result.is_ok(),
			genuine,
			"{:?}: {} bytes verify {:?} (genuine: {})",
			v.inputs,
			bytes.len(),
			result,
			genuine
		);
		Ok(())
	})
}

/// Every program at both levels verified its genuine proof and rejected changed ones.
pub fn coverage(counts: &Counts) -> Result<(), String> {
	let mut keys = Vec::new();
	for program in Program::ALL {
		for level in SecurityLevel::ALL {
			keys.push(format!("{program:?} {level:?}: verified"));
			keys.push(format!("{program:?} {level:?}: InvalidProof"));
		}
	}
	require(counts, keys)
}
