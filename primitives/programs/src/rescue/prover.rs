//! The Rescue hash chain trace.

use super::{
	air::{PublicInputs, RescueAir, TRACE_WIDTH},
	digest, input_state, CYCLE_LENGTH,
};
use crate::{prover::ProgramAir, Felt};
use winter_crypto::hashers::Rp64_256;
use winter_prover::{Trace, TraceTable};

/// The execution trace of `steps / 8` hashes from `first`: the RPO-256 state row by row.
pub(crate) fn build_trace(first: [Felt; 4], steps: usize) -> TraceTable<Felt> {
	let mut trace = TraceTable::new(TRACE_WIDTH, steps);
	trace.fill(
		|state| state.copy_from_slice(&input_state(first)),
		|row, state| {
			let state: &mut [Felt; TRACE_WIDTH] =
				state.try_into().expect("the trace is TRACE_WIDTH wide; qed");
			match row % CYCLE_LENGTH {
				// The permutation is done: hash its digest next.
				7 => *state = input_state(digest(state)),
				round => Rp64_256::apply_round(state, round),
			}
		},
	);
	trace
}

impl ProgramAir for RescueAir {
	type Inputs = PublicInputs;

	fn public_inputs(trace: &TraceTable<Felt>) -> PublicInputs {
		let row = |index: usize| {
			let mut state = [Felt::default(); TRACE_WIDTH];
			trace.read_row_into(index, &mut state);
			state
		};
		PublicInputs { seed: digest(&row(0)), result: digest(&row(trace.length() - 1)) }
	}
}
