//! The MiMC VDF AIR.

use super::ROUND_CONSTANT;
use crate::{binding::Bound, Felt};
use alloc::{vec, vec::Vec};
use winter_air::{
	Air, AirContext, Assertion, EvaluationFrame, ProofOptions, TraceInfo,
	TransitionConstraintDegree,
};
use winter_math::{FieldElement, ToElements};

/// One column: x_i on row i - 1.
pub(crate) const TRACE_WIDTH: usize = 1;

// PUBLIC INPUTS
// ================================================================================================

/// x_1 (one round from the seed, computed by the verifier) and the claimed x_steps.
pub(crate) struct PublicInputs {
	pub first: Felt,
	pub result: Felt,
}

impl ToElements<Felt> for PublicInputs {
	fn to_elements(&self) -> Vec<Felt> {
		vec![self.first, self.result]
	}
}

// AIR
// ================================================================================================

pub(crate) struct MimcAir {
	context: AirContext<Felt>,
	first: Felt,
	result: Felt,
}

impl Air for MimcAir {
	type BaseField = Felt;
	type PublicInputs = Bound<PublicInputs>;

	fn new(trace_info: TraceInfo, pub_inputs: Bound<PublicInputs>, options: ProofOptions) -> Self {
		// The prover is in the Fiat-Shamir seed only; the constraints check the program's own.
		let pub_inputs = pub_inputs.inputs;
		// `verify` has checked the trace's width before building the AIR.
		let degrees = vec![TransitionConstraintDegree::new(7)];
		Self {
			context: AirContext::new(trace_info, degrees, 2, options),
			first: pub_inputs.first,
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
		// x_{i+1} = (x_i - c)^(1/7)  <=>  x_{i+1}^7 + c = x_i
		let (current, next) = (frame.current()[0], frame.next()[0]);
		result[0] = next.exp(7u32.into()) + E::from(ROUND_CONSTANT) - current;
	}

	fn get_assertions(&self) -> Vec<Assertion<Felt>> {
		let last_row = self.trace_length() - 1;
		vec![Assertion::single(0, 0, self.first), Assertion::single(0, last_row, self.result)]
	}
}
