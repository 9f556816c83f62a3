//! # Jobs
//!
//! The Sortition job market: a requester posts a proving job with a fee, the chain draws one
//! staked prover for it at random, the prover proves it off-chain and posts the proof, the
//! runtime verifies the proof and pays the prover. A prover that fails is slashed and suspended
//! and the job goes to another prover.
//!
//! ## Pallet API
//!
//! Calls (see each call's docs): [`submit_job`](Pallet::submit_job),
//! [`cancel_job`](Pallet::cancel_job), [`accept_job`](Pallet::accept_job),
//! [`submit_proof`](Pallet::submit_proof) and, for Root, [`set_params`](Pallet::set_params) and
//! [`set_program_paused`](Pallet::set_program_paused). Provers come from a
//! [`ProverRegistry`] (the provers pallet in the runtime).
//!
//! ## Overview
//!
//! ```text
//! Pending   --(draw: a prover found)------------------> Assigned { prover, accept_by }
//! Pending   --(nobody eligible, job not expired)------> Pending (drawn again later)
//! Pending   --(nobody eligible, job expired)----------> Failed (fee refunded)
//! Pending   --(requester cancels)---------------------> Cancelled (fee refunded)
//! Assigned  --(prover accepts by accept_by)-----------> Proving { prover, prove_by }
//! Assigned  --(valid proof by accept_by)--------------> Verified (fee to the prover)
//! Assigned  --(invalid proof by accept_by)------------> Pending  (collateral slashed, suspension)
//! Assigned  --(no accept by accept_by)----------------> Pending  (penalty, suspension)
//! Proving   --(valid proof by prove_by)---------------> Verified (fee to the prover)
//! Proving   --(invalid proof)-------------------------> Pending  (collateral slashed, suspension)
//! Proving   --(no proof by prove_by)------------------> Pending  (collateral slashed, suspension)
//! a prover failed and MaxAttempts provers were tried -> Failed (fee refunded)
//! Verified / Failed / Cancelled --(retention period)--> pruned (receipt too: the MMR keeps it)
//! ```
//!
//! A requester submits a job: the inputs of a program (checked: a job that cannot be proven is
//! refused here), a security level, a fee (held from the requester until the job ends), the
//! collateral the prover must put at risk and the proving window. In the next block the chain
//! draws a prover, by stake, among the provers that prove the program, ask at most the fee,
//! have the collateral free, are not suspended, have not failed this job and are not the
//! requester. The drawn prover's collateral is locked, and it has the accept window to accept
//! the job (the pre-confirmation: the requester knows a staked prover is on it) and then the
//! proving window to post a proof. A prover that has the proof within the accept window posts
//! it at once: the proof is its acceptance. A valid proof pays the fee to the prover, releases its
//! collateral and records the result; the call is free. A prover that does not accept in time
//! loses a small part of its collateral; one that does not prove in time or posts an invalid
//! proof loses all of it (a share goes to the requester, the rest is burned). Either way it is
//! suspended for a while and the job is drawn again, up to `MaxAttempts` provers.
//!
//! ## Low Level / Implementation Details
//!
//! ### Design
//!
//! - Every job state has a block at which it ends on its own ([`Job::deadline`]); the job sits
//!   in [`Deadlines`] under exactly that block. `on_initialize` takes due deadlines in block
//!   order under a weight budget (`HookWeight`) and resumes where it stopped in the next block
//!   ([`DeadlineCursor`]), so a block with thousands of expiring jobs never overruns: they are
//!   handled over the next blocks, in order, and none is lost.
//! - Randomness: the draw hashes `Randomness` (in the runtime, BABE's VRF output of the block
//!   being built, read from its pre-digest) with the job id and attempt number. A job submitted
//!   in block `n` is first drawn in block `n + 1`, from block `n + 1`'s own VRF output: only
//!   that block's author can know it before the block is out, and it cannot choose it (see
//!   `docs/architecture.md`, "Randomness"). It is computed once per block, when the first
//!   due draw needs it.
//! - Money only moves through fungible holds: the fee is held under `HoldReason::JobFee` and
//!   either transferred on hold to the prover or released; collateral is part of the prover's
//!   stake, locked and slashed through the [`ProverRegistry`].
//! - Verification runs `sortition_programs::verify` inside the runtime. `submit_proof` is
//!   weighed for the largest proof and returns the weight of the proof it got.
//! - Results leave the chain ([`receipts`]): a verified job's [`Receipt`] records where its
//!   proof is (block, extrinsic index); each block's receipts go into a Merkle tree whose root
//!   the next block's MMR leaf carries (the pallet is `pallet-mmr`'s `LeafDataProvider`), and
//!   [`DepositMmrRoot`] puts the MMR root in every header.
//!
//! ### Terminology
//!
//! - **Fee**: what the requester pays for a verified proof.
//! - **Collateral**: the part of the prover's stake at risk while it holds the job.
//! - **Attempt**: one prover's turn at the job.
//! - **Receipt**: the compact record of a verified result that outlives the job.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod asset;
mod authorization;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod lifecycle;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod offchain;
mod queue;
pub mod receipts;
mod selection;
#[cfg(test)]
mod tests;
pub mod types;
mod verification;
mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
pub use pallet::*;
pub use pallet_provers::{FailureReason, ProverRegistry};
pub use receipts::{receipts_root, DepositMmrRoot};
pub use types::*;
pub use views::JobInfoOf;
pub use weights::WeightInfo;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::jobs";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		dispatch::DispatchResultWithPostInfo,
		pallet_prelude::*,
		traits::{fungible, Randomness},
	};
	use frame_system::{
		ensure_authorized,
		offchain::{AppCrypto, CreateAuthorizedTransaction, SigningTypes},
		pallet_prelude::*,
	};
	use sortition_programs::{Inputs, Output, Program, SecurityLevel, VerifyError};
	use sp_runtime::traits::IdentifyAccount;

	/// The in-code storage version. 1: jobs have `max_fee` and `raises`, the parameters the fee
	/// steps and declines ([`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ CreateAuthorizedTransaction<Call<Self>>
		+ SigningTypes<Public: DecodeWithMemTracking, Signature: DecodeWithMemTracking>
	{
		/// The currency fees are held and paid in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The provers: draw, lock, slash, suspend (the provers pallet in the runtime).
		type Provers: ProverRegistry<
			Self::AccountId,
			Balance = BalanceOf<Self>,
			BlockNumber = BlockNumberFor<Self>,
		>;

		/// Randomness for the draw, fresh in every block and unknown before it: in the runtime,
		/// BABE's VRF output of the block being built. `None` (a block without a VRF output)
		/// postpones draws by a block. Read at most once per block.
		type Randomness: Randomness<Option<Self::Hash>, BlockNumberFor<Self>>;

		/// The most provers a job is assigned to: when the last one fails, the job fails and
		/// its fee is refunded. At least one.
		#[pallet::constant]
		type MaxAttempts: Get<u32>;

		/// The most open jobs (not yet verified, failed or cancelled) one requester has at
		/// once. At least one.
		#[pallet::constant]
		type MaxOpenJobs: Get<u32>;

		/// The largest proof `submit_proof` takes, in bytes. At most
		/// `sortition_programs::MAX_PROOF_SIZE`, and at least the largest proof of any
		/// accepted job.
		#[pallet::constant]
		type MaxProofSize: Get<u32>;

		/// The most proofs that can verify in one block: their receipts wait in
		/// `BlockReceipts` until the block ends. At least the number of the smallest proofs a
		/// block's length admits, so that the bound is never what stops a proof.
		#[pallet::constant]
		type MaxReceiptsPerBlock: Get<u32>;

		/// The weight `on_initialize` may spend on due deadlines in one block; what is left
		/// over waits for the next block. At least the weight of the costliest deadline.
		#[pallet::constant]
		type HookWeight: Get<Weight>;

		/// The parameters until Root sets them (`set_params`). The current values are in the
		/// `Params` storage item.
		type InitialParams: Get<ParamsOf<Self>>;

		/// Weights of this pallet's calls and hook, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// The keys the offchain worker proves and signs with, and that authorize
		/// `accept_job_authorized` and `submit_proof_authorized` (`offchain::crypto::ProverKey`
		/// in the runtime: sr25519, key type `prov`).
		type ProverKey: AppCrypto<Self::Public, Self::Signature>;

		/// Sets up what the benchmarks need from the runtime (randomness for the draw).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The fee of an open job, held from its requester.
		#[codec(index = 0)]
		JobFee,
	}

	/// The parameters Root can change (fees, collateral, windows, periods).
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, ParamsOf<T>, ValueQuery, T::InitialParams>;

	/// Programs Root has paused: no new jobs for them (jobs already submitted go on).
	#[pallet::storage]
	pub type PausedPrograms<T: Config> = StorageMap<_, Twox64Concat, Program, ()>;

	/// The id the next job gets.
	#[pallet::storage]
	pub type NextJobId<T: Config> = StorageValue<_, JobId, ValueQuery>;

	/// Every job not yet pruned, by id.
	// Twox64Concat: job ids are assigned by the pallet, not chosen by users.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, JobOf<T>>;

	/// The open jobs (pending, assigned or proving) of each requester.
	#[pallet::storage]
	pub type RequesterJobs<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<JobId, T::MaxOpenJobs>,
		ValueQuery,
	>;

	/// The jobs each prover holds (assigned or proving): what its offchain worker works on.
	#[pallet::storage]
	pub type ProverJobs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, ()>;

	/// Every job under the block its next timed transition is due at (see [`Job::deadline`]).
	// Twox64Concat: block numbers and job ids are not chosen freely by users.
	#[pallet::storage]
	pub type Deadlines<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Twox64Concat, JobId, ()>;

	/// The first block whose deadlines may not all have been handled yet.
	#[pallet::storage]
	pub type DeadlineCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The receipt of every verified job that is not pruned yet (it is pruned with its job;
	/// the MMR keeps it for good: see [`receipts`]).
	#[pallet::storage]
	pub type Receipts<T: Config> = StorageMap<_, Twox64Concat, JobId, ReceiptOf<T>>;

	/// The receipts verified in this block, in order. They stay in the block's final state and
	/// are settled (their root to `LastReceiptsRoot`) at the start of the next block.
	#[pallet::storage]
	pub type BlockReceipts<T: Config> =
		StorageValue<_, BoundedVec<ReceiptOf<T>, T::MaxReceiptsPerBlock>, ValueQuery>;

	/// Each prover's declines in the current decline period: the period's number
	/// (`block / decline_period`) and the count. Counts from an older period start over.
	#[pallet::storage]
	pub type Declines<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), ValueQuery>;

	/// The receipts root of the last block that had receipts, for the MMR leaf of the block
	/// after it.
	#[pallet::storage]
	pub type LastReceiptsRoot<T: Config> = StorageValue<_, ReceiptsRoot<BlockNumberFor<T>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A job was submitted; its `max_fee` is held. A prover is drawn for it in the next
		/// block, at `fee`.
		JobSubmitted {
			job: JobId,
			requester: T::AccountId,
			program: Program,
			steps: u32,
			fee: BalanceOf<T>,
			max_fee: BalanceOf<T>,
			collateral: BalanceOf<T>,
		},
		/// The job went back to the draw (its prover failed or declined it, or a draw found
		/// nobody) and its fee rose to `fee` (at most `max_fee`): provers asking up to `fee`
		/// can now be drawn.
		FeeRaised { job: JobId, fee: BalanceOf<T>, max_fee: BalanceOf<T> },
		/// `prover` declined the job: it paid `penalty` of its collateral (split like a slash)
		/// and is not drawn for this job again; the job was drawn again at once. `over_quota`:
		/// the prover had used its declines for the period, so this one counts as a missed
		/// job.
		JobDeclined { job: JobId, prover: T::AccountId, penalty: BalanceOf<T>, over_quota: bool },
		/// `prover` was drawn for the job (its `attempt`-th prover, from 1) and has its
		/// collateral locked; it must accept by block `accept_by`.
		ProverAssigned {
			job: JobId,
			prover: T::AccountId,
			attempt: u32,
			accept_by: BlockNumberFor<T>,
		},
		/// The assigned prover accepted the job; its proof is due by block `prove_by`.
		JobAccepted { job: JobId, prover: T::AccountId, prove_by: BlockNumberFor<T> },
		/// The draw found no eligible prover; the job is drawn again at `next_draw_at`.
		NoProverDrawn { job: JobId, next_draw_at: BlockNumberFor<T> },
		/// The proof verified: `prover` was paid `fee`, the rest of the requester's `max_fee`
		/// (`refunded`) went back to it, and the output was recorded.
		ProofVerified {
			job: JobId,
			prover: T::AccountId,
			output: Output,
			fee: BalanceOf<T>,
			refunded: BalanceOf<T>,
		},
		/// The proof did not verify (`reason`); the prover is slashed and the job drawn again.
		ProofRejected { job: JobId, prover: T::AccountId, reason: VerifyError },
		/// `prover` failed the job (`reason`): `slashed` of its collateral was taken (see the
		/// provers pallet's `Slashed` event for the requester's share), it is suspended, and
		/// the job goes back to the draw (or fails after `MaxAttempts`).
		ProverFailed {
			job: JobId,
			prover: T::AccountId,
			reason: FailureReason,
			slashed: BalanceOf<T>,
		},
		/// The job failed (`reason`); its held fee (`max_fee`) was refunded.
		JobFailed { job: JobId, reason: JobFailure, refunded: BalanceOf<T> },
		/// The requester cancelled the job; its held fee (`max_fee`) was refunded.
		JobCancelled { job: JobId, refunded: BalanceOf<T> },
		/// A finished job was removed from storage (a verified job's receipt with it: the
		/// receipts MMR keeps it for good).
		JobPruned { job: JobId },
		/// Root changed the parameters.
		ParamsSet { params: ParamsOf<T> },
		/// Root paused (no new jobs) or resumed a program.
		ProgramPauseSet { program: Program, paused: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Root has paused this program: no new jobs for it for now. Try again later.
		ProgramPaused,
		/// `steps` must be a power of two (64, 128, ..., 1048576).
		StepsNotPowerOfTwo,
		/// `steps` is below the smallest job (64 steps).
		TooFewSteps,
		/// `steps` is above the largest job (1048576 = 2^20 steps).
		TooManySteps,
		/// A seed element is not a field element: it must be below 2^64 - 2^32 + 1.
		SeedNotInField,
		/// The fee is below the minimum fee (`Params.min_fee`).
		FeeBelowMinimum,
		/// `max_fee` is below `fee`: give the most you would pay, at least the fee (the same
		/// amount for a fee that never rises).
		MaxFeeBelowFee,
		/// The collateral is below the minimum collateral (`Params.min_collateral`).
		CollateralBelowMinimum,
		/// The proving window is shorter than `Params.min_proving_window` blocks.
		ProvingWindowTooShort,
		/// The proving window is longer than `Params.max_proving_window` blocks.
		ProvingWindowTooLong,
		/// You have `MaxOpenJobs` open jobs already: wait for one to finish, or cancel one.
		TooManyOpenJobs,
		/// Your free balance cannot cover the `max_fee` (the account must also keep the
		/// existential deposit).
		InsufficientBalance,
		/// No job has this id (it never existed, or it finished and was pruned
		/// `retention_period` blocks later).
		JobNotFound,
		/// Only the job's requester can do this.
		NotRequester,
		/// A prover has been drawn for the job already: it can no longer be cancelled.
		JobNotPending,
		/// You are not the prover the job is assigned to.
		NotAssignedProver,
		/// The job is not waiting to be accepted (not assigned yet, accepted already, or
		/// finished).
		JobNotAssigned,
		/// The accept window closed: the job goes to another prover.
		AcceptWindowClosed,
		/// The job is not waiting for a proof: no prover holds it yet, or it finished.
		JobNotProving,
		/// The proving window closed: the job goes to another prover.
		ProvingWindowClosed,
		/// `MaxReceiptsPerBlock` proofs verified in this block already: send the proof again
		/// in the next block (it is still within its window if it came early enough).
		TooManyProofsInBlock,
		/// The job id space is exhausted.
		JobIdOverflow,
		/// The parameters are invalid: windows, periods, `fee_steps` and the minimum
		/// collateral must be above zero and `min_proving_window <= max_proving_window`.
		InvalidParams,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let settled = Self::settle_receipts(now);
			<T as Config>::WeightInfo::settle_receipts(settled)
				.saturating_add(Self::process_deadlines(now))
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::do_offchain_work(now);
		}

		fn integrity_test() {
			Self::do_integrity_test();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Submit a proving job: prove `inputs` (which name the program) at `security`, for
		/// `fee` (up to `max_fee`), with `collateral` at risk for the prover and
		/// `proving_window` blocks to prove.
		///
		/// ## Dispatch Origin
		/// Signed: the requester.
		///
		/// ## Details
		/// The inputs are checked (a job that cannot be proven is refused) and `max_fee` is
		/// held from the requester until the job ends. A prover is drawn in the next block,
		/// among those asking at most `fee`. Each time the job goes back to the draw (its
		/// prover failed or declined it, or a draw found nobody) the fee steps up towards
		/// `max_fee` (`Params.fee_steps` steps), so more provers qualify (`FeeRaised`). The
		/// prover whose proof verifies is paid the fee of that moment and the rest of
		/// `max_fee` is refunded; all of it is refunded if the job fails or is cancelled. With
		/// `max_fee == fee` the fee never rises.
		///
		/// ## Errors
		/// `ProgramPaused`, `StepsNotPowerOfTwo`, `TooFewSteps`, `TooManySteps`,
		/// `SeedNotInField`, `FeeBelowMinimum`, `MaxFeeBelowFee`, `CollateralBelowMinimum`,
		/// `ProvingWindowTooShort`, `ProvingWindowTooLong`, `TooManyOpenJobs`,
		/// `InsufficientBalance`, `JobIdOverflow`.
		///
		/// ## Events
		/// `JobSubmitted`.
		#[pallet::call_index(0)]
		pub fn submit_job(
			origin: OriginFor<T>,
			inputs: Inputs,
			security: SecurityLevel,
			#[pallet::compact] fee: BalanceOf<T>,
			#[pallet::compact] max_fee: BalanceOf<T>,
			#[pallet::compact] collateral: BalanceOf<T>,
			proving_window: BlockNumberFor<T>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_submit_job(
				requester,
				inputs,
				security,
				fee,
				max_fee,
				collateral,
				proving_window,
			)
			.map(|_| ())
		}

		/// Cancel a job no prover has been drawn for yet; its fee is refunded.
		///
		/// ## Dispatch Origin
		/// Signed: the job's requester.
		///
		/// ## Errors
		/// `JobNotFound`, `NotRequester`, `JobNotPending`.
		///
		/// ## Events
		/// `JobCancelled`.
		#[pallet::call_index(1)]
		pub fn cancel_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_cancel_job(requester, job)
		}

		/// Accept a job you were drawn for: from now on you have the job's proving window to
		/// submit its proof.
		///
		/// ## Dispatch Origin
		/// Signed: the prover the job is assigned to.
		///
		/// ## Details
		/// Must come by the `accept_by` block of `ProverAssigned`. A prover that does not
		/// accept in time loses `Params.accept_timeout_slash` of the collateral and is
		/// suspended; the job goes to another prover.
		///
		/// ## Errors
		/// `JobNotFound`, `JobNotAssigned`, `NotAssignedProver`, `AcceptWindowClosed`.
		///
		/// ## Events
		/// `JobAccepted`.
		#[pallet::call_index(2)]
		pub fn accept_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_accept_job(prover, job)
		}

		/// Submit the proof of a job you hold, with the output it proves. A proof within the
		/// accept window is also your acceptance: no `accept_job` is needed before it.
		///
		/// ## Dispatch Origin
		/// Signed: the prover the job is assigned to.
		///
		/// ## Details
		/// The proof is verified in the runtime, bound to you: it must have been made for your
		/// account (`prove(.., prover_id(you))`; a proof made by anyone else is invalid). Valid:
		/// the fee is paid to you, your
		/// collateral is released, the output is recorded (`ProofVerified`), and the call is
		/// free. The receipt records the block and this extrinsic's index, so that anyone can
		/// fetch the proof (`sortition_proof`), and goes into the block's receipts root.
		/// Invalid: the call succeeds with `ProofRejected` (so the slash stands), your
		/// whole collateral is slashed, you are suspended, the job goes to another prover, and
		/// you pay for the verification. Must come by the `accept_by` block of
		/// `ProverAssigned` if you have not accepted, or by the `prove_by` block of
		/// `JobAccepted` if you have.
		///
		/// ## Errors
		/// `JobNotFound`, `JobNotProving`, `NotAssignedProver`, `AcceptWindowClosed`,
		/// `ProvingWindowClosed`, `TooManyProofsInBlock`. (A proof over `MaxProofSize` bytes does not decode: the
		/// transaction is invalid.)
		///
		/// ## Events
		/// `ProofVerified`, or `ProofRejected` and `ProverFailed`.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::submit_proof_weight(T::MaxProofSize::get()))]
		pub fn submit_proof(
			origin: OriginFor<T>,
			job: JobId,
			output: Output,
			proof: BoundedVec<u8, T::MaxProofSize>,
		) -> DispatchResultWithPostInfo {
			let prover = ensure_signed(origin)?;
			Self::do_submit_proof(prover, job, output, proof)
		}

		/// Set the market's parameters.
		///
		/// ## Dispatch Origin
		/// Root.
		///
		/// ## Details
		/// Applies to jobs submitted, accepted and drawn from now on; deadlines already set
		/// stay.
		///
		/// ## Errors
		/// `InvalidParams`.
		///
		/// ## Events
		/// `ParamsSet`.
		#[pallet::call_index(4)]
		pub fn set_params(origin: OriginFor<T>, params: ParamsOf<T>) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_params(params)
		}

		/// Pause (no new jobs) or resume a program. Jobs already submitted go on.
		///
		/// ## Dispatch Origin
		/// Root.
		///
		/// ## Events
		/// `ProgramPauseSet`.
		#[pallet::call_index(5)]
		pub fn set_program_paused(
			origin: OriginFor<T>,
			program: Program,
			paused: bool,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_program_paused(program, paused);
			Ok(())
		}

		/// `accept_job` without a fee or nonce, authorized by your prover key's signature: what
		/// a prover's node sends.
		///
		/// ## Dispatch Origin
		/// A general (unsigned) transaction: `turn.prover`'s signature of
		/// `turn.accept_message()` authorizes it.
		///
		/// ## Details
		/// As `accept_job`, for `turn.prover`'s account. The transaction is valid only while
		/// that account holds attempt `turn.attempt` of the job, before acceptance and by
		/// `accept_by`; otherwise the pool refuses it (`Stale`: another attempt, finished, or
		/// the window closed; `BadSigner`: not the assigned prover; `Call`: accepted already;
		/// `BadProof`: the signature does not verify) and nothing happens.
		///
		/// ## Events
		/// `JobAccepted`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_job())]
		#[pallet::authorize(Pallet::<T>::authorize_accept)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_accept())]
		pub fn accept_job_authorized(
			origin: OriginFor<T>,
			turn: ProverTurn<T::Public>,
			signature: T::Signature,
		) -> DispatchResult {
			// The turn and its signature were checked by `authorize` in this same transaction.
			ensure_authorized(origin)?;
			let _ = signature;
			Self::do_accept_job(turn.prover.into_account(), turn.job)
		}

		/// `submit_proof` without a fee or nonce, authorized by your prover key's signature:
		/// what a prover's node sends.
		///
		/// ## Dispatch Origin
		/// A general (unsigned) transaction: `turn.prover`'s signature of
		/// `turn.proof_message(output, proof)` (which signs the proof's blake2-256 hash) authorizes it.
		///
		/// ## Details
		/// As `submit_proof`, for `turn.prover`'s account: a valid proof pays the fee; an
		/// invalid one is slashed as for `submit_proof` (the collateral is the bond: there is no
		/// fee to pay). The transaction is valid only while that account holds attempt
		/// `turn.attempt` of the job, by `accept_by` or, once accepted, by `prove_by`;
		/// otherwise the pool refuses it (`Stale`, `BadSigner`, `BadProof`, as for
		/// `accept_job_authorized`) and nothing happens.
		///
		/// ## Errors
		/// `TooManyProofsInBlock` (send it again in the next block).
		///
		/// ## Events
		/// `ProofVerified`, or `ProofRejected` and `ProverFailed`.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::submit_proof_weight(T::MaxProofSize::get()))]
		#[pallet::authorize(Pallet::<T>::authorize_proof)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_proof(T::MaxProofSize::get()))]
		pub fn submit_proof_authorized(
			origin: OriginFor<T>,
			turn: ProverTurn<T::Public>,
			output: Output,
			proof: BoundedVec<u8, T::MaxProofSize>,
			signature: T::Signature,
		) -> DispatchResultWithPostInfo {
			// The turn and its signature were checked by `authorize` in this same transaction.
			ensure_authorized(origin)?;
			let _ = signature;
			Self::do_submit_proof(turn.prover.into_account(), turn.job, output, proof)
		}

		/// Put your prover back into the draw after a suspension, without a fee or nonce,
		/// authorized by your prover key's signature: what a prover's node sends as soon as its
		/// suspension is over (`provers.resume` does the same for a signed origin).
		///
		/// ## Dispatch Origin
		/// A general (unsigned) transaction: `prover`'s signature of
		/// `resume_message(prover, until)` authorizes it.
		///
		/// ## Details
		/// Valid only while `prover`'s account is suspended with `suspended_until == until` and
		/// `until` has come; otherwise the pool refuses it (`Stale`: not suspended, or another
		/// suspension; `Future`: the suspension is not over; `BadProof`: the signature does not
		/// verify) and nothing happens.
		///
		/// ## Events
		/// `provers.Resumed`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::Provers::resume_weight())]
		#[pallet::authorize(Pallet::<T>::authorize_resume)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_resume())]
		pub fn resume_authorized(
			origin: OriginFor<T>,
			prover: T::Public,
			until: BlockNumberFor<T>,
			signature: T::Signature,
		) -> DispatchResult {
			// The suspension and the signature were checked by `authorize` in this transaction.
			ensure_authorized(origin)?;
			let _ = (until, signature);
			T::Provers::resume(&prover.into_account())
		}

		/// Decline a job you were drawn for and cannot take: it is drawn again at once, to
		/// another prover, instead of waiting for your accept window to run out.
		///
		/// ## Dispatch Origin
		/// Signed: the prover the job is assigned to.
		///
		/// ## Details
		/// Only before you accept, within the accept window. You pay `Params.decline_penalty`
		/// of the job's collateral (half to the requester, half burned, as a slash; it may be
		/// zero), are not suspended, and are never drawn for this job again. The job's fee
		/// steps up towards its `max_fee` before the new draw. Up to `Params.decline_quota`
		/// declines per `Params.decline_period` blocks cost only the penalty; each one beyond
		/// that also counts as a missed job on your record (lowering your weight in the
		/// draw). If you were the job's last allowed prover (`MaxAttempts`), the job fails and
		/// its fee is refunded.
		///
		/// ## Errors
		/// `JobNotFound`, `JobNotAssigned`, `NotAssignedProver`, `AcceptWindowClosed`.
		///
		/// ## Events
		/// `JobDeclined`, then `FeeRaised` and `ProverAssigned` or `NoProverDrawn` (or
		/// `JobFailed`).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::decline_job().saturating_add(
			T::Provers::draw_weight(T::Provers::max_draw_attempts())
		))]
		pub fn decline_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_decline_job(prover, job)
		}
	}
}
