//! MiMC VDF: `steps` rounds of x -> (x - 42)^(1/7) from a seed.
//!
//! Computing a round takes a 64-bit exponentiation (about 90 multiplications), checking it takes
//! one: x_{i+1}^7 + 42 = x_i. So proving is sequential and slow, verifying fast: a verifiable
//! delay function. x -> x^7 is a permutation of the field because 7 does not divide p - 1; the
//! constant 42 moves the computation off the fixed points of x -> x^(1/7) (0 and 1).
//!
//! The trace holds x_1 ..= x_steps; the verifier computes x_1 from the seed itself (one round),
//! so `steps` rows are exactly `steps` rounds.

use crate::{felt, Coin, Commitment, Felt, Hasher};
use winter_air::proof::Proof;
use winter_math::FieldElement;
use winter_verifier::{AcceptableOptions, VerifierError};

mod air;
#[cfg(feature = "prover")]
mod prover;
#[cfg(test)]
mod tests;

pub(crate) use air::TRACE_WIDTH;
use air::{MimcAir, PublicInputs};

/// The round constant.
const ROUND_CONSTANT: Felt = Felt::new(42);
/// 1/7 modulo p - 1: x^(7 * INV_ALPHA) = x for every x.
const INV_ALPHA: u64 = 10_540_996_611_094_048_183;

/// One round of the VDF: the slow direction.
pub(crate) fn round(x: Felt) -> Felt {
	(x - ROUND_CONSTANT).exp(INV_ALPHA)
}

/// Verify a proof that `steps` rounds from `seed` give `result` (the trace length gives `steps`).
pub(crate) fn verify(
	proof: Proof,
	seed: u64,
	result: u64,
	prover: &crate::ProverId,
	acceptable: &AcceptableOptions,
) -> Result<(), VerifierError> {
	winter_verifier::verify::<MimcAir, Hasher, Coin, Commitment>(
		proof,
		crate::binding::Bound::new(
			PublicInputs { first: round(felt(seed)), result: felt(result) },
			prover,
		),
		acceptable,
	)
}

/// The VDF output, computed directly.
#[cfg(feature = "std")]
pub(crate) fn execute(seed: u64, steps: usize) -> u64 {
	crate::canonical((0..steps).fold(felt(seed), |x, _| round(x)))
}

/// The VDF output and a proof of it.
#[cfg(feature = "prover")]
pub(crate) fn prove(
	seed: u64,
	steps: usize,
	prover: &crate::ProverId,
	options: winter_air::ProofOptions,
) -> Result<(u64, Proof), crate::ProveError> {
	use crate::prover::ProgramAir;
	let trace = prover::build_trace(felt(seed), steps);
	let PublicInputs { result, .. } = MimcAir::public_inputs(&trace);
	Ok((crate::canonical(result), crate::prover::prove::<MimcAir>(trace, prover, options)?))
}
