//! Sortition's runtime API: everything a requester or a prover wants to know about jobs,
//! provers and fees, one call away.
//!
//! The runtime implements [`SortitionApi`] (`runtime/src/apis.rs`); callers reach it
//!
//! - from polkadot.js apps: Developer > Runtime calls > `sortitionApi`, or
//!   `api.call.sortitionApi.job(7)` in @polkadot/api (the methods, their arguments and these
//!   docs are in the runtime's metadata);
//! - from any client through `state_call("SortitionApi_job", SCALE(id))`;
//! - as JSON through the node's `sortition_*` RPC methods (a thin wrapper over this API);
//! - from the command line with `scripts/sortition.mjs`.
//!
//! The answer types also derive `serde::Serialize` for the RPC: balances and 64-bit field
//! elements are decimal strings there, because JavaScript numbers lose precision above 2^53.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Codec, Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Display;
use scale_info::TypeInfo;
use serde::Serialize;
pub use sortition_programs::{serde_str, InputError, Inputs, Output, Program, SecurityLevel};
use sp_runtime::traits::{One, Saturating};

/// A job's id: jobs are numbered from 0 in the order they were submitted.
pub type JobId = u64;

/// Where a job is. Every state has a block by which it leaves on its own.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
)]
#[serde(rename_all_fields = "camelCase")]
pub enum JobState<AccountId, BlockNumber> {
	/// Waiting for a prover to be drawn, in block `draw_at`.
	#[codec(index = 0)]
	Pending {
		/// The block of the next draw.
		draw_at: BlockNumber,
	},
	/// `prover` was drawn and must accept the job by `accept_by` (inclusive).
	#[codec(index = 1)]
	Assigned {
		/// The drawn prover.
		prover: AccountId,
		/// The last block `accept_job` is accepted in.
		accept_by: BlockNumber,
	},
	/// `prover` accepted and must submit a valid proof by `prove_by` (inclusive).
	#[codec(index = 2)]
	Proving {
		/// The prover.
		prover: AccountId,
		/// The last block `submit_proof` is accepted in.
		prove_by: BlockNumber,
	},
	/// Done: `prover`'s proof verified and it was paid. Pruned at `prune_at`; the receipt
	/// stays.
	#[codec(index = 3)]
	Verified {
		/// The prover that was paid.
		prover: AccountId,
		/// The proven output.
		output: Output,
		/// The block the job is removed from storage.
		prune_at: BlockNumber,
	},
	/// Done: no prover delivered; the fee was refunded. Pruned at `prune_at`.
	#[codec(index = 4)]
	Failed {
		/// Why.
		reason: JobFailure,
		/// The block the job is removed from storage.
		prune_at: BlockNumber,
	},
	/// Done: the requester cancelled before a prover was drawn; the fee was refunded. Pruned
	/// at `prune_at`.
	#[codec(index = 5)]
	Cancelled {
		/// The block the job is removed from storage.
		prune_at: BlockNumber,
	},
}

impl<AccountId, BlockNumber: Clone + Saturating + One> JobState<AccountId, BlockNumber> {
	/// The block the state's timed transition is due at (hooks run before the block's
	/// transactions, so a window that ends with block `b` times out in block `b + 1`).
	pub fn deadline(&self) -> BlockNumber {
		match self {
			JobState::Pending { draw_at } => draw_at.clone(),
			JobState::Assigned { accept_by, .. } => accept_by.clone().saturating_add(One::one()),
			JobState::Proving { prove_by, .. } => prove_by.clone().saturating_add(One::one()),
			JobState::Verified { prune_at, .. }
			| JobState::Failed { prune_at, .. }
			| JobState::Cancelled { prune_at } => prune_at.clone(),
		}
	}
}

impl<AccountId, BlockNumber> JobState<AccountId, BlockNumber> {
	/// The prover holding the job, if one does.
	pub fn prover(&self) -> Option<&AccountId> {
		match self {
			JobState::Assigned { prover, .. } | JobState::Proving { prover, .. } => Some(prover),
			_ => None,
		}
	}

	/// Whether the job is finished (verified, failed or cancelled).
	pub fn is_finished(&self) -> bool {
		matches!(
			self,
			JobState::Verified { .. } | JobState::Failed { .. } | JobState::Cancelled { .. }
		)
	}
}

/// Why a job failed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
)]
// Its variants' docs go into the runtime metadata, so that wallets and the dashboard
// show the chain's own words for it (`scale-info` leaves docs out unless asked).
#[scale_info(capture_docs = "always")]
pub enum JobFailure {
	/// No prover was eligible (program, ask, free stake, not suspended, not failed on this job,
	/// not the requester) until the job expired.
	#[codec(index = 0)]
	NoEligibleProver,
	/// `MaxAttempts` provers were assigned and each failed.
	#[codec(index = 1)]
	TooManyAttempts,
}

/// A job as the API shows it: what was asked, for how much, and where it is.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(serialize = "AccountId: Serialize, Balance: Display, BlockNumber: Serialize"))]
pub struct JobInfo<AccountId, Balance, BlockNumber> {
	/// The job's id.
	pub id: JobId,
	/// Who submitted the job and escrows its fee.
	pub requester: AccountId,
	/// What to prove (the inputs name the program and its size in steps).
	pub inputs: Inputs,
	/// The security level the proof must have.
	pub security: SecurityLevel,
	/// The fee offered now: paid to the prover whose proof verifies. It rises towards
	/// `max_fee` each time the job goes back to the draw.
	#[serde(serialize_with = "serde_str::serialize")]
	pub fee: Balance,
	/// The most the requester pays: held until the job ends; what is not paid is refunded.
	#[serde(serialize_with = "serde_str::serialize")]
	pub max_fee: Balance,
	/// The stake the prover puts at risk while it holds the job.
	#[serde(serialize_with = "serde_str::serialize")]
	pub collateral: Balance,
	/// Blocks the prover has from accepting the job to its proof.
	pub proving_window: BlockNumber,
	/// The block the job was submitted in.
	pub submitted_at: BlockNumber,
	/// A draw at or after this block that finds no eligible prover fails the job.
	pub expires_at: BlockNumber,
	/// Provers assigned so far (the current one included).
	pub attempts: u32,
	/// The provers that failed this job (never drawn for it again), oldest first.
	pub failed_provers: Vec<AccountId>,
	/// Where the job is: its prover, its window or its output.
	pub state: JobState<AccountId, BlockNumber>,
	/// The block of the job's next timed transition: the draw, the end of the accept or
	/// proving window plus one, or the block the finished job is pruned at.
	pub next_deadline: BlockNumber,
}

/// A program a prover proves, and the smallest fee it takes a job of it for.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(serialize = "Balance: Display"))]
pub struct Ask<Balance> {
	/// The program.
	pub program: Program,
	/// Jobs of `program` with a lower fee are never assigned to the prover.
	#[serde(serialize_with = "serde_str::serialize")]
	pub min_fee: Balance,
}

/// Stake on its way out of a prover's bond.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(serialize = "Balance: Display, BlockNumber: Serialize"))]
pub struct Unbonding<Balance, BlockNumber> {
	/// The amount, still held.
	#[serde(serialize_with = "serde_str::serialize")]
	pub amount: Balance,
	/// The first block `withdraw_unbonded` releases it in.
	pub unlock_at: BlockNumber,
}

/// A registered prover's record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(serialize = "Balance: Display, BlockNumber: Serialize"))]
pub struct ProverInfo<Balance, BlockNumber> {
	/// Bonded stake: the prover's weight in every draw.
	#[serde(serialize_with = "serde_str::serialize")]
	pub stake: Balance,
	/// The part of `stake` locked as collateral of the jobs it holds.
	#[serde(serialize_with = "serde_str::serialize")]
	pub locked: Balance,
	/// `stake - locked`: the largest collateral of a job it can take now.
	#[serde(serialize_with = "serde_str::serialize")]
	pub free_stake: Balance,
	/// Jobs it holds (assigned or proving).
	pub active_jobs: u32,
	/// The programs it proves, with its ask for each.
	pub asks: Vec<Ask<Balance>>,
	/// The block from which it may resume, if it is suspended (it may be in the past: a
	/// prover stays out of the draw until it resumes).
	pub suspended_until: Option<BlockNumber>,
	/// Whether it is suspended: out of the draw, gets no new jobs.
	pub suspended: bool,
	/// Whether it is suspended and may resume now (`provers.resume`).
	pub may_resume: bool,
	/// Its reliability: the share of its stake it weighs in the draw when not suspended, from
	/// its record of jobs done, missed and invalid (1 for a prover that never failed).
	pub reliability: sp_runtime::Perbill,
	/// Its weight in the draw: stake times reliability, zero while suspended.
	#[serde(serialize_with = "serde_str::serialize")]
	pub draw_weight: Balance,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// Jobs it proved.
	pub jobs_done: u32,
	/// Jobs it did not accept or prove in time.
	pub jobs_missed: u32,
	/// Invalid proofs it submitted.
	pub invalid_proofs: u32,
	/// Everything slashed from its stake so far.
	#[serde(serialize_with = "serde_str::serialize")]
	pub slashed_total: Balance,
	/// Stake it is unbonding, oldest first.
	pub unbonding: Vec<Unbonding<Balance, BlockNumber>>,
}

/// The record of a verified result. The chain keeps it in state while the job is (until the
/// job is pruned, `retention_period` blocks after it was verified) and commits to it for good in
/// the receipts root of its block: a binary Merkle tree (Keccak-256, `binary-merkle-tree`) over
/// the SCALE encodings of the receipts verified in that block, in the order they were verified.
/// The root goes into the next block's MMR leaf ([`ReceiptsLeaf`]), and the MMR root into every
/// header (see [`MMR_ROOT_ENGINE_ID`]).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Serialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Receipt<AccountId, BlockNumber, Hash> {
	/// The job.
	pub job: JobId,
	/// The program proven.
	pub program: Program,
	/// The security level of the proof.
	pub security: SecurityLevel,
	/// The blake2-256 hash of the job's SCALE-encoded inputs.
	pub inputs_hash: Hash,
	/// The verified output.
	pub output: Output,
	/// The prover whose proof verified (and who was paid).
	pub prover: AccountId,
	/// The block the proof verified in: its body holds the proof.
	pub block: BlockNumber,
	/// The index in that block of the `submit_proof` extrinsic that carried the proof.
	pub extrinsic_index: u32,
}

/// The leaf Sortition appends to its Merkle Mountain Range (`pallet-mmr`) in every block: the
/// receipts of the block before it. (A leaf is added in `on_initialize`, before the block's own
/// transactions, so block `n`'s leaf commits to the receipts of block `n - 1`.)
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptsLeaf<BlockNumber, Hash> {
	/// The block whose receipts these are (the parent of the block that added the leaf).
	pub block: BlockNumber,
	/// That block's hash.
	pub block_hash: Hash,
	/// The Keccak-256 binary Merkle root of the block's receipts (`binary_merkle_tree`); all
	/// zeros for a block without receipts.
	pub receipts_root: sp_core::H256,
	/// How many receipts the block has: the number of leaves of that tree.
	pub receipts: u32,
}

/// A receipt's place in the receipts tree of the block it verified in: the part of a portable
/// receipt (`sortition_receipts::PortableReceipt`) that comes from that block.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptProof<AccountId, BlockNumber, Hash> {
	/// The receipt.
	pub receipt: Receipt<AccountId, BlockNumber, Hash>,
	/// Its position among the block's receipts (0-based, in the order they verified).
	pub index: u32,
	/// How many receipts the block has.
	pub receipts: u32,
	/// The sibling hashes from the receipt's leaf up to the block's receipts root.
	pub path: Vec<sp_core::H256>,
}

/// The consensus engine id of the header digest item that carries the MMR root:
/// `DigestItem::Consensus(MMR_ROOT_ENGINE_ID, root.encode())`, in every block from the first.
/// A finalised header thus commits to every result verified before it.
pub const MMR_ROOT_ENGINE_ID: sp_runtime::ConsensusEngineId = *b"SRMR";

/// What a job of a program and size costs now.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(serialize = "Balance: Display"))]
pub struct FeeQuote<Balance> {
	/// The program quoted.
	pub program: Program,
	/// The job's size in steps.
	pub steps: u32,
	/// The collateral the quote assumes (the one asked for, or the chain's minimum).
	#[serde(serialize_with = "serde_str::serialize")]
	pub collateral: Balance,
	/// The smallest fee the chain accepts for any job.
	#[serde(serialize_with = "serde_str::serialize")]
	pub min_fee: Balance,
	/// The smallest fee at which at least one eligible prover takes the job: the job can be
	/// drawn, but only to the cheapest provers.
	#[serde(serialize_with = "serde_str::serialize")]
	pub lowest_fee: Balance,
	/// The smallest fee at which provers holding at least half of the eligible stake take the
	/// job (the stake-weighted median ask): a fee most of the pool competes for.
	#[serde(serialize_with = "serde_str::serialize")]
	pub median_fee: Balance,
	/// The smallest fee at which every eligible prover takes the job.
	#[serde(serialize_with = "serde_str::serialize")]
	pub full_fee: Balance,
	/// The `fee` to submit with: the median fee, which most of the pool competes for.
	#[serde(serialize_with = "serde_str::serialize")]
	pub suggested_fee: Balance,
	/// The `max_fee` to submit with: the full fee. If the draws at `suggested_fee` keep
	/// missing (the provers asking less are busy, or fail the job), the fee rises until
	/// every eligible prover takes the job.
	#[serde(serialize_with = "serde_str::serialize")]
	pub suggested_max_fee: Balance,
	/// Provers that prove the program, are not suspended and have `collateral` of free stake.
	pub eligible_provers: u32,
	/// Their stake.
	#[serde(serialize_with = "serde_str::serialize")]
	pub eligible_stake: Balance,
}

/// Why there is no quote.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, Serialize,
)]
pub enum QuoteError {
	/// The size is not a job's: `steps` must be a power of two from 64 to 1,048,576.
	#[codec(index = 0)]
	InvalidSteps(InputError),
	/// The collateral asked for is below the chain's minimum (`jobs.params.minCollateral`).
	#[codec(index = 1)]
	CollateralTooLow,
	/// Root paused the program: no new jobs of it are accepted.
	#[codec(index = 2)]
	ProgramPaused,
	/// No registered prover that proves the program is unsuspended with enough free stake for
	/// the collateral: a job would wait for one (and fail at its `draw_timeout`).
	#[codec(index = 3)]
	NoEligibleProver,
}

impl QuoteError {
	/// The error as a sentence for people (the RPC's error message, the CLI's output).
	pub fn message(&self) -> &'static str {
		match self {
			QuoteError::InvalidSteps(error) => error.message(),
			QuoteError::CollateralTooLow => {
				"the collateral is below the chain's minimum (jobs.params.minCollateral)"
			},
			QuoteError::ProgramPaused => "the program is paused: no new jobs of it are accepted",
			QuoteError::NoEligibleProver => {
				"no prover can take this job now: none that proves the program is unsuspended \
				 with enough free stake for the collateral"
			},
		}
	}
}

sp_api::decl_runtime_apis! {
	/// Sortition's jobs, provers and fees.
	#[api_version(2)]
	pub trait SortitionApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The receipt of job `id` if it was verified and is not pruned yet: where its proof is
		/// (block and extrinsic index) and what the chain committed to.
		#[api_version(2)]
		fn receipt(id: JobId) -> Option<Receipt<AccountId, BlockNumber, sp_core::H256>>;

		/// Where job `id`'s receipt is in its block's receipts tree, if it verified in this
		/// block: call it at the block the receipt names (`receipt(id).block`), whose state
		/// holds that block's receipts.
		#[api_version(2)]
		fn receipt_proof(id: JobId) -> Option<ReceiptProof<AccountId, BlockNumber, sp_core::H256>>;

		/// Job `id`, or `None` if there is no such job: never submitted, or pruned
		/// `retention_period` blocks after it finished (a verified job's receipt with it; the
		/// receipts MMR keeps it for good).
		fn job(id: JobId) -> Option<JobInfo<AccountId, Balance, BlockNumber>>;

		/// Every job `requester` submitted that is not pruned yet, open and finished, by id.
		fn requester_jobs(requester: AccountId) -> Vec<JobInfo<AccountId, Balance, BlockNumber>>;

		/// The jobs `prover` holds now (assigned to it or being proven by it), by id.
		fn prover_jobs(prover: AccountId) -> Vec<JobInfo<AccountId, Balance, BlockNumber>>;

		/// `prover`'s record (stake, locked collateral, asks, programs, counters, suspension),
		/// or `None` if it is not a registered prover.
		fn prover(prover: AccountId) -> Option<ProverInfo<Balance, BlockNumber>>;

		/// The fees at which provers would take a job of `program` with `steps` steps and
		/// `collateral` (`None`: the chain's minimum collateral) now.
		fn quote(
			program: Program,
			steps: u32,
			collateral: Option<Balance>,
		) -> Result<FeeQuote<Balance>, QuoteError>;
	}
}
