//! Proofs bound to their prover.
//!
//! Every proof's public inputs end with the prover's [`ProverId`] (eight 32-bit limbs, each a
//! field element). winterfell seeds the Fiat-Shamir coin with the public inputs, so every
//! challenge of the proof depends on who it was made for: a proof made for one prover does not
//! verify for any other. The constraints never read it: the binding costs the prover and the
//! verifier nothing but eight more elements in the coin's seed.
//!
//! Why: a proof is public the moment its transaction is in the pool. Without the binding,
//! another prover holding the same job (after a re-route) could copy it and be paid for work it
//! did not do.

use crate::Felt;
use alloc::vec::Vec;
use winter_math::ToElements;

/// The 32 bytes a proof is bound to: in Sortition, the blake2-256 hash of the prover's
/// SCALE-encoded account (`pallet_jobs::prover_id`).
pub type ProverId = [u8; 32];

/// A program's own public inputs and the prover the proof is bound to.
pub(crate) struct Bound<P> {
	/// The program's public inputs (what the constraints check).
	pub inputs: P,
	/// The prover, as field elements: only in the Fiat-Shamir seed.
	pub prover: [Felt; 8],
}

impl<P> Bound<P> {
	pub(crate) fn new(inputs: P, prover: &ProverId) -> Self {
		Self { inputs, prover: prover_elements(prover) }
	}
}

impl<P: ToElements<Felt>> ToElements<Felt> for Bound<P> {
	fn to_elements(&self) -> Vec<Felt> {
		let mut elements = self.inputs.to_elements();
		elements.extend_from_slice(&self.prover);
		elements
	}
}

/// `prover` as eight little-endian 32-bit limbs: each below the field's modulus, so the map is
/// one-to-one.
fn prover_elements(prover: &ProverId) -> [Felt; 8] {
	core::array::from_fn(|i| {
		let limb = [prover[4 * i], prover[4 * i + 1], prover[4 * i + 2], prover[4 * i + 3]];
		crate::felt(u64::from(u32::from_le_bytes(limb)))
	})
}
