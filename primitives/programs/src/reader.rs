//! Parsing untrusted proof bytes without trusting the lengths inside them.
//!
//! winterfell trusts counts and lengths read from the bytes themselves, so a few crafted bytes
//! can make it allocate gigabytes (an abort in the node, a trap in the runtime) or slice out of
//! bounds (a panic). It does so in three places:
//! - `ByteReader::read_many` reserves `Vec::with_capacity(n)` for a count `n` from the bytes;
//! - `SliceReader::check_eor` adds a length from the bytes to its position unchecked, which wraps
//!   on 32-bit targets (the wasm runtime) and lets the slice that follows panic;
//! - `BatchMerkleProof::read_from` reserves for a count from the bytes directly, when the verifier
//!   parses the Merkle multi-proofs kept as raw bytes inside the proof, with its own reader.
//!
//!
//! and it asserts (panics) on some malformed values: a trace length, width or metadata out of
//! range when parsing the trace info, an out-of-domain frame that is not two rows, and a count
//! of unique queries of zero, when verifying.
//!
//! [`BoundedReader`] never reserves or slices more than the bytes left. [`read_proof`] only
//! parses bytes that start with the exact context (trace info, field, proof options) the caller
//! expects, so none of winterfell's context checks can fire, and before the verifier
//! runs, [`merkle_proofs_fit`] walks every Merkle multi-proof with a [`BoundedReader`] and
//! rejects counts the bytes cannot hold, [`unique_queries_fit`] checks the count of unique
//! queries, [`ood_frame_fits`] the frame's row count and [`fri_is_one_partition`] the FRI
//! partition count (which the verifier divides by). The fuzzer (`fuzz/`, target `proofs`) feeds
//! random and mutated proofs to `verify` to find the next such path.

use crate::Felt;
use alloc::vec::Vec;
use winter_air::{proof::Proof, ProofOptions, TraceInfo};
use winter_math::StarkField;
use winter_utils::{ByteReader, Deserializable, DeserializationError, Serializable};

/// Bytes of a Merkle tree node (a Blake3-256 digest).
const DIGEST_BYTES: usize = 32;

/// A reader over a byte slice that checks every count and length against the bytes left.
struct BoundedReader<'a> {
	bytes: &'a [u8],
}

impl ByteReader for BoundedReader<'_> {
	fn read_u8(&mut self) -> Result<u8, DeserializationError> {
		let (first, rest) = self.bytes.split_first().ok_or(DeserializationError::UnexpectedEOF)?;
		self.bytes = rest;
		Ok(*first)
	}

	fn peek_u8(&self) -> Result<u8, DeserializationError> {
		self.bytes.first().copied().ok_or(DeserializationError::UnexpectedEOF)
	}

	fn read_slice(&mut self, len: usize) -> Result<&[u8], DeserializationError> {
		self.check_eor(len)?;
		let (slice, rest) = self.bytes.split_at(len);
		self.bytes = rest;
		Ok(slice)
	}

	fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DeserializationError> {
		let slice = self.read_slice(N)?;
		let mut array = [0u8; N];
		array.copy_from_slice(slice);
		Ok(array)
	}

	fn check_eor(&self, num_bytes: usize) -> Result<(), DeserializationError> {
		if num_bytes > self.bytes.len() {
			return Err(DeserializationError::UnexpectedEOF);
		}
		Ok(())
	}

	fn has_more_bytes(&self) -> bool {
		!self.bytes.is_empty()
	}

	fn read_many<D: Deserializable>(
		&mut self,
		num_elements: usize,
	) -> Result<Vec<D>, DeserializationError> {
		// Every element takes at least one byte.
		self.check_eor(num_elements)?;
		let mut result = Vec::with_capacity(num_elements);
		for _ in 0..num_elements {
			result.push(D::read_from(self)?);
		}
		Ok(result)
	}
}

/// Why proof bytes could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
	/// The proof is not of a trace with the expected shape.
	WrongTraceShape,
	/// The proof is over another field or made with other proof options than expected.
	UnacceptableOptions,
	/// The bytes are not a well-formed proof.
	Malformed,
}

/// The proof encoded by `bytes`, of a trace of shape `trace` made with `options`: the bytes must
/// start with that context (a proof starts with its trace info, field modulus and options), be
/// one proof exactly, and hold well-formed Merkle multi-proofs and out-of-domain frame.
pub(crate) fn read_proof(
	bytes: &[u8],
	trace: &TraceInfo,
	options: &ProofOptions,
) -> Result<Proof, ReadError> {
	let mut context = trace.to_bytes();
	if !bytes.starts_with(&context) {
		return Err(ReadError::WrongTraceShape);
	}
	let modulus = Felt::get_modulus_le_bytes();
	context.push(modulus.len() as u8);
	context.extend_from_slice(&modulus);
	context.extend_from_slice(&options.to_bytes());
	if !bytes.starts_with(&context) {
		return Err(ReadError::UnacceptableOptions);
	}
	let mut reader = BoundedReader { bytes };
	let proof = Proof::read_from(&mut reader).map_err(|_| ReadError::Malformed)?;
	let well_formed = !reader.has_more_bytes()
		&& unique_queries_fit(&proof, options)
		&& merkle_proofs_fit(&proof)
		&& ood_frame_fits(&proof)
		&& fri_is_one_partition(&proof);
	well_formed.then_some(proof).ok_or(ReadError::Malformed)
}

/// Whether the proof's count of unique query positions is one of those the verifier can draw:
/// at least one (it asserts so while parsing the queries) and at most the options' query count.
fn unique_queries_fit(proof: &Proof, options: &ProofOptions) -> bool {
	(1..=options.num_queries()).contains(&usize::from(proof.num_unique_queries))
}

/// Whether the out-of-domain frame's trace and quotient states each hold two rows (the current
/// and the next), the only frame size the verifier handles (it asserts on any other).
fn ood_frame_fits(proof: &Proof) -> bool {
	// `OodFrame` is written as its trace states, then its quotient states, each a `u16` length
	// then the bytes, which start with the frame size.
	let bytes = proof.ood_frame.to_bytes();
	let mut reader = BoundedReader { bytes: &bytes };
	(0..2).all(|_| {
		let states = reader.read_u16().and_then(|len| reader.read_slice(len as usize));
		states.is_ok_and(|states| states.first() == Some(&2))
	})
}

/// Whether the FRI proof says it commits to one partition, as our proofs do. It stores the
/// partition count as a power of two in its last byte, and the verifier computes `2^byte`
/// unchecked: a large byte wraps to zero and the verifier divides by it.
fn fri_is_one_partition(proof: &Proof) -> bool {
	proof.fri_proof.to_bytes().last() == Some(&0)
}

/// Whether every Merkle multi-proof inside `proof` (trace and constraint queries, FRI layers)
/// has counts its bytes can hold.
fn merkle_proofs_fit(proof: &Proof) -> bool {
	let queries_fit = proof
		.trace_queries
		.iter()
		.chain(core::iter::once(&proof.constraint_queries))
		.all(|queries| {
			// `Queries` is written as its values, then its Merkle multi-proof, each a `Vec<u8>`
			// (a `usize` length, then the bytes).
			let bytes = queries.to_bytes();
			let mut reader = BoundedReader { bytes: &bytes };
			let opening = reader
				.read_usize()
				.and_then(|len| reader.read_slice(len).map(drop))
				.and_then(|_| reader.read_usize())
				.and_then(|len| reader.read_slice(len));
			opening.is_ok_and(batch_proof_fits)
		});

	// `FriProof` is written as a layer count, then each layer's values and Merkle multi-proof
	// (each a `u32` length, then the bytes), then its remainder.
	let bytes = proof.fri_proof.to_bytes();
	let mut reader = BoundedReader { bytes: &bytes };
	let layers_fit = reader.read_u8().is_ok_and(|layers| {
		(0..layers).all(|_| {
			let paths = reader
				.read_u32()
				.and_then(|len| reader.read_slice(len as usize).map(drop))
				.and_then(|_| reader.read_u32())
				.and_then(|len| reader.read_slice(len as usize));
			paths.is_ok_and(batch_proof_fits)
		})
	});

	queries_fit && layers_fit
}

/// Whether `bytes` hold a `BatchMerkleProof` whose counts fit in them: a depth byte, a count of
/// node vectors, and for each a count of digests followed by the digests.
fn batch_proof_fits(bytes: &[u8]) -> bool {
	let mut reader = BoundedReader { bytes };
	let mut walk = || -> Result<(), DeserializationError> {
		let _depth = reader.read_u8()?;
		let vectors = reader.read_usize()?;
		// Every node vector takes at least one byte.
		reader.check_eor(vectors)?;
		for _ in 0..vectors {
			let digests = reader.read_usize()?;
			let len =
				digests.checked_mul(DIGEST_BYTES).ok_or(DeserializationError::UnexpectedEOF)?;
			reader.read_slice(len)?;
		}
		Ok(())
	};
	walk().is_ok()
}
