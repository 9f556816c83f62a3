//! The records this pallet stores.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use scale_info::TypeInfo;
use sortition_programs::Program;
use sp_runtime::Perbill;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The block number type of the runtime.
pub type BlockNumberOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
/// A prover's record as this runtime stores it.
pub type ProverOf<T> = Prover<BalanceOf<T>, BlockNumberOf<T>, <T as Config>::MaxPrograms>;
/// A prover's programs and asks as this runtime stores them.
pub type OffersOf<T> = BoundedVec<ProgramAsk<BalanceOf<T>>, <T as Config>::MaxPrograms>;
/// A prover's unbonding chunks as this runtime stores them.
pub type UnbondingOf<T> =
	BoundedVec<UnbondingChunk<BalanceOf<T>, BlockNumberOf<T>>, <T as Config>::MaxUnbondingChunks>;
/// The parameters as this runtime stores them.
pub type ParamsOf<T> = ProverParams<BalanceOf<T>, BlockNumberOf<T>>;

/// A program a prover proves, and the smallest fee it takes a job of that program for.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ProgramAsk<Balance> {
	/// The program.
	pub program: Program,
	/// The prover's ask: jobs of this program with a lower fee are never assigned to it. Zero
	/// takes any fee.
	pub min_fee: Balance,
}

/// A registered prover.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxPrograms))]
pub struct Prover<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxPrograms: Get<u32>,
> {
	/// Bonded stake, held under `HoldReason::ProverBond`. It weighs the prover in every draw
	/// and backs the collateral of the jobs it holds. Unbonding amounts are not part of it.
	pub stake: Balance,
	/// The part of `stake` that backs jobs in progress: never more than `stake`, and neither
	/// unbondable nor usable for another job until those jobs end.
	pub locked: Balance,
	/// Jobs in progress (each locked collateral once).
	pub active_jobs: u32,
	/// The programs the prover proves, each with its ask; no program twice.
	pub offers: BoundedVec<ProgramAsk<Balance>, MaxPrograms>,
	/// Set when the prover fails a job (the circuit breaker): it is out of the draw from then
	/// on, and may call `resume` from this block to return to it.
	pub suspended_until: Option<BlockNumber>,
	/// The prover's position in the draw's prefix-sum trees (`0 .. ProverCount`).
	pub slot: u32,
	/// When it registered.
	pub registered_at: BlockNumber,
	/// Its track record.
	pub stats: ProverStats<Balance>,
}

/// A prover's track record: counters that only grow while it stays registered.
#[derive(Clone, Default, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct ProverStats<Balance> {
	/// Jobs it proved (valid proof on time).
	pub jobs_done: u32,
	/// Jobs it did not accept in time, or accepted and did not prove in time, and declines
	/// beyond its quota.
	pub jobs_missed: u32,
	/// Invalid proofs it submitted.
	pub invalid_proofs: u32,
	/// Everything slashed from its stake so far.
	pub slashed_total: Balance,
}

/// The good jobs a new prover's reliability counts as having done: one miss costs a new
/// prover a third of its weight, not all of it.
pub const RELIABILITY_PRIOR: u32 = 10;
/// What one missed job (no accept, or no proof, in time) weighs against done jobs.
pub const MISS_PENALTY: u32 = 5;
/// What one invalid proof weighs against done jobs: a bug or a cheat, worse than a miss.
pub const INVALID_PENALTY: u32 = 20;
/// The lowest reliability, one part in this many: a prover's weight in the draw is never less
/// than 1% of its stake.
pub const MIN_RELIABILITY_DENOMINATOR: u64 = 100;

impl<Balance> ProverStats<Balance> {
	/// The share of its stake a prover weighs in the draw, from its record, as a fraction
	/// `(numerator, denominator)`:
	///
	/// `(done + RELIABILITY_PRIOR) / (done + RELIABILITY_PRIOR + MISS_PENALTY * missed +
	/// INVALID_PENALTY * invalid)`, at least `1 / MIN_RELIABILITY_DENOMINATOR`.
	///
	/// 1 for a prover that has never failed, whatever it has done; each failure lowers it, and
	/// every job done raises it again towards 1 (good work makes up for old failures). A new
	/// prover with one miss weighs 10/15 of its stake; after 10 more jobs done, 20/25.
	pub fn reliability_fraction(&self) -> (u64, u64) {
		let good = u64::from(self.jobs_done).saturating_add(RELIABILITY_PRIOR.into());
		let bad = u64::from(self.jobs_missed)
			.saturating_mul(MISS_PENALTY.into())
			.saturating_add(u64::from(self.invalid_proofs).saturating_mul(INVALID_PENALTY.into()));
		let total = good.saturating_add(bad);
		if good.saturating_mul(MIN_RELIABILITY_DENOMINATOR) < total {
			(1, MIN_RELIABILITY_DENOMINATOR)
		} else {
			(good, total)
		}
	}

	/// [`Self::reliability_fraction`] as a `Perbill` (rounded down), for people to read.
	pub fn reliability(&self) -> Perbill {
		let (numerator, denominator) = self.reliability_fraction();
		Perbill::from_rational(numerator, denominator)
	}
}

/// Stake on its way out: still held (and counted in the hold), released by
/// `withdraw_unbonded` from block `unlock_at`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct UnbondingChunk<Balance, BlockNumber> {
	/// The amount.
	pub amount: Balance,
	/// The first block at which it can be withdrawn.
	pub unlock_at: BlockNumber,
}

/// The parameters Root can change without a runtime upgrade (`set_params`).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ProverParams<Balance, BlockNumber> {
	/// The least stake a prover registers with, and keeps while registered when it unbonds
	/// (a slash can take it lower). Greater than zero.
	pub min_stake: Balance,
	/// Blocks between `unbond` (or `deregister`) and the block the amount can be withdrawn.
	pub unbonding_period: BlockNumber,
	/// Blocks a failed prover gets no new jobs for.
	pub suspension_period: BlockNumber,
}

/// Why a prover was punished. Named in the `Slashed` and `Suspended` events.
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
// Its variants' docs go into the runtime metadata, so that wallets and the dashboard
// show the chain's own words for it (`scale-info` leaves docs out unless asked).
#[scale_info(capture_docs = "always")]
pub enum FailureReason {
	/// It did not accept an assigned job within the accept window.
	AcceptTimeout,
	/// It accepted a job and did not submit a proof before the deadline.
	ProofTimeout,
	/// It submitted a proof that did not verify.
	InvalidProof,
	/// It declined a job it was drawn for (a small penalty; beyond its quota of declines, the
	/// decline also counts as a missed job).
	Declined,
}

impl<Balance, BlockNumber, MaxPrograms> Prover<Balance, BlockNumber, MaxPrograms>
where
	Balance: Copy + Ord + core::fmt::Debug + sp_runtime::Saturating,
	BlockNumber: Copy + Ord + core::fmt::Debug,
	MaxPrograms: Get<u32>,
{
	/// The programs the prover proves.
	pub fn programs(&self) -> alloc::vec::Vec<Program> {
		self.offers.iter().map(|offer| offer.program).collect()
	}

	/// The prover's ask for `program`, or `None` if it does not prove it.
	pub fn ask(&self, program: Program) -> Option<Balance> {
		self.offers
			.iter()
			.find(|offer| offer.program == program)
			.map(|offer| offer.min_fee)
	}

	/// Stake not locked by jobs in progress.
	pub fn free_stake(&self) -> Balance {
		self.stake.saturating_sub(self.locked)
	}

	/// Whether the prover's suspension runs at block `now` (it may not `resume` yet).
	pub fn is_suspended(&self, now: BlockNumber) -> bool {
		self.suspended_until.is_some_and(|until| now < until)
	}

	/// Whether the prover is in the draw: not suspended, or resumed since.
	pub fn in_draw(&self) -> bool {
		self.suspended_until.is_none()
	}

	/// The prover's weight in the draw of each of its programs: its stake times its
	/// reliability ([`ProverStats::reliability`]); zero from a suspension until it resumes.
	pub fn draw_weight(&self) -> Balance
	where
		Balance: sp_runtime::traits::AtLeast32BitUnsigned,
	{
		use sp_runtime::{
			helpers_128bit::multiply_by_rational_with_rounding, traits::Zero, Rounding,
		};
		if !self.in_draw() {
			return Zero::zero();
		}
		let (numerator, denominator) = self.stats.reliability_fraction();
		let stake: u128 = self.stake.unique_saturated_into();
		// Exact: stake * numerator / denominator, rounded down; numerator <= denominator, so
		// it never overflows (`None` only for a zero denominator, which the formula excludes).
		let weight = multiply_by_rational_with_rounding(
			stake,
			numerator.into(),
			denominator.into(),
			Rounding::Down,
		)
		.unwrap_or(stake);
		Balance::unique_saturated_from(weight)
	}

	/// Whether the prover can take a job of `program` with `fee` and `collateral`.
	pub fn can_take(&self, program: Program, fee: Balance, collateral: Balance) -> bool {
		self.in_draw()
			&& self.ask(program).is_some_and(|ask| ask <= fee)
			&& self.free_stake() >= collateral
	}
}
