//! How other pallets use the prover registry (the jobs pallet, through its `Config`).

use crate::types::FailureReason;
use alloc::vec::Vec;
use frame_support::pallet_prelude::{DispatchResult, Weight};
use sortition_programs::Program;
use sp_runtime::DispatchError;

/// The prover registry as the job market sees it: draw a prover, lock and release the
/// collateral of a job, punish and reward.
///
/// Every job follows one pattern: `draw`, then `lock_collateral` (the prover holds the job),
/// then exactly one `release_collateral` when the job leaves that prover (proven, failed or
/// re-routed), after any `slash` of that job's collateral.
pub trait ProverRegistry<AccountId> {
	/// The currency's balance type.
	type Balance;
	/// The runtime's block number type.
	type BlockNumber;

	/// A prover for a job of `program` with `fee` and `collateral`, drawn by weight (stake
	/// times reliability) among the registered provers in the draw (not suspended) that prove
	/// the program, ask at most `fee`, have `collateral` of free stake and are not ruled out by
	/// `exclude`. `None` if the draw found nobody (nobody in the draw, or its picks were all
	/// ruled out by the ask, the collateral or `exclude`: try again later), with the number of
	/// picks the draw made (for [`Self::draw_weight`]).
	fn draw(
		program: Program,
		fee: Self::Balance,
		collateral: Self::Balance,
		seed: &[u8; 32],
		exclude: impl Fn(&AccountId) -> bool,
	) -> crate::Drawn<AccountId>;

	/// Lock `amount` of `prover`'s free stake as a job's collateral: it can then neither be
	/// unbonded nor back another job. Fails if the prover is not registered or its free stake
	/// is less than `amount`.
	fn lock_collateral(prover: &AccountId, amount: Self::Balance) -> DispatchResult;

	/// The job no longer needs `prover`: unlock what is left of its collateral (`amount`, after
	/// any slash).
	fn release_collateral(prover: &AccountId, amount: Self::Balance);

	/// Slash `amount` of `prover`'s locked collateral: `SlashRewardFraction` of it goes to
	/// `beneficiary` (the requester), the rest to the runtime's `OnSlash` handler (burned).
	/// Fails, and slashes nothing, if `amount` is more than the prover's locked collateral.
	/// Returns the amount slashed.
	fn slash(
		prover: &AccountId,
		amount: Self::Balance,
		beneficiary: &AccountId,
		reason: FailureReason,
	) -> Result<Self::Balance, DispatchError>;

	/// Take `prover` out of the draw: no new jobs until it resumes, which it may do once the
	/// suspension period, counted from now, is over.
	fn suspend(prover: &AccountId, reason: FailureReason);

	/// The block from which a suspended `prover` may resume; `None` if it is in the draw (or
	/// not registered).
	fn suspension_end(prover: &AccountId) -> Option<Self::BlockNumber>;

	/// Put a suspended `prover` back into the draw. Fails if it is not registered, not
	/// suspended, or its suspension is not over.
	fn resume(prover: &AccountId) -> DispatchResult;

	/// Count a job `prover` proved.
	fn record_success(prover: &AccountId);

	/// Count a job `prover` failed (a decline counts as a missed job: call it only for the
	/// declines that should).
	fn record_failure(prover: &AccountId, reason: FailureReason);

	/// The ask and stake of every prover that could take a job of `program` with
	/// `collateral` now, whatever the fee (proves the program, not suspended, enough free
	/// stake): for fee quotes. Reads every prover: never call it in a transaction.
	fn eligible_asks(
		program: Program,
		collateral: Self::Balance,
	) -> Vec<(Self::Balance, Self::Balance)>;

	/// The weight of a `draw` that made `attempts` picks, with a full registry. The worst case
	/// is `draw_weight(max_draw_attempts())`.
	fn draw_weight(attempts: u32) -> Weight;

	/// The weight of `resume`.
	fn resume_weight() -> Weight;

	/// The most picks one `draw` makes.
	fn max_draw_attempts() -> u32;

	/// The collateral `prover` has locked (zero if it is not registered): the sum of the
	/// collateral of the jobs it holds. For the caller's invariant checks.
	fn locked_collateral(prover: &AccountId) -> Self::Balance;

	/// Register `who` with `stake` (at least the minimum; its account is funded) for
	/// `programs`, asking nothing: for other pallets' benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(who: &AccountId, stake: Self::Balance, programs: &[Program]);
}
