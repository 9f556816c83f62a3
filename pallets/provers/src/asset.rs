//! Every currency call of the pallet: hold, release and slash the `ProverBond` hold.

use crate::{types::BalanceOf, Config, Error, HoldReason, Pallet};
use frame_support::{
	defensive,
	traits::{
		fungible::{hold::Balanced as _, Balanced as _, InspectHold as _, MutateHold as _},
		tokens::Precision,
		Get, Imbalance as _, OnUnbalanced,
	},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	fn bond_reason() -> T::RuntimeHoldReason {
		HoldReason::ProverBond.into()
	}

	/// Everything held from `who` as stake and unbonding chunks.
	pub fn held(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&Self::bond_reason(), who)
	}

	/// Hold `amount` more of `who`'s balance.
	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&Self::bond_reason(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Give `amount` of `who`'s hold back to its free balance.
	pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) {
		if let Err(error) =
			T::Currency::release(&Self::bond_reason(), who, amount, Precision::Exact)
		{
			defensive!("releasing less than is held cannot fail", error);
		}
	}

	/// Slash up to `amount` from `who`'s hold: `SlashRewardFraction` of it to `beneficiary`,
	/// the rest to `OnSlash`. Returns (slashed, paid to the beneficiary).
	pub(crate) fn slash_hold(
		who: &T::AccountId,
		amount: BalanceOf<T>,
		beneficiary: &T::AccountId,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let (credit, missing) = T::Currency::slash(&Self::bond_reason(), who, amount);
		if missing != Default::default() {
			defensive!("the hold covers the stake it slashes");
		}
		let slashed = credit.peek();
		let (reward, rest) = credit.split(T::SlashRewardFraction::get() * slashed);
		let reward_amount = reward.peek();
		match T::Currency::resolve(beneficiary, reward) {
			Ok(()) => {
				T::OnSlash::on_unbalanced(rest);
				(slashed, reward_amount)
			},
			// The beneficiary cannot receive it (e.g. a dead account and a reward below the
			// existential deposit): it goes the way of the rest.
			Err(reward) => {
				T::OnSlash::on_unbalanced(rest.merge(reward));
				(slashed, Default::default())
			},
		}
	}
}
