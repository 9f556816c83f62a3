//! Every currency call of the pallet: hold, release and pay the `JobFee` hold.

use crate::{types::BalanceOf, Config, Error, HoldReason, Pallet};
use frame_support::{
	defensive,
	traits::{
		fungible::{InspectHold as _, MutateHold as _},
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	fn fee_reason() -> T::RuntimeHoldReason {
		HoldReason::JobFee.into()
	}

	/// The fees held from `who` for its open jobs.
	pub fn held_fees(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&Self::fee_reason(), who)
	}

	/// Hold a job's `fee` from `requester`.
	pub(crate) fn hold_fee(requester: &T::AccountId, fee: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&Self::fee_reason(), requester, fee)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Give a job's `fee` back to `requester`.
	pub(crate) fn refund_fee(requester: &T::AccountId, fee: BalanceOf<T>) {
		if let Err(error) =
			T::Currency::release(&Self::fee_reason(), requester, fee, Precision::Exact)
		{
			defensive!("an open job's fee is held", error);
		}
	}

	/// Pay a job's `fee` from `requester`'s hold to `prover`'s free balance.
	pub(crate) fn pay_fee(requester: &T::AccountId, prover: &T::AccountId, fee: BalanceOf<T>) {
		if let Err(error) = T::Currency::transfer_on_hold(
			&Self::fee_reason(),
			requester,
			prover,
			fee,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		) {
			// A registered prover's account exists (its stake is held), so this cannot fail;
			// if it did, the requester gets its fee back rather than losing it.
			defensive!("paying a held fee to a registered prover cannot fail", error);
			Self::refund_fee(requester, fee);
		}
	}
}
