//! The proof options of each program and security level: the only ones the verifier accepts.
//!
//! winterfell 0.13's conjectured security is min(field bits, queries x log2(blowup) + grinding
//! bits) - 1, capped by Blake3-256's 128-bit collision resistance. Goldilocks is a 64-bit field,
//! so both levels need an extension field.
//!
//! | level | queries | blowup | grinding | extension | query bits | conjectured |
//! |---|---|---|---|---|---|---|
//! | 96 | 33 | 8 | 0 | quadratic (128 bits) | 99 | 98 bits |
//! | 128 | 33 | 16 | 0 | cubic (192 bits) | 132 | 128 bits |
//!
//! (32 queries would give 95 and 127 bits: one query more buys the missing bit.)
//!
//! Blowup 8 is also the least the Rescue and MiMC programs can use: their constraints have
//! degree 7. FRI folds by 8 down to a remainder of degree < 32; constraints and DEEP queries are
//! batched with one random element each (linear batching).

use crate::{Program, SecurityLevel};
use winter_air::{BatchingMethod, FieldExtension, ProofOptions};

const NUM_QUERIES: usize = 33;
const FRI_FOLDING_FACTOR: usize = 8;
const FRI_REMAINDER_MAX_DEGREE: usize = 31;

/// The proof options of `program` at `security`. The same for every program today; per program
/// so that one program can change its options (with its version) without touching the others.
pub fn proof_options(_program: Program, security: SecurityLevel) -> ProofOptions {
	let (blowup, extension) = match security {
		SecurityLevel::Bits96 => (8, FieldExtension::Quadratic),
		SecurityLevel::Bits128 => (16, FieldExtension::Cubic),
	};
	ProofOptions::new(
		NUM_QUERIES,
		blowup,
		0,
		extension,
		FRI_FOLDING_FACTOR,
		FRI_REMAINDER_MAX_DEGREE,
		BatchingMethod::Linear,
		BatchingMethod::Linear,
	)
}
