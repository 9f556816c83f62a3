//! # Sortition consumer (example)
//!
//! What a rollup's or an appchain's runtime writes to use Sortition's results without trusting
//! any Sortition node: it keeps the Sortition GRANDPA authority set it trusts, and
//! [`accept_result`](Pallet::accept_result) stores a job's output only if the portable receipt
//! it is given (`scripts/sortition receipt JOB`, its `portable` field) proves, with
//! [`sortition_receipts::verify`], that the result is in Sortition's finalised history.
//!
//! An example, unit-tested in a mock runtime; not part of Sortition's runtime.
//!
//! ## Pallet API
//!
//! - [`set_trusted_set`](Pallet::set_trusted_set) (Root): the Sortition authority set to trust
//!   (at first its genesis set: `sortition-node verify-receipt` prints where to find it).
//! - [`accept_result`](Pallet::accept_result) (signed): check a portable receipt and store its
//!   output under its job id ([`Results`]). Each rejection has its own error.
//!
//! ## Weights
//!
//! `accept_result` costs a signature check per Sortition voter and a few dozen hashes. A
//! runtime that adopts this pallet benchmarks it on its own hardware and sets
//! [`Config::WeightInfo`]; `()` (no weight) is for tests only.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(test)]
mod tests;

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use codec::{DecodeAll, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sortition_receipts::{
		sortition_api::{JobId, Output, Program},
		verify, AuthoritySet, PortableReceipt, ReceiptError,
	};
	use sp_consensus_grandpa::AuthorityId;
	use sp_runtime::AccountId32;

	/// The weights of the calls (see the crate docs).
	pub trait WeightInfo {
		/// `accept_result` with a trusted set of `voters` and a receipt of `bytes` bytes.
		fn accept_result(voters: u32, bytes: u32) -> Weight;
		/// `set_trusted_set` with `voters` authorities.
		fn set_trusted_set(voters: u32) -> Weight;
	}

	/// No weight: for tests only.
	impl WeightInfo for () {
		fn accept_result(_: u32, _: u32) -> Weight {
			Weight::zero()
		}
		fn set_trusted_set(_: u32) -> Weight {
			Weight::zero()
		}
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The most authorities a trusted Sortition set may have.
		#[pallet::constant]
		type MaxAuthorities: Get<u32>;
		/// The largest portable receipt `accept_result` takes, in bytes.
		#[pallet::constant]
		type MaxReceiptSize: Get<u32>;
		/// The calls' weights, from this runtime's benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// A Sortition result this chain accepted.
	#[derive(
		Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
	)]
	pub struct AcceptedResult {
		/// The program proven.
		pub program: Program,
		/// Its verified output.
		pub output: Output,
		/// The Sortition prover that proved it.
		pub prover: AccountId32,
		/// The Sortition block it verified in.
		pub block: u32,
	}

	/// The Sortition GRANDPA authorities this chain trusts (empty: none yet).
	#[pallet::storage]
	pub type TrustedAuthorities<T: Config> =
		StorageValue<_, BoundedVec<(AuthorityId, u64), T::MaxAuthorities>, ValueQuery>;

	/// The id of the trusted set.
	#[pallet::storage]
	pub type TrustedSetId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The results accepted, by Sortition job id.
	// Twox64Concat: Sortition's job ids are assigned by Sortition, not chosen here.
	#[pallet::storage]
	pub type Results<T: Config> = StorageMap<_, Twox64Concat, JobId, AcceptedResult>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Root set the trusted Sortition authority set.
		TrustedSetChanged { set_id: u64, authorities: u32 },
		/// Sortition job `job`'s result is accepted: it is in Sortition's history finalised at
		/// Sortition block `finalized` by authority set `set_id`.
		ResultAccepted { job: JobId, output: Output, finalized: u32, set_id: u64 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No Sortition authority set is trusted yet: Root sets one with `set_trusted_set`.
		NoTrustedSet,
		/// The bytes are not a portable receipt (its `portable` field, hex-decoded).
		MalformedReceipt,
		/// This job's result was accepted already.
		AlreadyAccepted,
		/// The trusted set is not a valid voter set.
		InvalidAuthoritySet,
		/// The justification finalises another header than the receipt's.
		JustificationOfOtherHeader,
		/// A vote is signed by a key outside the trusted set.
		UnknownAuthority,
		/// A vote's signature is not valid (forged, or for another round or set id).
		InvalidSignature,
		/// The votes do not add up to a supermajority of the trusted set.
		NotEnoughWeight,
		/// The justification has duplicate or unrelated votes or headers.
		MalformedJustification,
		/// A set-change header does not change the authority set.
		NotASetChange,
		/// A set change is delayed: it is not followed.
		DelayedSetChange,
		/// The finalised header carries no MMR root.
		NoMmrRoot,
		/// The MMR proof does not prove the leaf in the header's MMR.
		LeafNotInMmr,
		/// The MMR leaf is of another block than the receipt.
		LeafOfOtherBlock,
		/// The receipt is not among its block's receipts.
		ReceiptNotInBlock,
	}

	impl<T> From<ReceiptError> for Error<T> {
		fn from(error: ReceiptError) -> Self {
			match error {
				ReceiptError::InvalidAuthoritySet => Error::InvalidAuthoritySet,
				ReceiptError::JustificationOfOtherHeader => Error::JustificationOfOtherHeader,
				ReceiptError::UnknownAuthority => Error::UnknownAuthority,
				ReceiptError::InvalidSignature => Error::InvalidSignature,
				ReceiptError::NotEnoughWeight => Error::NotEnoughWeight,
				ReceiptError::MalformedJustification => Error::MalformedJustification,
				ReceiptError::NotASetChange => Error::NotASetChange,
				ReceiptError::DelayedSetChange => Error::DelayedSetChange,
				ReceiptError::NoMmrRoot => Error::NoMmrRoot,
				ReceiptError::LeafNotInMmr => Error::LeafNotInMmr,
				ReceiptError::LeafOfOtherBlock => Error::LeafOfOtherBlock,
				ReceiptError::ReceiptNotInBlock => Error::ReceiptNotInBlock,
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Trust `authorities` as Sortition's GRANDPA authority set `set_id`.
		///
		/// ## Dispatch Origin
		/// Root.
		///
		/// ## Events
		/// `TrustedSetChanged`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_trusted_set(authorities.len() as u32))]
		pub fn set_trusted_set(
			origin: OriginFor<T>,
			set_id: u64,
			authorities: BoundedVec<(AuthorityId, u64), T::MaxAuthorities>,
		) -> DispatchResult {
			ensure_root(origin)?;
			let count = authorities.len() as u32;
			TrustedAuthorities::<T>::put(authorities);
			TrustedSetId::<T>::put(set_id);
			Self::deposit_event(Event::TrustedSetChanged { set_id, authorities: count });
			Ok(())
		}

		/// Accept a Sortition result: store its output if `portable` (a SCALE-encoded
		/// `PortableReceipt`) proves it is in Sortition's history finalised by the trusted set.
		///
		/// ## Dispatch Origin
		/// Signed: anyone (a relayer, the user who needs the result).
		///
		/// ## Errors
		/// `NoTrustedSet`, `MalformedReceipt`, `AlreadyAccepted`, and one error for each way a
		/// receipt can fail to hold (`UnknownAuthority`, `NotEnoughWeight`, `LeafNotInMmr`,
		/// `ReceiptNotInBlock`, ...).
		///
		/// ## Events
		/// `ResultAccepted`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept_result(T::MaxAuthorities::get(), portable.len() as u32))]
		pub fn accept_result(
			origin: OriginFor<T>,
			portable: BoundedVec<u8, T::MaxReceiptSize>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let authorities = TrustedAuthorities::<T>::get();
			ensure!(!authorities.is_empty(), Error::<T>::NoTrustedSet);
			let portable = PortableReceipt::decode_all(&mut &portable[..])
				.map_err(|_| Error::<T>::MalformedReceipt)?;
			let receipt = &portable.receipt;
			ensure!(!Results::<T>::contains_key(receipt.job), Error::<T>::AlreadyAccepted);
			let trusted = AuthoritySet::new(authorities.into_inner(), TrustedSetId::<T>::get());
			let verified = verify(&trusted, &portable).map_err(Error::<T>::from)?;
			Results::<T>::insert(
				receipt.job,
				AcceptedResult {
					program: receipt.program,
					output: receipt.output,
					prover: receipt.prover.clone(),
					block: receipt.block,
				},
			);
			Self::deposit_event(Event::ResultAccepted {
				job: receipt.job,
				output: receipt.output,
				finalized: verified.finalized,
				set_id: verified.set_id,
			});
			Ok(())
		}
	}
}
