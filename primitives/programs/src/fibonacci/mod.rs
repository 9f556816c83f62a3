//! Fibonacci: F(steps) in the field, two steps per trace row.
//!
//! Row i holds (F(2i + 1), F(2i + 2)); the first row is (1, 1) and the last row's second column
//! is F(steps).

use crate::{felt, Coin, Commitment, Hasher};
use winter_air::proof::Proof;
use winter_verifier::{AcceptableOptions, VerifierError};

mod air;
#[cfg(feature = "prover")]
mod prover;
#[cfg(test)]
mod tests;

pub(crate) use air::TRACE_WIDTH;
use air::{FibonacciAir, PublicInputs};

/// Verify a proof that F(steps) = `result` (the trace length gives `steps`).
pub(crate) fn verify(
	proof: Proof,
	result: u64,
	prover: &crate::ProverId,
	acceptable: &AcceptableOptions,
) -> Result<(), VerifierError> {
	winter_verifier::verify::<FibonacciAir, Hasher, Coin, Commitment>(
		proof,
		crate::binding::Bound::new(PublicInputs { result: felt(result) }, prover),
		acceptable,
	)
}

/// F(steps) in the field, computed directly.
#[cfg(feature = "std")]
pub(crate) fn execute(steps: usize) -> u64 {
	use crate::{canonical, Felt};
	use winter_math::FieldElement;
	let (mut a, mut b) = (Felt::ONE, Felt::ONE);
	for _ in 2..steps {
		(a, b) = (b, a + b);
	}
	canonical(b)
}

/// F(steps) and a proof of it.
#[cfg(feature = "prover")]
pub(crate) fn prove(
	steps: usize,
	prover: &crate::ProverId,
	options: winter_air::ProofOptions,
) -> Result<(u64, Proof), crate::ProveError> {
	use crate::{canonical, prover::ProgramAir};
	let trace = prover::build_trace(steps);
	let PublicInputs { result } = FibonacciAir::public_inputs(&trace);
	Ok((canonical(result), crate::prover::prove::<FibonacciAir>(trace, prover, options)?))
}
