//! The Fibonacci AIR.

use crate::{binding::Bound, Felt};
use alloc::{vec, vec::Vec};
use winter_air::{
	Air, AirContext, Assertion, EvaluationFrame, ProofOptions, TraceInfo,
	TransitionConstraintDegree,
};
use winter_math::{FieldElement, ToElements};

/// Two columns: F(2i + 1) and F(2i + 2) on row i.
pub(crate) const TRACE_WIDTH: usize = 2;

// PUBLIC INPUTS
// ================================================================================================

/// The claimed F(steps). `steps` itself is the trace length, part of the proof's context.
pub(crate) struct PublicInputs {
	pub result: Felt,
}

impl ToElements<Felt> for PublicInputs {
	fn to_elements(&self) -> Vec<Felt> {
		vec![self.result]
	}
}

// AIR
// ================================================================================================

pub(crate) struct FibonacciAir {
	context: AirContext<Felt>,
	result: Felt,
}

impl Air for FibonacciAir {
	type BaseField = Felt;
	type PublicInputs = Bound<PublicInputs>;

	fn new(trace_info: TraceInfo, pub_inputs: Bound<PublicInputs>, options: ProofOptions) -> Self {
		// The prover is in the Fiat-Shamir seed only; the constraints check the program's own.
		let pub_inputs = pub_inputs.inputs;
		// `verify` has checked the trace's width before building the AIR.
		let degrees = vec![TransitionConstraintDegree::new(1), TransitionConstraintDegree::new(1)];
		Self {
			context: AirContext::new(trace_info, degrees, 3, options),
			result: pub_inputs.result,
		}
	}

	fn context(&self) -> &AirContext<Felt> {
		&self.context
	}

	fn evaluate_transition<E: FieldElement<BaseField = Felt>>(
		&self,
		frame: &EvaluationFrame<E>,
		_periodic_values: &[E],
		result: &mut [E],
	) {
		let (current, next) = (frame.current(), frame.next());
		// next[0] = F(2i + 3) = F(2i + 1) + F(2i + 2)
		result[0] = next[0] - (current[0] + current[1]);
		// next[1] = F(2i + 4) = F(2i + 2) + F(2i + 3)
		result[1] = next[1] - (current[1] + next[0]);
	}

	fn get_assertions(&self) -> Vec<Assertion<Felt>> {
		let last_row = self.trace_length() - 1;
		vec![
			Assertion::single(0, 0, Felt::ONE),
			Assertion::single(1, 0, Felt::ONE),
			Assertion::single(1, last_row, self.result),
		]
	}
}
