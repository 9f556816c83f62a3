//! The records this pallet stores.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use scale_info::TypeInfo;
pub use sortition_api::{JobFailure, JobId, JobState, Receipt, ReceiptProof, ReceiptsLeaf};
use sortition_programs::{Inputs, SecurityLevel};
use sp_runtime::{
	traits::{One, Saturating},
	Perbill,
};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The block number type of the runtime.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
/// A job as this runtime stores it.
pub type JobOf<T> = Job<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberOf<T>,
	<T as Config>::MaxAttempts,
>;
/// A job's state as this runtime stores it.
pub type JobStateOf<T> = JobState<<T as frame_system::Config>::AccountId, BlockNumberOf<T>>;
/// A verified result's receipt as this runtime stores it (and commits to in its receipts root).
pub type ReceiptOf<T> = Receipt<
	<T as frame_system::Config>::AccountId,
	BlockNumberOf<T>,
	<T as frame_system::Config>::Hash,
>;
/// A receipt's place in its block's receipts tree, as this runtime gives it.
pub type ReceiptProofOf<T> = ReceiptProof<
	<T as frame_system::Config>::AccountId,
	BlockNumberOf<T>,
	<T as frame_system::Config>::Hash,
>;
/// The MMR leaf of this runtime: the receipts root of the parent block.
pub type ReceiptsLeafOf<T> = ReceiptsLeaf<BlockNumberOf<T>, <T as frame_system::Config>::Hash>;
/// The parameters as this runtime stores them.
pub type ParamsOf<T> = JobParams<BalanceOf<T>, BlockNumberOf<T>>;

/// A proving job.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxAttempts))]
pub struct Job<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxAttempts: Get<u32>,
> {
	/// Who submitted the job and escrows its fee (held under `HoldReason::JobFee`).
	pub requester: AccountId,
	/// What to prove (the inputs name their program).
	pub inputs: Inputs,
	/// The security level the proof must have.
	pub security: SecurityLevel,
	/// The fee offered now: paid to the prover whose proof verifies. Provers whose ask is
	/// above it are not drawn. It starts at the fee submitted and steps up towards `max_fee`
	/// each time the job goes back to the draw (see `JobParams::fee_steps`).
	pub fee: Balance,
	/// The most the requester pays: held (all of it) until the job ends; what the prover is
	/// not paid is refunded. Equal to `fee` for a job whose fee never rises.
	pub max_fee: Balance,
	/// How many times the fee has stepped up.
	pub raises: u32,
	/// The prover's stake at risk while it holds the job: all of it is slashed for a missed
	/// proving deadline or an invalid proof.
	pub collateral: Balance,
	/// Blocks the prover has from accepting the job to its proof.
	pub proving_window: BlockNumber,
	/// The block the job was submitted in.
	pub submitted_at: BlockNumber,
	/// Until this block the chain keeps drawing for the job while no prover is eligible; a
	/// draw at or after it that finds nobody fails the job.
	pub expires_at: BlockNumber,
	/// Provers assigned so far (the current one included).
	pub attempts: u32,
	/// The provers that failed this job: never drawn for it again.
	pub failed: BoundedVec<AccountId, MaxAttempts>,
	/// Where the job is.
	pub state: JobState<AccountId, BlockNumber>,
}

impl<
		AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
		Balance: Clone + PartialEq + Eq + core::fmt::Debug,
		BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug + Saturating + One,
		MaxAttempts: Get<u32>,
	> Job<AccountId, Balance, BlockNumber, MaxAttempts>
{
	/// The block the job's next timed transition is due at. Every job has one, so no job
	/// is ever stuck (for a finished job it is the block it is pruned at).
	pub fn deadline(&self) -> BlockNumber {
		self.state.deadline()
	}

	/// The prover holding the job (assigned or proving).
	pub fn prover(&self) -> Option<&AccountId> {
		self.state.prover()
	}

	/// Whether the job is still open: it holds the requester's fee.
	pub fn is_open(&self) -> bool {
		!self.state.is_finished()
	}
}

/// The receipts root of a block, kept until the next block's MMR leaf takes it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct ReceiptsRoot<BlockNumber> {
	/// The block the receipts were verified in.
	pub block: BlockNumber,
	/// Their Keccak-256 binary Merkle root.
	pub root: sp_core::H256,
	/// How many there are.
	pub receipts: u32,
}

/// The market's parameters, set by Root with `set_params`.
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
)]
pub struct JobParams<Balance, BlockNumber> {
	/// The smallest fee a job can offer.
	pub min_fee: Balance,
	/// The smallest collateral a job can ask provers to put at risk. Above zero.
	pub min_collateral: Balance,
	/// Blocks a drawn prover has to accept the job (the pre-confirmation). Above zero.
	pub accept_window: BlockNumber,
	/// The shortest proving window a job can ask for. Above zero.
	pub min_proving_window: BlockNumber,
	/// The longest proving window a job can ask for. At least `min_proving_window`.
	pub max_proving_window: BlockNumber,
	/// Blocks after submission during which the chain keeps looking for an eligible prover.
	/// Above zero.
	pub draw_timeout: BlockNumber,
	/// Blocks between two draws for a job when the last one found nobody. Above zero.
	pub redraw_interval: BlockNumber,
	/// Blocks a finished job (and a verified job's receipt) stays in storage before it is
	/// pruned; the receipt stays in the MMR for good. Above zero.
	pub retention_period: BlockNumber,
	/// The part of the collateral slashed from a prover that does not accept in time (a missed
	/// proof or an invalid one costs all of it).
	pub accept_timeout_slash: Perbill,
	/// In how many steps a job's fee rises from the fee submitted to its `max_fee`: each
	/// time the job goes back to the draw (its prover failed or declined it, or a draw found
	/// nobody) the fee rises by the gap left divided by the steps left. Above zero.
	pub fee_steps: u32,
	/// What a prover that declines a job pays from the job's collateral (at most all of it);
	/// split like a slash, between the requester and the burn. May be zero.
	pub decline_penalty: Balance,
	/// Declines a prover makes per `decline_period` before each further one also counts as
	/// a missed job on its record (lowering its reliability, as a miss does).
	pub decline_quota: u32,
	/// The length of the periods `decline_quota` counts over, in blocks. Above zero.
	pub decline_period: BlockNumber,
}

/// One prover's turn at a job, as its prover key signs it for an authorized (fee-free, nonce-free)
/// transaction: `accept_job_authorized` and `submit_proof_authorized`. The attempt makes a
/// signature good for this turn only: if the same prover is drawn for the job again, an old
/// signature does not act for it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct ProverTurn<Public> {
	/// The prover's key: its account must be the job's assigned prover.
	pub prover: Public,
	/// The job.
	pub job: JobId,
	/// The job's attempt the prover holds (`ProverAssigned.attempt`).
	pub attempt: u32,
}

impl<Public: Encode> ProverTurn<Public> {
	/// The bytes the prover key signs to accept the job.
	pub fn accept_message(&self) -> Vec<u8> {
		(b"sortition:accept_job", self).encode()
	}

	/// The bytes the prover key signs to deliver `output` and `proof`: the proof's blake2-256
	/// hash, not the proof itself, as for any large signed payload.
	pub fn proof_message(&self, output: &sortition_programs::Output, proof: &[u8]) -> Vec<u8> {
		let proof_hash = sp_io::hashing::blake2_256(proof);
		(b"sortition:submit_proof", self, output, proof_hash).encode()
	}
}

/// The bytes a prover key signs to put its account back into the draw after the suspension
/// it may resume from at block `until` (`resume_authorized`): good for that suspension only.
pub fn resume_message<Public: Encode, BlockNumber: Encode>(
	prover: &Public,
	until: &BlockNumber,
) -> Vec<u8> {
	(b"sortition:resume", prover, until).encode()
}

/// The [`ProverId`](sortition_programs::ProverId) a proof by `account` is bound to: the
/// account's SCALE encoding, zero-padded to 32 bytes (blake2-256 of it if longer). For the
/// runtime's 32-byte accounts it is the account's public key itself, so a client computes it
/// from the address alone. Injective for accounts of at most 32 bytes.
pub fn prover_id<AccountId: Encode>(account: &AccountId) -> sortition_programs::ProverId {
	account.using_encoded(|bytes| {
		if bytes.len() > 32 {
			return sp_io::hashing::blake2_256(bytes);
		}
		let mut id = [0u8; 32];
		id[..bytes.len()].copy_from_slice(bytes);
		id
	})
}
