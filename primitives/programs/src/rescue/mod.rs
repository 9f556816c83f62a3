//! Rescue hash chain: `steps / 8` sequential Rescue-Prime (RPO-256) hashes.
//!
//! h_0 = (seed_0, seed_1, 0, 0); h_{k+1} = RPO-256(h_k), the hash of the four elements of h_k
//! exactly as `Rp64_256::hash_elements` computes it; the output is the last digest. RPO-256 is
//! winter-crypto's Rescue Prime Optimized instance over the same field (state of 12 elements,
//! 7 rounds, x^7 S-box), the hash of the Miden VM.
//!
//! Each hash takes 8 trace rows: rows 8k ..= 8k + 7 hold the state before each of its 7 rounds
//! and after the last; the step from row 8k + 7 to 8k + 8 loads the digest into a fresh state
//! (the element count 4 in the capacity, the digest in the rate, zeros elsewhere).

use crate::{Coin, Commitment, Felt, Hasher};
use winter_air::proof::Proof;
use winter_math::FieldElement;
use winter_verifier::{AcceptableOptions, VerifierError};

mod air;
#[cfg(feature = "prover")]
mod prover;
#[cfg(test)]
mod tests;

pub(crate) use air::TRACE_WIDTH;
use air::{PublicInputs, RescueAir};

/// Trace rows per hash: 7 rounds and one step to load the next input.
pub(crate) const CYCLE_LENGTH: usize = 8;

/// The state a digest is hashed from: `[4, 0, 0, 0, digest, 0, 0, 0, 0]`.
pub(crate) fn input_state<E: FieldElement>(digest: [E; 4]) -> [E; TRACE_WIDTH] {
	let mut state = [E::ZERO; TRACE_WIDTH];
	state[0] = E::from(4u32);
	state[4..8].copy_from_slice(&digest);
	state
}

/// The digest part of a state.
pub(crate) fn digest<E: FieldElement>(state: &[E]) -> [E; 4] {
	[state[4], state[5], state[6], state[7]]
}

/// The first digest of the chain: the seed padded with two zeros.
fn first_digest(seed: [u64; 2]) -> [Felt; 4] {
	let [a, b] = crate::felts(seed);
	[a, b, Felt::ZERO, Felt::ZERO]
}

/// Verify a proof that hashing the seed `steps / 8` times gives `result`.
pub(crate) fn verify(
	proof: Proof,
	seed: [u64; 2],
	result: [u64; 4],
	prover: &crate::ProverId,
	acceptable: &AcceptableOptions,
) -> Result<(), VerifierError> {
	winter_verifier::verify::<RescueAir, Hasher, Coin, Commitment>(
		proof,
		crate::binding::Bound::new(
			PublicInputs { seed: first_digest(seed), result: crate::felts(result) },
			prover,
		),
		acceptable,
	)
}

/// The last digest of the chain, computed with winter-crypto's own RPO-256.
#[cfg(feature = "std")]
pub(crate) fn execute(seed: [u64; 2], steps: usize) -> [u64; 4] {
	use winter_crypto::{hashers::Rp64_256, ElementHasher};
	let mut digest = first_digest(seed);
	for _ in 0..steps / CYCLE_LENGTH {
		digest = Rp64_256::hash_elements(&digest).as_elements().try_into().unwrap_or(digest);
	}
	digest.map(crate::canonical)
}

/// The last digest and a proof of it.
#[cfg(feature = "prover")]
pub(crate) fn prove(
	seed: [u64; 2],
	steps: usize,
	prover: &crate::ProverId,
	options: winter_air::ProofOptions,
) -> Result<([u64; 4], Proof), crate::ProveError> {
	use crate::prover::ProgramAir;
	let trace = prover::build_trace(first_digest(seed), steps);
	let PublicInputs { result, .. } = RescueAir::public_inputs(&trace);
	Ok((result.map(crate::canonical), crate::prover::prove::<RescueAir>(trace, prover, options)?))
}
