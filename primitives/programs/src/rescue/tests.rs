use super::*;
use alloc::vec::Vec;
use winter_crypto::{hashers::Rp64_256, ElementHasher};

#[test]
fn one_hash_is_rpo_256_of_the_padded_seed() {
	let seed = [7, 11];
	let expected = Rp64_256::hash_elements(&crate::felts([7, 11, 0, 0]));
	let expected: Vec<u64> = expected.as_elements().iter().copied().map(crate::canonical).collect();
	assert_eq!(execute(seed, CYCLE_LENGTH).to_vec(), expected);
}

#[cfg(feature = "prover")]
#[test]
fn the_trace_runs_the_library_permutation() {
	// The trace's rows 8k are the inputs, rows 8k + 7 the outputs of Rp64_256's permutation.
	let first = first_digest([1, 2]);
	let trace = prover::build_trace(first, 4 * CYCLE_LENGTH);
	let mut state = input_state(first);
	for hash in 0..4 {
		Rp64_256::apply_permutation(&mut state);
		let mut row = [Felt::ZERO; TRACE_WIDTH];
		trace.read_row_into(hash * CYCLE_LENGTH + 7, &mut row);
		assert_eq!(row, state);
		state = input_state(digest(&state));
	}
}
