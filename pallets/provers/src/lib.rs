//! # Provers
//!
//! The Sortition prover registry: who proves, with how much stake at risk, for which programs
//! and at what price, and the stake-weighted draw that picks one prover per job.
//!
//! ## Pallet API
//!
//! Calls (see each call's docs): [`register`](Pallet::register),
//! [`bond_more`](Pallet::bond_more), [`unbond`](Pallet::unbond),
//! [`withdraw_unbonded`](Pallet::withdraw_unbonded), [`set_programs`](Pallet::set_programs),
//! [`set_asks`](Pallet::set_asks), [`deregister`](Pallet::deregister),
//! [`resume`](Pallet::resume) and, for Root,
//! [`set_params`](Pallet::set_params). Other pallets use the registry through
//! [`ProverRegistry`](traits::ProverRegistry), which this pallet implements.
//!
//! ## Overview
//!
//! A prover registers with a stake of at least the minimum, which is held in its account (not
//! transferred), and names the programs it proves, each with an *ask*: the smallest fee it
//! takes a job of that program for. When the job market draws a prover for a job, every
//! registered prover that proves the job's program, asks no more than the job's fee, is not
//! suspended and has enough free stake for the job's collateral can be drawn, with a chance
//! proportional to its *draw weight*: its stake times its reliability, a factor in (0, 1]
//! computed from its own record (see [`ProverStats::reliability`]).
//!
//! A drawn prover's collateral for the job is *locked*: until the job leaves it, that part of
//! its stake can neither be unbonded nor back another job, so a prover never holds jobs whose
//! collateral adds up to more than its stake. If the prover fails the job (no accept, no proof
//! in time, an invalid proof), the job market slashes some or all of that collateral: a share
//! goes to the requester, the rest is burned; its reliability falls; and the prover is
//! suspended: out of the draw until it calls `resume`, which it may do once the suspension
//! period is over (its node does it by itself, so a prover whose node is down stays out).
//!
//! Stake leaves through unbonding: `unbond` (or `deregister`, which unbonds everything) moves
//! an amount out of the stake, and `withdraw_unbonded` releases it once the unbonding period
//! has passed.
//!
//! ## Low Level / Implementation Details
//!
//! ### Design
//!
//! - Money only moves through fungible holds (`HoldReason::ProverBond`): a prover's hold is
//!   always its stake plus its unbonding chunks. Slashes take from the hold; the credit is
//!   split between the beneficiary and `OnSlash`.
//! - [`Provers`] holds each prover's record; [`Unbonding`] its unbonding chunks (which outlive
//!   deregistration); [`Slots`] gives each prover a dense slot `0 .. ProverCount`; [`DrawTree`]
//!   is one 64-ary sum tree of draw weights over the slots per program (see the `selection` module):
//!   a draw reads, and a stake change writes, one node per level (three at 16,384 slots),
//!   whatever the number of provers.
//! - Economic parameters ([`Params`]: minimum stake, unbonding and suspension periods) are in
//!   storage, set by Root with `set_params`: they are tuned as the network grows, without a
//!   runtime upgrade. Bounds that shape storage and weights (`MaxProvers`, `MaxPrograms`,
//!   `MaxUnbondingChunks`, `MaxDrawAttempts`) and the slash split are constants.
//!
//! ### Terminology
//!
//! - **Stake**: the bonded amount; with the reliability, it weighs the prover in draws.
//! - **Reliability**: a factor from the prover's record of jobs done, missed and invalid.
//! - **Draw weight**: stake times reliability; zero while suspended.
//! - **Locked**: the part of the stake that backs jobs in progress (their collateral).
//! - **Free stake**: stake minus locked: what new jobs' collateral and `unbond` can use.
//! - **Ask**: a prover's minimum fee for a program.
//! - **Suspension**: after a failure, the prover gets no new jobs until it resumes, at the
//!   earliest after the suspension period.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod asset;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
mod selection;
pub use selection::{Drawn, TreeNode, ARITY};
#[cfg(test)]
mod tests;
pub mod traits;
pub mod types;
mod views;
pub mod weights;

pub use pallet::*;
pub use traits::ProverRegistry;
pub use types::*;
pub use weights::WeightInfo;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::provers";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Credit},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sortition_programs::Program;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The slashed funds' type.
	pub type CreditOf<T> = Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency stakes are held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::hold::Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where the part of a slash that does not go to the beneficiary goes. `()` burns it
		/// (total issuance falls by that much).
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// The share of every slash paid to its beneficiary (the requester of the failed job);
		/// the rest goes to `OnSlash`.
		#[pallet::constant]
		type SlashRewardFraction: Get<Perbill>;

		/// The most provers that can be registered at once; the number of leaves of each
		/// program's draw tree. A draw reads one tree node per level: `ceil(log64(MaxProvers))`.
		#[pallet::constant]
		type MaxProvers: Get<u32>;

		/// The most programs (and asks) one prover lists. At least the number of programs.
		#[pallet::constant]
		type MaxPrograms: Get<u32>;

		/// The most unbonding chunks an account has at once (chunks unlocking in the same
		/// block are merged). Withdraw unlocked chunks to make room.
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// The most provers one draw looks at before it gives up (each pick that turns out
		/// ineligible is redrawn with fresh randomness). At least one.
		#[pallet::constant]
		type MaxDrawAttempts: Get<u32>;

		/// The parameters until Root sets them (`set_params`); the chain's genesis may set
		/// others. The current values are in the `Params` storage item.
		type InitialParams: Get<ParamsOf<Self>>;

		/// Weights of this pallet's calls and of the draw, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A prover's stake and its unbonding chunks.
		#[codec(index = 0)]
		ProverBond,
	}

	/// The parameters Root can change: minimum stake, unbonding period, suspension period.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, ParamsOf<T>, ValueQuery, T::InitialParams>;

	/// Every registered prover, by account.
	#[pallet::storage]
	pub type Provers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ProverOf<T>>;

	/// Stake on its way out, by account: released by `withdraw_unbonded` once unlocked. Kept
	/// after deregistration until withdrawn.
	#[pallet::storage]
	pub type Unbonding<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, UnbondingOf<T>, ValueQuery>;

	/// The number of registered provers: slots `0 .. ProverCount` are taken.
	#[pallet::storage]
	pub type ProverCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The prover in each slot of the draw trees.
	// Twox64Concat: slots are assigned by the pallet, not chosen by users.
	#[pallet::storage]
	pub type Slots<T: Config> = StorageMap<_, Twox64Concat, u32, T::AccountId>;

	/// One 64-ary sum tree of stakes per program (see the `selection` module): node 0 is the
	/// root, node `k`'s children are `64k + 1 ..= 64k + 64`; each node holds its children's sums.
	/// Nodes whose sums are all zero are not stored.
	// Twox64Concat: programs and node indices are not chosen by users.
	#[pallet::storage]
	pub type DrawTree<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Program, Twox64Concat, u32, TreeNode<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A prover registered: its stake is held and it can be drawn for its programs.
		Registered { prover: T::AccountId, stake: BalanceOf<T>, offers: OffersOf<T> },
		/// A prover added to its stake.
		Bonded { prover: T::AccountId, amount: BalanceOf<T>, stake: BalanceOf<T> },
		/// Part of a prover's stake started unbonding; it can be withdrawn from `unlock_at`.
		Unbonded { prover: T::AccountId, amount: BalanceOf<T>, unlock_at: BlockNumberFor<T> },
		/// Unbonded funds were released to the account.
		Withdrawn { account: T::AccountId, amount: BalanceOf<T> },
		/// A prover changed its programs or asks.
		OffersChanged { prover: T::AccountId, offers: OffersOf<T> },
		/// A prover left; its stake unbonds and can be withdrawn from `unlock_at`.
		Deregistered { prover: T::AccountId, unbonding: BalanceOf<T>, unlock_at: BlockNumberFor<T> },
		/// Collateral was slashed from a prover's stake: `to_beneficiary` went to
		/// `beneficiary`, the rest to the slash handler (burned).
		Slashed {
			prover: T::AccountId,
			amount: BalanceOf<T>,
			beneficiary: T::AccountId,
			to_beneficiary: BalanceOf<T>,
			reason: FailureReason,
		},
		/// A prover is out of the draw (no new jobs) until it resumes, which it may do from
		/// block `until` (`resume`; its node does it by itself).
		Suspended { prover: T::AccountId, until: BlockNumberFor<T>, reason: FailureReason },
		/// A suspended prover resumed: it is in the draw again.
		Resumed { prover: T::AccountId },
		/// Root changed the parameters.
		ParamsSet { params: ParamsOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered prover. Use `bond_more`, `set_programs` or
		/// `set_asks` to change its registration.
		AlreadyRegistered,
		/// The account is not a registered prover. Register first with `register`.
		NotRegistered,
		/// The stake is below the minimum (`Params.min_stake`); or, for `unbond`, what would
		/// stay bonded is. Bond more, unbond less, or `deregister` to unbond everything.
		StakeBelowMinimum,
		/// The amount is zero.
		ZeroAmount,
		/// The account's free balance cannot cover the amount to hold (keep enough for fees
		/// and the existential deposit).
		InsufficientBalance,
		/// No programs were given: a prover proves at least one.
		NoPrograms,
		/// More programs than `MaxPrograms`.
		TooManyPrograms,
		/// More asks than `MaxPrograms`.
		TooManyAsks,
		/// A program appears twice in the programs or in the asks.
		DuplicateProgram,
		/// An ask names a program the prover does not prove: list it in the programs first.
		AskForUnlistedProgram,
		/// The amount is more than the free stake: the stake minus the collateral locked by
		/// jobs in progress. Wait for those jobs to end, or unbond less.
		InsufficientFreeStake,
		/// The account has `MaxUnbondingChunks` unbonding chunks already. Withdraw the unlocked
		/// ones with `withdraw_unbonded`, or wait for one to unlock.
		TooManyUnbondingChunks,
		/// No unbonding chunk has reached its unlock block yet (see `Unbonding` for when each
		/// unlocks).
		NothingToWithdraw,
		/// The prover holds jobs in progress; deregister once they have ended.
		HasActiveJobs,
		/// The prover is suspended; it can deregister when the suspension ends.
		ProverSuspended,
		/// `MaxProvers` provers are registered already.
		TooManyProvers,
		/// A slash of more than the prover's locked collateral (the registry never slashes
		/// stake that does not back a job).
		SlashExceedsCollateral,
		/// The parameters are invalid: the minimum stake must be greater than zero.
		InvalidParams,
		/// The prover is not suspended: it is in the draw already.
		NotSuspended,
		/// The prover's suspension is not over: it may resume from the block in its
		/// `suspended_until`.
		SuspensionNotOver,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			Self::do_integrity_test();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The parameters; `None` keeps `InitialParams`.
		pub params: Option<ParamsOf<T>>,
		/// Provers registered at genesis: account, stake, programs (every ask zero).
		pub provers: Vec<(T::AccountId, BalanceOf<T>, Vec<Program>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.params {
				Params::<T>::put(params);
			}
			for (prover, stake, programs) in &self.provers {
				Pallet::<T>::do_register(prover.clone(), *stake, programs.clone(), Vec::new())
					.expect("every genesis prover is funded and lists valid programs");
			}
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register as a prover with `stake` held from your balance, proving `programs`, with
		/// the minimum fee you take for some of them in `asks` (a program without an ask takes
		/// any fee).
		///
		/// ## Dispatch Origin
		/// Signed: the prover's account.
		///
		/// ## Details
		/// `stake` is held (`HoldReason::ProverBond`), not transferred. From the next draw on,
		/// the prover can be drawn for jobs of its programs whose fee is at least its ask.
		///
		/// ## Errors
		/// `AlreadyRegistered`, `StakeBelowMinimum`, `NoPrograms`, `TooManyPrograms`,
		/// `TooManyAsks`, `DuplicateProgram`, `AskForUnlistedProgram`, `TooManyProvers`,
		/// `InsufficientBalance`.
		///
		/// ## Events
		/// `Registered`.
		#[pallet::call_index(0)]
		pub fn register(
			origin: OriginFor<T>,
			#[pallet::compact] stake: BalanceOf<T>,
			programs: Vec<Program>,
			asks: Vec<ProgramAsk<BalanceOf<T>>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, stake, programs, asks)
		}

		/// Add `amount` from your balance to your stake.
		///
		/// ## Dispatch Origin
		/// Signed: a registered prover.
		///
		/// ## Errors
		/// `NotRegistered`, `ZeroAmount`, `InsufficientBalance`.
		///
		/// ## Events
		/// `Bonded`.
		#[pallet::call_index(1)]
		pub fn bond_more(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_more(who, amount)
		}

		/// Start unbonding `amount` of your stake: it stops counting at once and can be
		/// withdrawn with `withdraw_unbonded` after the unbonding period.
		///
		/// ## Dispatch Origin
		/// Signed: a registered prover.
		///
		/// ## Details
		/// Only free stake unbonds: collateral locked by jobs in progress stays. What stays
		/// bonded must be at least the minimum stake; `deregister` unbonds everything.
		///
		/// ## Errors
		/// `NotRegistered`, `ZeroAmount`, `InsufficientFreeStake`, `StakeBelowMinimum`,
		/// `TooManyUnbondingChunks`.
		///
		/// ## Events
		/// `Unbonded`.
		#[pallet::call_index(2)]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who, amount)
		}

		/// Release every unbonding chunk of your account that has reached its unlock block.
		///
		/// ## Dispatch Origin
		/// Signed: any account with unbonding chunks (also a deregistered prover).
		///
		/// ## Errors
		/// `NothingToWithdraw`.
		///
		/// ## Events
		/// `Withdrawn`.
		#[pallet::call_index(3)]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(who)
		}

		/// Replace the programs you prove. Programs you keep keep their ask; new ones start
		/// with no ask (any fee).
		///
		/// ## Dispatch Origin
		/// Signed: a registered prover.
		///
		/// ## Details
		/// Jobs you already hold are not affected.
		///
		/// ## Errors
		/// `NotRegistered`, `NoPrograms`, `TooManyPrograms`, `DuplicateProgram`.
		///
		/// ## Events
		/// `OffersChanged`.
		#[pallet::call_index(4)]
		pub fn set_programs(origin: OriginFor<T>, programs: Vec<Program>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_programs(who, programs)
		}

		/// Set your ask (minimum fee) for some of the programs you prove; the others keep
		/// theirs.
		///
		/// ## Dispatch Origin
		/// Signed: a registered prover.
		///
		/// ## Errors
		/// `NotRegistered`, `TooManyAsks`, `DuplicateProgram`, `AskForUnlistedProgram`.
		///
		/// ## Events
		/// `OffersChanged`.
		#[pallet::call_index(5)]
		pub fn set_asks(
			origin: OriginFor<T>,
			asks: Vec<ProgramAsk<BalanceOf<T>>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_asks(who, asks)
		}

		/// Stop being a prover: you are no longer drawn, and your whole stake unbonds (withdraw
		/// it with `withdraw_unbonded` after the unbonding period). Your track record is
		/// removed with your registration.
		///
		/// ## Dispatch Origin
		/// Signed: a registered prover.
		///
		/// ## Errors
		/// `NotRegistered`, `HasActiveJobs`, `ProverSuspended`, `TooManyUnbondingChunks`.
		///
		/// ## Events
		/// `Deregistered`.
		#[pallet::call_index(6)]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister(who)
		}

		/// Set the minimum stake, the unbonding period and the suspension period.
		///
		/// ## Dispatch Origin
		/// Root.
		///
		/// ## Details
		/// A new minimum applies to registrations and unbonds from now on (registered provers
		/// keep their stake); new periods apply to unbonds and suspensions from now on.
		///
		/// ## Errors
		/// `InvalidParams`.
		///
		/// ## Events
		/// `ParamsSet`.
		#[pallet::call_index(7)]
		pub fn set_params(origin: OriginFor<T>, params: ParamsOf<T>) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_params(params)
		}

		/// Return to the draw after a suspension (the circuit breaker's reset): from the next
		/// draw on you can be drawn for new jobs again.
		///
		/// ## Dispatch Origin
		/// Signed: a suspended prover whose suspension is over.
		///
		/// ## Details
		/// A prover that fails a job is suspended: out of the draw until it resumes, which it
		/// may do from block `suspended_until` on. It is not put back by itself, so a prover
		/// whose node is down gets no more jobs to miss. A prover's node resumes for it as soon
		/// as it may (`jobs.resumeAuthorized`, no fee); this call is for doing it by hand.
		///
		/// ## Errors
		/// `NotRegistered`, `NotSuspended`, `SuspensionNotOver`.
		///
		/// ## Events
		/// `Resumed`.
		#[pallet::call_index(8)]
		pub fn resume(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_resume(who)
		}
	}
}
