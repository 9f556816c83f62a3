//! A test runtime: System, Balances, the provers pallet and the jobs pallet.

use crate::{self as pallet_jobs, JobParams};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, Randomness},
	weights::Weight,
};
use sortition_programs::{Inputs, Output, Program, SecurityLevel};
use sp_runtime::{
	testing::{TestSignature, TestXt, UintAuthorityId},
	BuildStorage, Perbill,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;
pub type BlockNumber = u64;

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
	#[runtime::pallet_index(3)]
	pub type JobMarket = pallet_jobs;
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
	type ExistentialDeposit = ConstU128<10>;
}

/// The provers' minimum stake in tests.
pub const MIN_STAKE: Balance = 100;
/// Blocks a failed prover is suspended for.
pub const SUSPENSION: BlockNumber = 5;
/// What every test account starts with.
pub const ENDOWMENT: Balance = 1_000_000;
/// The market's parameters in tests.
pub const PARAMS: JobParams<Balance, BlockNumber> = JobParams {
	min_fee: 10,
	min_collateral: 50,
	accept_window: 3,
	min_proving_window: 5,
	max_proving_window: 100,
	draw_timeout: 10,
	redraw_interval: 2,
	retention_period: 20,
	accept_timeout_slash: Perbill::from_percent(10),
	fee_steps: 4,
	decline_penalty: 20,
	decline_quota: 2,
	decline_period: 50,
};

parameter_types! {
	pub const SlashRewardFraction: Perbill = Perbill::from_percent(50);
	pub const ProverParams: pallet_provers::ParamsOf<Test> = pallet_provers::ProverParams {
		min_stake: MIN_STAKE,
		unbonding_period: 10,
		suspension_period: SUSPENSION,
	};
	pub const InitialParams: crate::ParamsOf<Test> = PARAMS;
	/// Raised by the test that fills a block with jobs.
	pub static MaxOpenJobs: u32 = 4;
	/// Proofs that can verify in one block (tests of the bound lower it).
	pub static MaxReceiptsPerBlock: u32 = 8;
	/// The hook's budget: `default_hook_weight()` in every test (set by `build`).
	pub static HookWeight: Weight = Weight::MAX;
	/// Whether the block has randomness (BABE's VRF output).
	pub static RandomnessAvailable: bool = true;
}

impl pallet_provers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OnSlash = ();
	type SlashRewardFraction = SlashRewardFraction;
	type MaxProvers = ConstU32<1024>;
	type MaxPrograms = ConstU32<4>;
	type MaxUnbondingChunks = ConstU32<3>;
	type MaxDrawAttempts = ConstU32<8>;
	type InitialParams = ProverParams;
	type WeightInfo = ();
}

/// Randomness that changes with every block, like BABE's per-block VRF output.
pub struct TestRandomness;
impl Randomness<Option<sp_core::H256>, BlockNumber> for TestRandomness {
	fn random(subject: &[u8]) -> (Option<sp_core::H256>, BlockNumber) {
		let block = System::block_number();
		let random = RandomnessAvailable::get()
			.then(|| sp_core::H256(sp_io::hashing::blake2_256(&(subject, block, b"vrf").encode())));
		(random, block.saturating_sub(1))
	}
}
use codec::Encode;

impl pallet_jobs::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Provers = Provers;
	type Randomness = TestRandomness;
	type MaxAttempts = ConstU32<3>;
	type MaxOpenJobs = MaxOpenJobs;
	type MaxProofSize = ConstU32<{ sortition_programs::MAX_PROOF_SIZE }>;
	type MaxReceiptsPerBlock = MaxReceiptsPerBlock;
	type HookWeight = HookWeight;
	type InitialParams = InitialParams;
	type WeightInfo = ();
	type ProverKey = TestProverKey;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Test prover keys: a key is its account id (`UintAuthorityId::set_all_keys` fills the
/// "keystore").
pub struct TestProverKey;
impl frame_system::offchain::AppCrypto<UintAuthorityId, TestSignature> for TestProverKey {
	type RuntimeAppPublic = UintAuthorityId;
	type GenericPublic = UintAuthorityId;
	type GenericSignature = TestSignature;
}

/// A test transaction (signed, or general for the authorized calls).
pub type Extrinsic = TestXt<RuntimeCall, ()>;

impl frame_system::offchain::SigningTypes for Test {
	type Public = UintAuthorityId;
	type Signature = TestSignature;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extension = ();

	fn create_transaction(call: RuntimeCall, extension: ()) -> Extrinsic {
		Extrinsic::new_transaction(call, extension)
	}
}

impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_extension() {}
}

/// The default hook budget: twenty of the costliest deadlines.
pub fn default_hook_weight() -> Weight {
	use crate::weights::WeightInfo;
	JobMarket::max_deadline_weight()
		.saturating_mul(20)
		.saturating_add(<() as WeightInfo>::on_initialize_idle())
}

/// Accounts 1..=20 and 100..=1999 hold `ENDOWMENT` (the benchmarks fund their own).
fn endowed() -> Vec<(AccountId, Balance)> {
	(1..=20).chain(100..2000).map(|who| (who, ENDOWMENT)).collect()
}

/// Storage with the endowed accounts and `provers` registered at genesis.
#[derive(Default)]
pub struct ExtBuilder {
	provers: Vec<(AccountId, Balance, Vec<Program>)>,
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
		ext.execute_with(|| {
			HookWeight::set(default_hook_weight());
			System::set_block_number(1)
		});
		ext
	}

	/// Run `test`, then check both pallets' invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			JobMarket::do_try_state().expect("jobs invariants hold after the test");
			Provers::do_try_state().expect("provers invariants hold after the test");
		})
	}
}

/// For the benchmark test suite.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

/// The jobs pallet's events since the last call.
pub fn jobs_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::JobMarket(event) => Some(event),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub fn run_to_block(n: BlockNumber) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

/// A real proof of `inputs` at `security` by `prover` (cached: the prover runs once per job
/// shape and prover).
pub fn proof(inputs: Inputs, security: SecurityLevel, prover: AccountId) -> (Output, Vec<u8>) {
	use std::{cell::RefCell, collections::HashMap};
	thread_local! {
		static CACHE: RefCell<HashMap<Vec<u8>, (Output, Vec<u8>)>> = RefCell::new(HashMap::new());
	}
	let key = (inputs, security, prover).encode();
	CACHE.with(|cache| {
		cache
			.borrow_mut()
			.entry(key)
			.or_insert_with(|| {
				sortition_programs::prove(&inputs, security, &crate::prover_id(&prover))
					.expect("valid inputs")
			})
			.clone()
	})
}
