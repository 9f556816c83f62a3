//! The MiMC VDF trace.

use super::{
	air::{MimcAir, PublicInputs, TRACE_WIDTH},
	round,
};
use crate::{prover::ProgramAir, Felt};
use winter_prover::{Trace, TraceTable};

/// The execution trace of `steps` rounds from `seed`: x_1 ..= x_steps, one per row. Inherently
/// sequential (that is the point of a VDF); the proof that follows uses every core.
pub(crate) fn build_trace(seed: Felt, steps: usize) -> TraceTable<Felt> {
	let mut trace = TraceTable::new(TRACE_WIDTH, steps);
	trace.fill(|state| state[0] = round(seed), |_, state| state[0] = round(state[0]));
	trace
}

impl ProgramAir for MimcAir {
	type Inputs = PublicInputs;

	fn public_inputs(trace: &TraceTable<Felt>) -> PublicInputs {
		PublicInputs { first: trace.get(0, 0), result: trace.get(0, trace.length() - 1) }
	}
}
