//! Configuration of every pallet of the runtime.

use crate::{
	currency::{EXISTENTIAL_DEPOSIT, UNIT},
	time::*,
	AccountId, Babe, Balance, Balances, Block, BlockNumber, CollatorSelection, Hash, Nonce,
	PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	RuntimeOrigin, RuntimeTask, Session, SessionKeys, Signature, System, TxExtension,
	UncheckedExtrinsic, SS58_PREFIX, VERSION,
};
use alloc::vec::Vec;
use frame_support::PalletId;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{
	generic,
	traits::{OpaqueKeys, Verify},
	Perbill,
};
use sp_version::RuntimeVersion;

/// Blocks can be filled to 75% with normal transactions; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// At most 2 seconds of compute per 6-second block, so that a block can be authored, gossiped and
/// imported well within its slot.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	pub RuntimeBlockWeights: BlockWeights =
		BlockWeights::with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO);
	/// Blocks are at most 5 MiB, of which normal transactions may fill 75%.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The default types come from [`frame_system::config_preludes::SolochainDefaultConfig`]; only
/// what differs is set here.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores state in ParityDB (RocksDB is not built).
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

parameter_types! {
	pub const ExpectedBlockTime: u64 = MILLI_SECS_PER_BLOCK;
	/// At most 32 validators: every invulnerable and every selected candidate of the collator
	/// selection (16 + 16).
	pub const MaxAuthorities: u32 = 32;
}

impl crate::session_length::Config for Runtime {
	/// An hour, unless the chain spec says otherwise (the development and local chains: a
	/// minute).
	type DefaultBlocks = ConstU32<{ DEFAULT_SESSION_BLOCKS }>;
}

impl pallet_babe::Config for Runtime {
	// One epoch per session, of the chain's session length.
	type EpochDuration = crate::session_length::EpochDuration<Runtime>;
	type ExpectedBlockTime = ExpectedBlockTime;
	// Epochs change when the session pallet rotates sessions (one session per epoch).
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	// Equivocation reporting needs `pallet-session`'s historical proofs and an offences pallet;
	// this proof-of-authority chain has neither yet, so equivocation reports are not accepted.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// See `pallet_babe::Config::KeyOwnerProof` above.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// A timestamp: milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_authorship::Config for Runtime {
	/// The author of a block is the validator of the BABE authority index in its pre-digest.
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	/// The collator selection notes who authored, to remove candidates who stopped.
	type EventHandler = CollatorSelection;
}

parameter_types! {
	/// The account that would pay authors a share of its balance on every block (the collator
	/// selection's design). Nothing is paid into it: fees are burned, so authors are not paid.
	pub const PotId: PalletId = PalletId(*b"sort/pot");
}

/// The validator set: invulnerables (set at genesis and by Root) and candidates who bond SORT
/// to join. Why this pallet and not staking: `docs/architecture.md`, "Validators".
impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Its bond is a reserve, the pallet's own design (not one of our holds).
	type Currency = Balances;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type PotId = PotId;
	type MaxCandidates = ConstU32<16>;
	/// A validator may leave, and an idle candidate be removed, as long as one remains.
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<16>;
	/// A candidate that authored no block for four sessions is removed at the next session
	/// (and gets its bond back). Four, because a new candidate only takes part two sessions
	/// after it joined, and a validator among N authors about one slot in N.
	type KickThreshold = crate::session_length::Sessions<Runtime, 4>;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	/// A candidate must have set its session keys.
	type ValidatorRegistration = Session;
	// The pallet's own benchmark weights: its calls are not on Sortition's hot path.
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

/// The collator selection as the session manager, saying "no change" when the set it assembles
/// is the set already in office. `pallet-session` counts every set a manager returns as a
/// change, and GRANDPA starts a new authority set at every change: with the collator selection
/// alone that is a new GRANDPA set every session, each of which every light client of this chain
/// (a consumer of receipts) must follow with a justified header. With this, GRANDPA's set
/// changes only when validators join or leave, or rotate their keys.
pub struct ValidatorSet;

/// A session's number (`sp_staking::SessionIndex`).
type SessionIndex = u32;

impl pallet_session::SessionManager<AccountId> for ValidatorSet {
	fn new_session(index: SessionIndex) -> Option<Vec<AccountId>> {
		// Always asked, so that it removes the candidates who stopped authoring.
		let next =
			<CollatorSelection as pallet_session::SessionManager<AccountId>>::new_session(index)?;
		// Called as session `index - 1` starts, when `Validators` is already its set.
		(next != pallet_session::Validators::<Runtime>::get()).then_some(next)
	}

	fn new_session_genesis(index: SessionIndex) -> Option<Vec<AccountId>> {
		<CollatorSelection as pallet_session::SessionManager<AccountId>>::new_session_genesis(index)
	}

	fn start_session(index: SessionIndex) {
		<CollatorSelection as pallet_session::SessionManager<AccountId>>::start_session(index)
	}

	fn end_session(index: SessionIndex) {
		<CollatorSelection as pallet_session::SessionManager<AccountId>>::end_session(index)
	}
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	/// The collator selection gives each new session its validators: the invulnerables and the
	/// candidates. They take over one session later (the session pallet queues the next set).
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Held from an account that sets session keys, released when it purges them.
	type KeyDeposit = ConstU128<{ crate::currency::UNIT }>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::from_u32(1);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned (no treasury yet).
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	/// One planck per picosecond of weight: a balance transfer costs a fraction of a milli-SORT.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Half of every slash compensates the requester of the failed job; the rest is burned.
	pub const SlashRewardFraction: Perbill = Perbill::from_percent(50);
	/// The provers' parameters at genesis; Root changes them with `provers.setParams`.
	pub const InitialProverParams: pallet_provers::ParamsOf<Runtime> = pallet_provers::ProverParams {
		min_stake: 1_000 * UNIT,
		unbonding_period: DAYS,
		suspension_period: HOURS,
	};
}

impl pallet_provers::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// The part of a slash that is not paid to the requester is burned.
	type OnSlash = ();
	type SlashRewardFraction = SlashRewardFraction;
	// 2^14 slots: a draw reads 3 tree nodes per pick (64-ary), a stake change writes 3 per
	// program.
	type MaxProvers = ConstU32<16_384>;
	type MaxPrograms = ConstU32<8>;
	type MaxUnbondingChunks = ConstU32<16>;
	type MaxDrawAttempts = ConstU32<8>;
	type InitialParams = InitialProverParams;
	type WeightInfo = pallet_provers::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// The job market's parameters at genesis; Root changes them with `jobs.setParams`.
	pub const InitialJobParams: pallet_jobs::ParamsOf<Runtime> = pallet_jobs::JobParams {
		min_fee: UNIT,
		min_collateral: 10 * UNIT,
		// Half a minute to accept: the requester knows quickly that a staked prover has the job.
		accept_window: 5,
		min_proving_window: 10,
		max_proving_window: HOURS,
		draw_timeout: 10 * MINUTES,
		redraw_interval: 5,
		retention_period: DAYS,
		accept_timeout_slash: Perbill::from_percent(10),
		// A job's fee reaches its max_fee at its fourth return to the draw.
		fee_steps: 4,
		// A decline costs a tenth of the smallest collateral, and more than 10 an hour count
		// as missed jobs.
		decline_penalty: UNIT,
		decline_quota: 10,
		decline_period: HOURS,
	};
	/// A fifth of the block for due deadlines: about 170 of the costliest (an expiring job's
	/// draw that makes every pick) per block, about 320 draws that find a prover at once (each
	/// is charged for the picks it made).
	pub JobsHookWeight: Weight = Perbill::from_percent(20) * MAXIMUM_BLOCK_WEIGHT;
}

impl pallet_jobs::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Provers = crate::Provers;
	// BABE's VRF output of the block being built: a job is drawn in the block after it was
	// included, from randomness nobody knew when it was included but that block's author.
	type Randomness = crate::randomness::CurrentBlockVrf;
	type MaxAttempts = ConstU32<5>;
	type MaxOpenJobs = ConstU32<64>;
	type MaxProofSize = ConstU32<{ sortition_programs::MAX_PROOF_SIZE }>;
	// A 26 KiB proof (the smallest) fits about 150 times in a block's normal class.
	type MaxReceiptsPerBlock = ConstU32<512>;
	type HookWeight = JobsHookWeight;
	type InitialParams = InitialJobParams;
	type WeightInfo = pallet_jobs::weights::SubstrateWeight<Runtime>;
	// The offchain worker proves for every `prov` key in the node's keystore.
	type ProverKey = pallet_jobs::offchain::crypto::ProverKey;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = JobsBenchmarkHelper;
}

impl frame_system::offchain::SigningTypes for Runtime {
	type Public = <Signature as Verify>::Signer;
	type Signature = Signature;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// General transactions from offchain workers (the prover's `accept_job_authorized` and
/// `submit_proof_authorized`, authorized by the prover key's signature inside the call): the
/// same extensions as any wallet's, with no signer, so no nonce and no fee.
impl<C> frame_system::offchain::CreateTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extension = TxExtension;

	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_extension() -> TxExtension {
		(
			frame_system::AuthorizeCall::<Runtime>::new(),
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			// The call's own validity bounds its life (the job's window).
			frame_system::CheckEra::<Runtime>::from(generic::Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(0),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
			frame_system::WeightReclaim::<Runtime>::new(),
		)
	}
}

/// Gives the jobs benchmarks a VRF output, as a block BABE authored has: a real pre-digest,
/// so that computing the output is measured.
#[cfg(feature = "runtime-benchmarks")]
pub struct JobsBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_jobs::BenchmarkHelper for JobsBenchmarkHelper {
	fn prepare_randomness() {
		crate::randomness::benchmark_fixture::install();
	}
}

/// The Merkle Mountain Range of receipts: one leaf per block (`pallet_jobs::ReceiptsLeaf`, the
/// parent block's receipts root), its root in every header's digest. Keccak-256, as in BEEFY's
/// MMR, so that chains and contracts outside Substrate can check proofs cheaply. The nodes are
/// kept in the offchain database (offchain indexing), where `mmr-gadget` canonicalises them on
/// finality and `mmr_generateProof` reads them.
impl pallet_mmr::Config for Runtime {
	const INDEXING_PREFIX: &'static [u8] = sp_mmr_primitives::INDEXING_PREFIX;
	type Hashing = sp_runtime::traits::Keccak256;
	type LeafData = crate::Jobs;
	type OnNewRoot = pallet_jobs::DepositMmrRoot<Runtime>;
	type BlockHashProvider = pallet_mmr::DefaultBlockHashProvider<Runtime>;
	// Measured on this runtime: the leaf provider (the receipts root) is part of it.
	type WeightInfo = crate::weights::pallet_mmr::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
