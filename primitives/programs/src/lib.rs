//! # Sortition programs
//!
//! The computations Sortition provers prove and the Sortition runtime verifies, as winterfell
//! 0.13 STARKs. The same code compiles into the wasm runtime (verification, `no_std`) and into
//! the node (proving, `std`, all cores, behind the `prover` feature).
//!
//! | program | inputs | output | trace |
//! |---|---|---|---|
//! | [`Program::Fibonacci`] | `steps` | F(steps) | 2 columns, `steps / 2` rows |
//! | [`Program::RescueChain`] | 2-element seed, `steps` | 4-element digest | 12 columns, `steps` rows |
//! | [`Program::MimcVdf`] | seed, `steps` | VDF result | 1 column, `steps` rows |
//!
//! All programs work in the 64-bit "Goldilocks" field (p = 2^64 - 2^32 + 1); the 96-bit security
//! level uses its quadratic extension and the 128-bit level its cubic extension (see
//! [`SecurityLevel`]). `steps` is a power of two between [`MIN_STEPS`] and [`MAX_STEPS`]; it
//! measures the work of a job: the trace has `steps` rows (Fibonacci: `steps / 2` rows of two
//! steps each).
//!
//! The API, used by the runtime and by the node:
//! - [`validate`]: is a job provable? (called when a job is submitted);
//! - [`prove`]: compute the output and a proof (`prover` feature);
//! - [`verify`]: check a proof of an output, never panicking on any bytes.
//!
//! Every proof is bound to a prover ([`ProverId`]): it verifies for that prover only (see the
//! `binding` module).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "prover")]
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use winter_air::TraceInfo;
use winter_math::fields::f64::BaseElement;
use winter_verifier::{AcceptableOptions, VerifierError};

mod binding;
mod fibonacci;
mod mimc;
mod options;
#[cfg(feature = "prover")]
mod prover;
mod reader;
mod rescue;
#[cfg(test)]
mod tests;

pub use binding::ProverId;
pub use options::proof_options;

/// The field element type of every program (Goldilocks, p = 2^64 - 2^32 + 1).
pub(crate) type Felt = BaseElement;
/// The commitment hash of every proof.
pub(crate) type Hasher = winter_crypto::hashers::Blake3_256<Felt>;
/// The vector commitment of every proof.
pub(crate) type Commitment = winter_crypto::MerkleTree<Hasher>;
/// The Fiat-Shamir random coin of every proof.
pub(crate) type Coin = winter_crypto::DefaultRandomCoin<Hasher>;

/// The field modulus: 2^64 - 2^32 + 1. Seeds and outputs are field elements, so below this.
pub const FIELD_MODULUS: u64 = 0xFFFF_FFFF_0000_0001;
/// The fewest steps a job may have.
pub const MIN_STEPS: u32 = 1 << 6;
/// The most steps a job may have.
pub const MAX_STEPS: u32 = 1 << 20;
/// The largest proof [`verify`] looks at, in bytes; larger ones are rejected before any work.
/// The largest proofs the programs produce (2^20 steps, 128-bit) are well below it.
pub const MAX_PROOF_SIZE: u32 = 256 * 1024;

/// JSON forms of 64-bit numbers (field elements, balances): decimal strings, because
/// JavaScript's numbers lose precision above 2^53. Reading also takes JSON numbers.
#[cfg(feature = "serde")]
pub mod serde_str {
	use core::{fmt::Display, marker::PhantomData, str::FromStr};
	use serde::{
		de::{Error, SeqAccess, Unexpected, Visitor},
		Deserializer, Serialize, Serializer,
	};

	/// A decimal string (`"18446744069414584320"`) or a JSON number.
	pub fn deserialize<'de, T: FromStr + TryFrom<u64>, D: Deserializer<'de>>(
		deserializer: D,
	) -> Result<T, D::Error> {
		deserializer.deserialize_any(Decimal(PhantomData))
	}

	/// An array of `N` decimal strings or numbers.
	pub fn deserialize_all<'de, T: FromStr + TryFrom<u64>, D: Deserializer<'de>, const N: usize>(
		deserializer: D,
	) -> Result<[T; N], D::Error> {
		deserializer.deserialize_seq(Decimals::<T, N>(PhantomData))
	}

	struct Decimal<T>(PhantomData<T>);

	impl<'de, T: FromStr + TryFrom<u64>> Visitor<'de> for Decimal<T> {
		type Value = T;

		fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
			f.write_str("a whole number (a decimal string, or a JSON number)")
		}

		fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
			T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
		}

		fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
			let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
			digits
				.then(|| text.parse().ok())
				.flatten()
				.ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
		}
	}

	impl<'de, T: FromStr + TryFrom<u64>> serde::de::DeserializeSeed<'de> for Decimal<T> {
		type Value = T;

		fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
			deserializer.deserialize_any(self)
		}
	}

	struct Decimals<T, const N: usize>(PhantomData<T>);

	impl<'de, T: FromStr + TryFrom<u64>, const N: usize> Visitor<'de> for Decimals<T, N> {
		type Value = [T; N];

		fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
			write!(f, "an array of {N} whole numbers")
		}

		fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[T; N], A::Error> {
			let mut values = alloc::vec::Vec::with_capacity(N);
			while let Some(value) = seq.next_element_seed(Decimal::<T>(PhantomData))? {
				if values.len() == N {
					return Err(A::Error::invalid_length(N + 1, &self));
				}
				values.push(value);
			}
			let found = values.len();
			values.try_into().map_err(|_| A::Error::invalid_length(found, &self))
		}
	}

	/// `value` as a decimal string.
	pub fn serialize<T: Display, S: Serializer>(
		value: &T,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		serializer.collect_str(value)
	}

	/// Each of `values` as a decimal string.
	pub fn serialize_all<T: Display, S: Serializer, const N: usize>(
		values: &[T; N],
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		serializer.collect_seq(values.iter().map(AsString))
	}

	/// `value` as a decimal string, if there is one (else `null`).
	pub fn serialize_option<T: Display, S: Serializer>(
		value: &Option<T>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		value.as_ref().map(AsString).serialize(serializer)
	}

	struct AsString<'a, T>(&'a T);

	impl<T: Display> Serialize for AsString<'_, T> {
		fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
			serializer.collect_str(self.0)
		}
	}
}

/// A program: the computation a job asks to have proven.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	PartialOrd,
	Ord,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Program {
	/// F(steps), the Fibonacci number, in the field: the smallest real job.
	#[codec(index = 0)]
	Fibonacci,
	/// `steps / 8` Rescue-Prime (RPO-256) hashes, each of the previous digest: proof of
	/// sequential hashing.
	#[codec(index = 1)]
	RescueChain,
	/// `steps` rounds of x -> (x - 42)^(1/7): a verifiable delay function (randomness beacons).
	#[codec(index = 2)]
	MimcVdf,
}

impl Program {
	/// Every program.
	pub const ALL: [Program; 3] = [Program::Fibonacci, Program::RescueChain, Program::MimcVdf];

	/// The program's version. It changes whenever its AIR, its proof options or the meaning of
	/// its inputs change, so that a proof is only ever checked against the program it was made
	/// for.
	pub const fn version(self) -> u16 {
		1
	}

	/// The program's name, as in logs.
	pub const fn name(self) -> &'static str {
		match self {
			Program::Fibonacci => "fibonacci",
			Program::RescueChain => "rescue-chain",
			Program::MimcVdf => "mimc-vdf",
		}
	}

	/// The program called `name` (see [`Program::name`]).
	pub fn from_name(name: &str) -> Option<Program> {
		Program::ALL.into_iter().find(|program| program.name() == name)
	}
}

/// The security level a proof is made at: its conjectured security in bits.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SecurityLevel {
	/// At least 96 bits: 33 FRI queries at blowup 8, quadratic field extension.
	#[codec(index = 0)]
	Bits96,
	/// 128 bits: 33 FRI queries at blowup 16, cubic field extension.
	#[codec(index = 1)]
	Bits128,
}

impl SecurityLevel {
	/// Both levels.
	pub const ALL: [SecurityLevel; 2] = [SecurityLevel::Bits96, SecurityLevel::Bits128];

	/// The conjectured security the level guarantees, in bits.
	pub const fn bits(self) -> u32 {
		match self {
			SecurityLevel::Bits96 => 96,
			SecurityLevel::Bits128 => 128,
		}
	}

	/// The level of `bits` conjectured bits (96 or 128).
	pub fn from_bits(bits: u32) -> Option<SecurityLevel> {
		SecurityLevel::ALL.into_iter().find(|level| level.bits() == bits)
	}
}

/// The public inputs of a job: which program, and its arguments.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub enum Inputs {
	/// Compute F(steps).
	#[codec(index = 0)]
	Fibonacci {
		/// A power of two in [`MIN_STEPS`]..=[`MAX_STEPS`].
		steps: u32,
	},
	/// Hash `seed` (padded with two zeros to a digest) `steps / 8` times with RPO-256.
	#[codec(index = 1)]
	RescueChain {
		/// Two field elements (each below [`FIELD_MODULUS`]).
		#[cfg_attr(
			feature = "serde",
			serde(
				serialize_with = "serde_str::serialize_all",
				deserialize_with = "serde_str::deserialize_all"
			)
		)]
		seed: [u64; 2],
		/// A power of two in [`MIN_STEPS`]..=[`MAX_STEPS`].
		steps: u32,
	},
	/// Run `steps` rounds of the MiMC VDF from `seed`.
	#[codec(index = 2)]
	MimcVdf {
		/// A field element (below [`FIELD_MODULUS`]).
		#[cfg_attr(
			feature = "serde",
			serde(
				serialize_with = "serde_str::serialize",
				deserialize_with = "serde_str::deserialize"
			)
		)]
		seed: u64,
		/// A power of two in [`MIN_STEPS`]..=[`MAX_STEPS`].
		steps: u32,
	},
}

impl Inputs {
	/// The program these inputs are for.
	pub const fn program(&self) -> Program {
		match self {
			Inputs::Fibonacci { .. } => Program::Fibonacci,
			Inputs::RescueChain { .. } => Program::RescueChain,
			Inputs::MimcVdf { .. } => Program::MimcVdf,
		}
	}

	/// Inputs of `program` with `steps` and fixed seeds: what the benchmarks, the proof
	/// fixtures and the examples prove.
	pub const fn sample(program: Program, steps: u32) -> Inputs {
		match program {
			Program::Fibonacci => Inputs::Fibonacci { steps },
			Program::RescueChain => Inputs::RescueChain { seed: [1, 2], steps },
			Program::MimcVdf => Inputs::MimcVdf { seed: 3, steps },
		}
	}

	/// The number of steps: the size of the job.
	pub const fn steps(&self) -> u32 {
		match self {
			Inputs::Fibonacci { steps }
			| Inputs::RescueChain { steps, .. }
			| Inputs::MimcVdf { steps, .. } => *steps,
		}
	}

	/// The shape of the execution trace these inputs produce: (columns, rows).
	fn trace_shape(&self) -> (usize, usize) {
		let steps = self.steps() as usize;
		match self {
			Inputs::Fibonacci { .. } => (fibonacci::TRACE_WIDTH, steps / 2),
			Inputs::RescueChain { .. } => (rescue::TRACE_WIDTH, steps),
			Inputs::MimcVdf { .. } => (mimc::TRACE_WIDTH, steps),
		}
	}
}

/// The result of a job.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Output {
	/// F(steps) in the field.
	#[codec(index = 0)]
	Fibonacci(
		#[cfg_attr(
			feature = "serde",
			serde(
				serialize_with = "serde_str::serialize",
				deserialize_with = "serde_str::deserialize"
			)
		)]
		u64,
	),
	/// The last digest of the hash chain.
	#[codec(index = 1)]
	RescueChain(
		#[cfg_attr(
			feature = "serde",
			serde(
				serialize_with = "serde_str::serialize_all",
				deserialize_with = "serde_str::deserialize_all"
			)
		)]
		[u64; 4],
	),
	/// The VDF output.
	#[codec(index = 2)]
	MimcVdf(
		#[cfg_attr(
			feature = "serde",
			serde(
				serialize_with = "serde_str::serialize",
				deserialize_with = "serde_str::deserialize"
			)
		)]
		u64,
	),
}

impl Output {
	/// The program this output is of.
	pub const fn program(&self) -> Program {
		match self {
			Output::Fibonacci(_) => Program::Fibonacci,
			Output::RescueChain(_) => Program::RescueChain,
			Output::MimcVdf(_) => Program::MimcVdf,
		}
	}

	/// Whether every element is a canonical field element (below [`FIELD_MODULUS`]): an output
	/// has exactly one valid encoding.
	fn is_canonical(&self) -> bool {
		match self {
			Output::Fibonacci(x) | Output::MimcVdf(x) => *x < FIELD_MODULUS,
			Output::RescueChain(digest) => digest.iter().all(|x| *x < FIELD_MODULUS),
		}
	}
}

/// Why inputs are not a provable job.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
// Its variants' docs go into the runtime metadata, so that wallets and the dashboard
// show the chain's own words for it (`scale-info` leaves docs out unless asked).
#[scale_info(capture_docs = "always")]
pub enum InputError {
	/// `steps` is not a power of two.
	StepsNotPowerOfTwo,
	/// `steps` is below [`MIN_STEPS`].
	TooFewSteps,
	/// `steps` is above [`MAX_STEPS`].
	TooManySteps,
	/// A seed element is not below [`FIELD_MODULUS`].
	SeedNotInField,
}

/// Why a proof was rejected. Small and stable on purpose: no winterfell type leaks out.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
// Its variants' docs go into the runtime metadata, so that wallets and the dashboard
// show the chain's own words for it (`scale-info` leaves docs out unless asked).
#[scale_info(capture_docs = "always")]
pub enum VerifyError {
	/// The proof is larger than [`MAX_PROOF_SIZE`].
	ProofTooLarge,
	/// The inputs are not a provable job (see [`InputError`]).
	InvalidInputs(InputError),
	/// The output is of another program than the inputs.
	OutputProgramMismatch,
	/// An output element is not below [`FIELD_MODULUS`].
	OutputNotInField,
	/// The bytes are not a winterfell proof.
	MalformedProof,
	/// The proof's trace does not have the shape these inputs produce (another program, or
	/// another number of steps).
	WrongTraceShape,
	/// The proof was made with proof options other than the ones fixed for this program and
	/// security level.
	UnacceptableProofOptions,
	/// The proof does not prove that these inputs produce this output.
	InvalidProof,
}

impl InputError {
	/// The error as a sentence for people.
	pub const fn message(self) -> &'static str {
		match self {
			InputError::StepsNotPowerOfTwo => {
				"steps must be a power of two (64, 128, ..., 1048576)"
			},
			InputError::TooFewSteps => "steps must be at least 64, the smallest job",
			InputError::TooManySteps => "steps must be at most 1048576 (2^20), the largest job",
			InputError::SeedNotInField => {
				"a seed element is not below the field modulus 2^64 - 2^32 + 1"
			},
		}
	}
}

impl VerifyError {
	/// The error as a sentence for people (the command line, the dashboard).
	pub const fn message(self) -> &'static str {
		match self {
			VerifyError::ProofTooLarge => "the proof is larger than any program's proof can be",
			VerifyError::InvalidInputs(error) => error.message(),
			VerifyError::OutputProgramMismatch => {
				"the output is of another program than the inputs"
			},
			VerifyError::OutputNotInField => "an output element is not a field element",
			VerifyError::MalformedProof => "the bytes are not a proof",
			VerifyError::WrongTraceShape => {
				"the proof is of another program or another number of steps than the inputs"
			},
			VerifyError::UnacceptableProofOptions => {
				"the proof was made with other proof options than this program and security \
				 level use"
			},
			VerifyError::InvalidProof => {
				"the proof does not prove that the inputs give this output"
			},
		}
	}
}

/// Why a proof could not be made.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ProveError {
	/// The inputs are not a provable job (see [`InputError`]).
	InvalidInputs(InputError),
	/// The prover failed (a bug: valid inputs always have a proof).
	ProverFailed,
}

/// Check that `inputs` are a job the programs can prove: steps in range and a power of two,
/// seeds in the field. The runtime calls this when a job is submitted, so no unprovable job ever
/// reaches a prover.
pub fn validate(inputs: &Inputs) -> Result<(), InputError> {
	let steps = inputs.steps();
	if !steps.is_power_of_two() {
		return Err(InputError::StepsNotPowerOfTwo);
	}
	if steps < MIN_STEPS {
		return Err(InputError::TooFewSteps);
	}
	if steps > MAX_STEPS {
		return Err(InputError::TooManySteps);
	}
	let seed_in_field = match inputs {
		Inputs::Fibonacci { .. } => true,
		Inputs::RescueChain { seed, .. } => seed.iter().all(|x| *x < FIELD_MODULUS),
		Inputs::MimcVdf { seed, .. } => *seed < FIELD_MODULUS,
	};
	if !seed_in_field {
		return Err(InputError::SeedNotInField);
	}
	Ok(())
}

/// Verify that `proof` proves `inputs` produce `output` at `security`, made by (bound to)
/// `prover`: a proof bound to another prover is an [`VerifyError::InvalidProof`].
///
/// Cheap checks come first: size, inputs, output, the proof's encoding and trace shape; the
/// cryptography only runs on a well-formed proof of the right shape made with exactly the proof
/// options fixed for this program and level. Never panics, whatever the bytes.
pub fn verify(
	inputs: &Inputs,
	output: &Output,
	proof: &[u8],
	security: SecurityLevel,
	prover: &ProverId,
) -> Result<(), VerifyError> {
	if proof.len() > MAX_PROOF_SIZE as usize {
		return Err(VerifyError::ProofTooLarge);
	}
	validate(inputs).map_err(VerifyError::InvalidInputs)?;
	if output.program() != inputs.program() {
		return Err(VerifyError::OutputProgramMismatch);
	}
	if !output.is_canonical() {
		return Err(VerifyError::OutputNotInField);
	}

	let (width, length) = inputs.trace_shape();
	let options = proof_options(inputs.program(), security);
	let proof =
		reader::read_proof(proof, &TraceInfo::new(width, length), &options).map_err(|error| {
			match error {
				reader::ReadError::WrongTraceShape => VerifyError::WrongTraceShape,
				reader::ReadError::UnacceptableOptions => VerifyError::UnacceptableProofOptions,
				reader::ReadError::Malformed => VerifyError::MalformedProof,
			}
		})?;

	let acceptable = AcceptableOptions::OptionSet(alloc::vec![options]);
	let result = match (*inputs, *output) {
		(Inputs::Fibonacci { .. }, Output::Fibonacci(result)) => {
			fibonacci::verify(proof, result, prover, &acceptable)
		},
		(Inputs::RescueChain { seed, .. }, Output::RescueChain(digest)) => {
			rescue::verify(proof, seed, digest, prover, &acceptable)
		},
		(Inputs::MimcVdf { seed, .. }, Output::MimcVdf(result)) => {
			mimc::verify(proof, seed, result, prover, &acceptable)
		},
		_ => return Err(VerifyError::OutputProgramMismatch),
	};
	result.map_err(|error| match error {
		VerifierError::UnacceptableProofOptions => VerifyError::UnacceptableProofOptions,
		_ => VerifyError::InvalidProof,
	})
}

/// Run the job and prove it, bound to `prover`: the output and the proof's bytes. Uses every
/// core.
#[cfg(feature = "prover")]
pub fn prove(
	inputs: &Inputs,
	security: SecurityLevel,
	prover: &ProverId,
) -> Result<(Output, Vec<u8>), ProveError> {
	validate(inputs).map_err(ProveError::InvalidInputs)?;
	let options = proof_options(inputs.program(), security);
	let steps = inputs.steps() as usize;
	let (output, proof) = match *inputs {
		Inputs::Fibonacci { .. } => {
			let (result, proof) = fibonacci::prove(steps, prover, options)?;
			(Output::Fibonacci(result), proof)
		},
		Inputs::RescueChain { seed, .. } => {
			let (digest, proof) = rescue::prove(seed, steps, prover, options)?;
			(Output::RescueChain(digest), proof)
		},
		Inputs::MimcVdf { seed, .. } => {
			let (result, proof) = mimc::prove(seed, steps, prover, options)?;
			(Output::MimcVdf(result), proof)
		},
	};
	Ok((output, proof.to_bytes()))
}

/// Compute a job's output without proving it (a reference for tests and for clients that want
/// to check an output themselves).
#[cfg(feature = "std")]
pub fn execute(inputs: &Inputs) -> Result<Output, InputError> {
	validate(inputs)?;
	let steps = inputs.steps() as usize;
	Ok(match *inputs {
		Inputs::Fibonacci { .. } => Output::Fibonacci(fibonacci::execute(steps)),
		Inputs::RescueChain { seed, .. } => Output::RescueChain(rescue::execute(seed, steps)),
		Inputs::MimcVdf { seed, .. } => Output::MimcVdf(mimc::execute(seed, steps)),
	})
}

/// A field element from its canonical `u64` (callers have checked it is below the modulus).
pub(crate) fn felt(value: u64) -> Felt {
	Felt::new(value)
}

/// The canonical `u64` of a field element.
#[cfg(feature = "std")]
pub(crate) fn canonical(value: Felt) -> u64 {
	winter_math::StarkField::as_int(&value)
}

/// Field elements from their canonical `u64`s.
pub(crate) fn felts<const N: usize>(values: [u64; N]) -> [Felt; N] {
	values.map(felt)
}
