//! Placeholder until the benchmarks are generated.
use core::marker::PhantomData;
use frame_support::weights::Weight;
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_provers::WeightInfo for WeightInfo<T> {
	fn register() -> Weight { Weight::zero() }
	fn bond_more() -> Weight { Weight::zero() }
	fn unbond() -> Weight { Weight::zero() }
	fn withdraw_unbonded() -> Weight { Weight::zero() }
	fn set_programs() -> Weight { Weight::zero() }
	fn set_asks() -> Weight { Weight::zero() }
	fn deregister() -> Weight { Weight::zero() }
	fn set_params() -> Weight { Weight::zero() }
	fn draw(_n: u32) -> Weight { Weight::zero() }
}
