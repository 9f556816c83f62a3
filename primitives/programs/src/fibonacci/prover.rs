//! The Fibonacci trace.

use super::air::{FibonacciAir, PublicInputs, TRACE_WIDTH};
use crate::{prover::ProgramAir, Felt};
use winter_math::FieldElement;
use winter_prover::{Trace, TraceTable};

/// The execution trace of F(steps): `steps / 2` rows of two consecutive Fibonacci numbers.
pub(crate) fn build_trace(steps: usize) -> TraceTable<Felt> {
	let mut trace = TraceTable::new(TRACE_WIDTH, steps / 2);
	trace.fill(
		|state| {
			state[0] = Felt::ONE;
			state[1] = Felt::ONE;
		},
		|_, state| {
			state[0] += state[1];
			state[1] += state[0];
		},
	);
	trace
}

impl ProgramAir for FibonacciAir {
	type Inputs = PublicInputs;

	fn public_inputs(trace: &TraceTable<Felt>) -> PublicInputs {
		PublicInputs { result: trace.get(1, trace.length() - 1) }
	}
}
