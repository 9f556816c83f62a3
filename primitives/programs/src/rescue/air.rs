//! The Rescue hash chain AIR.

use super::{digest, input_state, CYCLE_LENGTH};
use crate::{binding::Bound, Felt};
use alloc::{vec, vec::Vec};
use winter_air::{
	Air, AirContext, Assertion, EvaluationFrame, ProofOptions, TraceInfo,
	TransitionConstraintDegree,
};
use winter_crypto::hashers::Rp64_256;
use winter_math::{FieldElement, ToElements};

/// Twelve columns: the RPO-256 state.
pub(crate) const TRACE_WIDTH: usize = 12;
/// Rounds of one RPO-256 permutation.
const NUM_ROUNDS: usize = 7;
/// The RPO-256 S-box exponent.
const ALPHA: u32 = 7;

// PUBLIC INPUTS
// ================================================================================================

/// The first digest (the seed, padded) and the claimed last one.
pub(crate) struct PublicInputs {
	pub seed: [Felt; 4],
	pub result: [Felt; 4],
}

impl ToElements<Felt> for PublicInputs {
	fn to_elements(&self) -> Vec<Felt> {
		self.seed.iter().chain(self.result.iter()).copied().collect()
	}
}

// AIR
// ================================================================================================

pub(crate) struct RescueAir {
	context: AirContext<Felt>,
	seed: [Felt; 4],
	result: [Felt; 4],
}

impl Air for RescueAir {
	type BaseField = Felt;
	type PublicInputs = Bound<PublicInputs>;

	fn new(trace_info: TraceInfo, pub_inputs: Bound<PublicInputs>, options: ProofOptions) -> Self {
		// The prover is in the Fiat-Shamir seed only; the constraints check the program's own.
		let pub_inputs = pub_inputs.inputs;
		// `verify` has checked the trace's width before building the AIR. Each constraint is a
		// degree-7 round check times the periodic round flag (one cycle of 8).
		let degrees =
			vec![TransitionConstraintDegree::with_cycles(7, vec![CYCLE_LENGTH]); TRACE_WIDTH];
		Self {
			context: AirContext::new(trace_info, degrees, TRACE_WIDTH + 4, options),
			seed: pub_inputs.seed,
			result: pub_inputs.result,
		}
	}

	fn context(&self) -> &AirContext<Felt> {
		&self.context
	}

	fn evaluate_transition<E: FieldElement<BaseField = Felt>>(
		&self,
		frame: &EvaluationFrame<E>,
		periodic_values: &[E],
		result: &mut [E],
	) {
		let (current, next) = (frame.current(), frame.next());
		// Periodic columns: the round flag, then ARK1 and ARK2 of the round.
		let round_flag = periodic_values[0];
		let ark1 = &periodic_values[1..1 + TRACE_WIDTH];
		let ark2 = &periodic_values[1 + TRACE_WIDTH..1 + 2 * TRACE_WIDTH];

		// A round: next = MDS·(MDS·current^7 + ARK1)^(1/7) + ARK2, checked without the 1/7 root
		// as (MDS⁻¹·(next - ARK2))^7 = MDS·current^7 + ARK1.
		let mut forward = current.iter().map(|x| x.exp(ALPHA.into())).collect::<Vec<_>>();
		forward = multiply(&Rp64_256::MDS, &forward);
		let backward = next.iter().zip(ark2).map(|(x, c)| *x - *c).collect::<Vec<_>>();
		let backward = multiply(&Rp64_256::INV_MDS, &backward);

		// The step after the last round: load the digest into a fresh input state.
		let loaded = input_state(digest(current));

		let copy_flag = E::ONE - round_flag;
		for i in 0..TRACE_WIDTH {
			let round = backward[i].exp(ALPHA.into()) - (forward[i] + ark1[i]);
			let load = next[i] - loaded[i];
			result[i] = round_flag * round + copy_flag * load;
		}
	}

	fn get_assertions(&self) -> Vec<Assertion<Felt>> {
		let last_row = self.trace_length() - 1;
		let first = input_state(self.seed);
		let mut assertions = (0..TRACE_WIDTH)
			.map(|column| Assertion::single(column, 0, first[column]))
			.collect::<Vec<_>>();
		assertions.extend((0..4).map(|i| Assertion::single(4 + i, last_row, self.result[i])));
		assertions
	}

	fn get_periodic_column_values(&self) -> Vec<Vec<Felt>> {
		// Round r of each hash runs on rows 8k + r (r < 7); row 8k + 7 loads the next input.
		let mut columns = vec![vec![Felt::ZERO; CYCLE_LENGTH]; 1 + 2 * TRACE_WIDTH];
		for round in 0..NUM_ROUNDS {
			columns[0][round] = Felt::ONE;
			for i in 0..TRACE_WIDTH {
				columns[1 + i][round] = Rp64_256::ARK1[round][i];
				columns[1 + TRACE_WIDTH + i][round] = Rp64_256::ARK2[round][i];
			}
		}
		columns
	}
}

/// `matrix · vector` for a 12 × 12 matrix of base field elements.
fn multiply<E: FieldElement<BaseField = Felt>>(
	matrix: &[[Felt; TRACE_WIDTH]; TRACE_WIDTH],
	vector: &[E],
) -> Vec<E> {
	matrix
		.iter()
		.map(|row| row.iter().zip(vector).fold(E::ZERO, |sum, (m, x)| sum + E::from(*m) * *x))
		.collect()
}
