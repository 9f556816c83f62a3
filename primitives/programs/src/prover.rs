//! The one prover of every program (`prover` feature): winterfell's default trace LDE,
//! constraint evaluator and commitment, Blake3-256 and Merkle trees, run on all cores
//! (winterfell's `concurrent` feature).

use crate::{binding::Bound, Coin, Commitment, Felt, Hasher, ProveError, ProverId};
use core::marker::PhantomData;
use winter_air::{proof::Proof, Air, AuxRandElements, PartitionOptions, ProofOptions, TraceInfo};
use winter_math::FieldElement;
use winter_prover::{
	matrix::ColMatrix, CompositionPoly, CompositionPolyTrace, ConstraintCompositionCoefficients,
	DefaultConstraintCommitment, DefaultConstraintEvaluator, DefaultTraceLde, Prover, StarkDomain,
	TracePolyTable, TraceTable,
};

/// What a program adds to the shared prover: how to read its public inputs off its trace. Its
/// AIR's public inputs are those, bound to a prover.
pub(crate) trait ProgramAir:
	Air<BaseField = Felt, PublicInputs = Bound<Self::Inputs>> + 'static
{
	/// The program's own public inputs.
	type Inputs: Send + Sync;
	/// The public inputs the trace proves.
	fn public_inputs(trace: &TraceTable<Felt>) -> Self::Inputs;
}

/// Prove `trace` against the AIR `A` with `options`, bound to `prover`.
pub(crate) fn prove<A: ProgramAir>(
	trace: TraceTable<Felt>,
	prover: &ProverId,
	options: ProofOptions,
) -> Result<Proof, ProveError> {
	StarkProver::<A> { options, prover: *prover, _air: PhantomData }
		.prove(trace)
		.map_err(|_| ProveError::ProverFailed)
}

struct StarkProver<A> {
	options: ProofOptions,
	prover: ProverId,
	_air: PhantomData<A>,
}

impl<A: ProgramAir> Prover for StarkProver<A> {
	type BaseField = Felt;
	type Air = A;
	type Trace = TraceTable<Felt>;
	type HashFn = Hasher;
	type VC = Commitment;
	type RandomCoin = Coin;
	type TraceLde<E: FieldElement<BaseField = Felt>> = DefaultTraceLde<E, Hasher, Commitment>;
	type ConstraintCommitment<E: FieldElement<BaseField = Felt>> =
		DefaultConstraintCommitment<E, Hasher, Commitment>;
	type ConstraintEvaluator<'a, E: FieldElement<BaseField = Felt>> =
		DefaultConstraintEvaluator<'a, A, E>;

	fn get_pub_inputs(&self, trace: &Self::Trace) -> A::PublicInputs {
		Bound::new(A::public_inputs(trace), &self.prover)
	}

	fn options(&self) -> &ProofOptions {
		&self.options
	}

	fn new_trace_lde<E: FieldElement<BaseField = Felt>>(
		&self,
		trace_info: &TraceInfo,
		main_trace: &ColMatrix<Felt>,
		domain: &StarkDomain<Felt>,
		partition_options: PartitionOptions,
	) -> (Self::TraceLde<E>, TracePolyTable<E>) {
		DefaultTraceLde::new(trace_info, main_trace, domain, partition_options)
	}

	fn build_constraint_commitment<E: FieldElement<BaseField = Felt>>(
		&self,
		composition_poly_trace: CompositionPolyTrace<E>,
		num_constraint_composition_columns: usize,
		domain: &StarkDomain<Felt>,
		partition_options: PartitionOptions,
	) -> (Self::ConstraintCommitment<E>, CompositionPoly<E>) {
		DefaultConstraintCommitment::new(
			composition_poly_trace,
			num_constraint_composition_columns,
			domain,
			partition_options,
		)
	}

	fn new_evaluator<'a, E: FieldElement<BaseField = Felt>>(
		&self,
		air: &'a A,
		aux_rand_elements: Option<AuxRandElements<E>>,
		composition_coefficients: ConstraintCompositionCoefficients<E>,
	) -> Self::ConstraintEvaluator<'a, E> {
		DefaultConstraintEvaluator::new(air, aux_rand_elements, composition_coefficients)
	}
}
