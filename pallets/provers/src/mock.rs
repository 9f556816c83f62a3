//! A test runtime: System, Balances and the provers pallet.

use crate::{self as pallet_provers, Params};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
};
use sortition_programs::Program;
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Provers = pallet_provers;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
}

/// The existential deposit in tests.
pub const EXISTENTIAL_DEPOSIT: Balance = 10;
/// The minimum stake in tests.
pub const MIN_STAKE: Balance = 100;
/// Blocks of unbonding in tests.
pub const UNBONDING: u64 = 10;
/// Blocks of suspension in tests.
pub const SUSPENSION: u64 = 5;
/// What every test account starts with.
pub const ENDOWMENT: Balance = 1_000_000;

parameter_types! {
	/// The draw trees' leaves: as in the runtime (the draw benchmark registers 10,000 provers);
	/// a test may lower it before anyone registers.
	pub static MaxProvers: u32 = 16_384;
	pub const SlashRewardFraction: Perbill = Perbill::from_percent(50);
	pub const InitialParams: crate::ParamsOf<Test> = crate::ProverParams {
		min_stake: MIN_STAKE,
		unbonding_period: UNBONDING,
		suspension_period: SUSPENSION,
	};
}

impl pallet_provers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OnSlash = ();
	type SlashRewardFraction = SlashRewardFraction;
	type MaxProvers = MaxProvers;
	type MaxPrograms = ConstU32<4>;
	type MaxUnbondingChunks = ConstU32<3>;
	type MaxDrawAttempts = ConstU32<8>;
	type InitialParams = InitialParams;
	type WeightInfo = ();
}

/// Accounts 1..=20 and 100..=199 (the benchmarks fund their own).
fn endowed() -> Vec<(AccountId, Balance)> {
	(1..=20).chain(100..250).map(|who| (who, ENDOWMENT)).collect()
}

/// Storage with the endowed accounts and `provers` registered at genesis.
pub struct ExtBuilder {
	provers: Vec<(AccountId, Balance, Vec<Program>)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { provers: Vec::new() }
	}
}

impl ExtBuilder {
	/// Register `who` at genesis with `stake`, for `programs`.
	pub fn prover(mut self, who: AccountId, stake: Balance, programs: &[Program]) -> Self {
		self.provers.push((who, stake, programs.to_vec()));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: endowed(), ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_provers::GenesisConfig::<Test> { params: None, provers: self.provers }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Provers::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// For the benchmark test suite.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

/// The pallet's events since the last call.
pub fn provers_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Provers(event) => Some(event),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

/// The current parameters.
pub fn params() -> crate::ParamsOf<Test> {
	Params::<Test>::get()
}
