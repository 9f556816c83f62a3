//! Benchmarks of every call and of each kind of deadline the hook handles (frame-benchmarking
//! v2), each in its worst case. `submit_proof` verifies real proofs (`fixtures/`, written by
//! `scripts/make-proof-fixtures.sh`), up to the largest any accepted job has.

use super::*;
use crate::pallet::Pallet as Market;
use alloc::vec::Vec;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get, Hooks},
	BoundedVec,
};
use frame_system::{
	offchain::{AppCrypto, SigningTypes},
	RawOrigin,
};
use sortition_programs::{Inputs, Output, Program, SecurityLevel};
use sp_runtime::traits::{Bounded, IdentifyAccount, One, Saturating, Zero};
use sp_runtime::RuntimeAppPublic;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper {
	/// Make the `Randomness` source return `Some` in the current block, as in a block BABE
	/// authored (the runtime sets up a real VRF pre-digest, so that reading it is measured).
	fn prepare_randomness();
}

impl BenchmarkHelper for () {
	fn prepare_randomness() {}
}

/// A proof fixture: inputs, level, output and proof bytes.
type Fixture = (Inputs, SecurityLevel, Output, Vec<u8>);

macro_rules! fixtures {
	($($name:literal),* $(,)?) => {
		[$(include_bytes!(concat!("../fixtures/", $name, ".scale")).as_slice()),*]
	};
}

/// Every program at both levels and 2^10, 2^14, 2^16, 2^18 and 2^20 steps.
const FIXTURES: [&[u8]; 30] = fixtures![
	"fibonacci-96-10",
	"fibonacci-96-14",
	"fibonacci-96-16",
	"fibonacci-96-18",
	"fibonacci-96-20",
	"fibonacci-128-10",
	"fibonacci-128-14",
	"fibonacci-128-16",
	"fibonacci-128-18",
	"fibonacci-128-20",
	"rescue-chain-96-10",
	"rescue-chain-96-14",
	"rescue-chain-96-16",
	"rescue-chain-96-18",
	"rescue-chain-96-20",
	"rescue-chain-128-10",
	"rescue-chain-128-14",
	"rescue-chain-128-16",
	"rescue-chain-128-18",
	"rescue-chain-128-20",
	"mimc-vdf-96-10",
	"mimc-vdf-96-14",
	"mimc-vdf-96-16",
	"mimc-vdf-96-18",
	"mimc-vdf-96-20",
	"mimc-vdf-128-10",
	"mimc-vdf-128-14",
	"mimc-vdf-128-16",
	"mimc-vdf-128-18",
	"mimc-vdf-128-20",
];

/// The smallest and the largest fixture proof, in bytes: the range of `submit_proof`'s `l`.
const SMALLEST_PROOF: u32 = 26_000;
const LARGEST_PROOF: u32 = 129_000;

fn fixture(bytes: &[u8]) -> Fixture {
	Fixture::decode(&mut &bytes[..]).expect("fixtures are written by make-proof-fixtures.sh")
}

/// The largest fixture whose proof has at most `len` bytes (the smallest if none).
fn fixture_up_to(len: u32) -> Fixture {
	let mut all: Vec<Fixture> = FIXTURES.iter().map(|bytes| fixture(bytes)).collect();
	all.sort_by_key(|(.., proof)| proof.len());
	let index = all.iter().rposition(|(.., proof)| proof.len() as u32 <= len).unwrap_or(0);
	all.swap_remove(index)
}

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = max_fee::<T>()
		.saturating_add(collateral::<T>())
		.saturating_mul((T::MaxOpenJobs::get().saturating_add(10)).into());
	T::Currency::set_balance(&who, amount.saturating_add(1_000_000u32.into()));
	who
}

/// Twice the minimum fee: the benchmarks' jobs can have their fee raised.
fn max_fee<T: Config>() -> BalanceOf<T> {
	Params::<T>::get().min_fee.saturating_mul(2u32.into())
}

fn collateral<T: Config>() -> BalanceOf<T> {
	Params::<T>::get().min_collateral.max(One::one())
}

/// A registered prover of every program, with a miss on its record: a slash, a suspension and
/// a job done each rewrite every program's draw tree (a prover that never failed keeps its
/// weight when it is paid).
fn prover<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("prover", 0, 0);
	register::<T>(&who);
	who
}

/// The prover the proof fixtures are bound to (`make-proof-fixtures.sh`), registered: the
/// account whose encoding is `0x01` then zeros (`ProverId` `0x0100..00`: account 1 in the
/// tests, `0x0100..00` in the runtime).
fn fixture_prover<T: Config>() -> T::AccountId {
	let who = T::AccountId::decode(&mut sp_runtime::traits::TrailingZeroInput::new(&[1]))
		.expect("an account decodes from any bytes");
	debug_assert_eq!(prover_id(&who)[..2], [1, 0]);
	register::<T>(&who);
	who
}

fn register<T: Config>(who: &T::AccountId) {
	T::Provers::register_for_benchmark(
		who,
		collateral::<T>().saturating_mul(1_000u32.into()),
		&Program::ALL,
	);
	T::Provers::record_failure(who, pallet_provers::FailureReason::AcceptTimeout);
}

/// A prover key (generated in the benchmark's keystore) and its account, registered.
fn prover_key<T: Config>() -> (T::Public, T::AccountId) {
	type Key<T> = <<T as Config>::ProverKey as AppCrypto<
		<T as SigningTypes>::Public,
		<T as SigningTypes>::Signature,
	>>::RuntimeAppPublic;
	type Generic<T> = <<T as Config>::ProverKey as AppCrypto<
		<T as SigningTypes>::Public,
		<T as SigningTypes>::Signature,
	>>::GenericPublic;
	let key: T::Public = Generic::<T>::from(Key::<T>::generate_pair(None)).into();
	let who = key.clone().into_account();
	register::<T>(&who);
	(key, who)
}

/// Whether the pool would take `call` (what `#[pallet::authorize]` runs).
fn authorize<T: Config>(call: Call<T>) -> Result<(), BenchmarkError> {
	use frame_support::{pallet_prelude::TransactionSource, traits::Authorize};
	call.authorize(TransactionSource::External)
		.ok_or(BenchmarkError::Stop("the call is not authorizable"))?
		.map_err(|_| BenchmarkError::Stop("the call is not authorized"))?;
	Ok(())
}

/// A requester with `MaxOpenJobs - 1` open jobs, and the id of one more, pending.
fn pending_job<T: Config>(inputs: Inputs, security: SecurityLevel) -> (T::AccountId, JobId) {
	let requester = funded::<T>("requester", 0);
	let params = Params::<T>::get();
	let mut last = 0;
	for _ in 0..T::MaxOpenJobs::get() {
		last = Market::<T>::do_submit_job(
			requester.clone(),
			inputs,
			security,
			params.min_fee,
			max_fee::<T>(),
			collateral::<T>(),
			params.min_proving_window,
		)
		.expect("a funded requester submits a valid job");
	}
	(requester, last)
}

/// Job `id` assigned to `prover` (collateral locked), as a successful draw leaves it.
fn assign<T: Config>(id: JobId, prover: &T::AccountId) {
	let mut job = Jobs::<T>::get(id).expect("the job exists");
	T::Provers::lock_collateral(prover, job.collateral).expect("the prover has free stake");
	ProverJobs::<T>::insert(prover, id, ());
	job.attempts = job.attempts.saturating_add(1);
	let accept_by = Market::<T>::now().saturating_add(Params::<T>::get().accept_window);
	Market::<T>::transition(id, &mut job, JobState::Assigned { prover: prover.clone(), accept_by });
}

fn accept<T: Config>(id: JobId, prover: &T::AccountId) {
	Market::<T>::do_accept_job(prover.clone(), id).expect("the assignee accepts in time");
}

/// Run the hook's handling of job `id`'s deadline, as `on_initialize` would, in its block.
fn due<T: Config>(id: JobId) -> (JobOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>) {
	let job = Jobs::<T>::get(id).expect("the job exists");
	let block = job.deadline();
	frame_system::Pallet::<T>::set_block_number(block);
	(job, block)
}

/// A job on its last attempt, assigned (or, if `accepted`, proving), at its deadline: the
/// job, its prover, the job record and the block.
fn last_attempt_due<T: Config>(
	accepted: bool,
) -> (JobId, T::AccountId, JobOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>) {
	let (_, id) = pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
	let prover = prover::<T>();
	assign::<T>(id, &prover);
	if accepted {
		accept::<T>(id, &prover);
	}
	let mut job = Jobs::<T>::get(id).expect("the job exists");
	job.attempts = T::MaxAttempts::get();
	Jobs::<T>::insert(id, &job);
	let (job, block) = due::<T>(id);
	(id, prover, job, block)
}

fn is_failed<T: Config>(id: JobId) -> bool {
	matches!(Jobs::<T>::get(id).map(|job| job.state), Some(JobState::Failed { .. }))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A Rescue job from a requester with `MaxOpenJobs - 1` open jobs.
	#[benchmark]
	fn submit_job() {
		let (requester, _) =
			pending_job::<T>(Inputs::sample(Program::RescueChain, 1 << 20), SecurityLevel::Bits128);
		let id = RequesterJobs::<T>::get(&requester)[0];
		Market::<T>::do_cancel_job(requester.clone(), id).expect("pending");
		let params = Params::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(requester.clone()),
			Inputs::sample(Program::RescueChain, 1 << 20),
			SecurityLevel::Bits128,
			params.min_fee,
			max_fee::<T>(),
			collateral::<T>(),
			params.max_proving_window,
		);

		assert_eq!(RequesterJobs::<T>::get(&requester).len() as u32, T::MaxOpenJobs::get());
	}

	#[benchmark]
	fn cancel_job() {
		let (requester, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), id);

		assert!(matches!(
			Jobs::<T>::get(id).map(|job| job.state),
			Some(JobState::Cancelled { .. })
		));
	}

	#[benchmark]
	fn accept_job() {
		let (_, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
		let prover = prover::<T>();
		assign::<T>(id, &prover);

		#[extrinsic_call]
		_(RawOrigin::Signed(prover), id);

		assert!(matches!(Jobs::<T>::get(id).map(|job| job.state), Some(JobState::Proving { .. })));
	}

	/// A valid proof of `l` bytes (the largest fixture that fits, bound to `fixture_prover`),
	/// verified and paid.
	#[benchmark]
	fn submit_proof(l: Linear<SMALLEST_PROOF, LARGEST_PROOF>) {
		let (inputs, security, output, proof) = fixture_up_to(l);
		let (_, id) = pending_job::<T>(inputs, security);
		let prover = fixture_prover::<T>();
		assign::<T>(id, &prover);
		accept::<T>(id, &prover);
		let proof: BoundedVec<u8, T::MaxProofSize> =
			proof.try_into().expect("fixtures fit MaxProofSize");

		#[extrinsic_call]
		_(RawOrigin::Signed(prover), id, output, proof);

		assert!(Receipts::<T>::contains_key(id));
	}

	/// Authorizing `accept_job_authorized`: one job read and a signature check.
	#[benchmark]
	fn authorize_accept() -> Result<(), BenchmarkError> {
		let (_, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
		let (key, prover) = prover_key::<T>();
		assign::<T>(id, &prover);
		let attempt = Jobs::<T>::get(id).map(|job| job.attempts).unwrap_or_default();
		let turn = ProverTurn { prover: key.clone(), job: id, attempt };
		let signature = T::ProverKey::sign(&turn.accept_message(), key)
			.ok_or(BenchmarkError::Stop("cannot sign"))?;
		let call = Call::<T>::accept_job_authorized { turn, signature };

		#[block]
		{
			authorize::<T>(call)?;
		}
		Ok(())
	}

	/// Authorizing `submit_proof_authorized` with a proof of `l` bytes: one job read, the
	/// proof's hash and a signature check (the proof is verified when the call runs).
	#[benchmark]
	fn authorize_proof(l: Linear<SMALLEST_PROOF, LARGEST_PROOF>) -> Result<(), BenchmarkError> {
		let (inputs, security, output, proof) = fixture_up_to(l);
		let (_, id) = pending_job::<T>(inputs, security);
		let (key, prover) = prover_key::<T>();
		assign::<T>(id, &prover);
		let attempt = Jobs::<T>::get(id).map(|job| job.attempts).unwrap_or_default();
		let turn = ProverTurn { prover: key.clone(), job: id, attempt };
		let message = turn.proof_message(&output, &proof);
		let signature =
			T::ProverKey::sign(&message, key).ok_or(BenchmarkError::Stop("cannot sign"))?;
		let proof: BoundedVec<u8, T::MaxProofSize> = proof
			.try_into()
			.map_err(|_| BenchmarkError::Stop("fixtures fit MaxProofSize"))?;
		let call = Call::<T>::submit_proof_authorized { turn, output, proof, signature };

		#[block]
		{
			authorize::<T>(call)?;
		}
		Ok(())
	}

	/// Authorizing `resume_authorized`: one prover read and a signature check.
	#[benchmark]
	fn authorize_resume() -> Result<(), BenchmarkError> {
		let (key, prover) = prover_key::<T>();
		T::Provers::suspend(&prover, pallet_provers::FailureReason::ProofTimeout);
		let until =
			T::Provers::suspension_end(&prover).ok_or(BenchmarkError::Stop("not suspended"))?;
		frame_system::Pallet::<T>::set_block_number(until);
		let signature = T::ProverKey::sign(&resume_message(&key, &until), key.clone())
			.ok_or(BenchmarkError::Stop("cannot sign"))?;
		let call = Call::<T>::resume_authorized { prover: key, until, signature };

		#[block]
		{
			authorize::<T>(call)?;
		}
		Ok(())
	}

	#[benchmark]
	fn set_params() {
		let params = Params::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Root, params);

		assert_eq!(Params::<T>::get(), params);
	}

	#[benchmark]
	fn set_program_paused() {
		#[extrinsic_call]
		_(RawOrigin::Root, Program::MimcVdf, true);

		assert!(PausedPrograms::<T>::contains_key(Program::MimcVdf));
	}

	/// The hook with nothing due: read the cursor, look at one block's queue, move on.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		DeadlineCursor::<T>::put(now);

		#[block]
		{
			Market::<T>::on_initialize(now);
		}

		assert_eq!(DeadlineCursor::<T>::get(), now.saturating_add(One::one()));
	}

	/// A decline beyond the quota (the penalty slashed, a miss recorded), the fee raised, and
	/// the new draw that finds the other prover and assigns the job to it (the call's weight
	/// adds the registry's draw, for the most picks, separately).
	#[benchmark]
	fn decline_job() {
		let (_, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
		let prover = prover::<T>();
		register::<T>(&account("prover", 1, 0));
		assign::<T>(id, &prover);
		let params = Params::<T>::get();
		let period = Market::<T>::now() / params.decline_period;
		Declines::<T>::insert(&prover, (period, params.decline_quota));
		T::BenchmarkHelper::prepare_randomness();

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), id);

		let job = Jobs::<T>::get(id).expect("the job exists");
		assert!(job.failed.contains(&prover));
		assert!(job.fee > params.min_fee);
	}

	/// A draw that finds a prover and assigns the job, with the block's randomness read (the
	/// registry's draw is added to this weight separately, for the picks it made).
	#[benchmark]
	fn draw_job() {
		let (_, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
		let _ = prover::<T>();
		let (job, block) = due::<T>(id);
		T::BenchmarkHelper::prepare_randomness();

		#[block]
		{
			let randomness = Market::<T>::block_randomness(&mut None);
			Market::<T>::draw_for(id, job, block, randomness);
		}

		// The benchmark's prover, or one the chain's genesis registered.
		assert!(Jobs::<T>::get(id).and_then(|job| job.prover().cloned()).is_some());
	}

	/// A draw that finds nobody after the job expired: the job fails and the fee is refunded.
	#[benchmark]
	fn expire_job() {
		let (_, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
		let _ = prover::<T>();
		// Expired, and no prover has that much free stake: every redraw is rejected.
		let mut job = Jobs::<T>::get(id).expect("the job exists");
		job.expires_at = Zero::zero();
		job.collateral = BalanceOf::<T>::max_value();
		Jobs::<T>::insert(id, &job);
		let (job, block) = due::<T>(id);
		T::BenchmarkHelper::prepare_randomness();

		#[block]
		{
			let randomness = Market::<T>::block_randomness(&mut None);
			Market::<T>::draw_for(id, job, block, randomness);
		}

		assert!(is_failed::<T>(id));
	}

	/// The assignee did not accept: penalty, suspension, and the job fails (its last attempt).
	#[benchmark]
	fn accept_timeout() {
		let (id, prover, job, block) = last_attempt_due::<T>(false);

		#[block]
		{
			Market::<T>::fail_prover(id, job, prover, FailureReason::AcceptTimeout, block);
		}

		assert!(is_failed::<T>(id));
	}

	/// No proof in time: the whole collateral slashed, suspension, and the job fails (its last
	/// attempt).
	#[benchmark]
	fn proof_timeout() {
		let (id, prover, job, block) = last_attempt_due::<T>(true);

		#[block]
		{
			Market::<T>::fail_prover(id, job, prover, FailureReason::ProofTimeout, block);
		}

		assert!(is_failed::<T>(id));
	}

	/// Settling the receipts of a block in which `n` proofs verified: their Merkle root.
	#[benchmark]
	fn settle_receipts(n: Linear<0, { T::MaxReceiptsPerBlock::get() }>) {
		let block = frame_system::Pallet::<T>::block_number();
		let now = block.saturating_add(One::one());
		let prover: T::AccountId = account("prover", 0, 0);
		for job in 0..n {
			let receipt = Receipt {
				job: job.into(),
				program: Program::RescueChain,
				security: SecurityLevel::Bits128,
				inputs_hash: Default::default(),
				output: Output::RescueChain([job.into(); 4]),
				prover: prover.clone(),
				block,
				extrinsic_index: job,
			};
			BlockReceipts::<T>::try_append(receipt).expect("n <= MaxReceiptsPerBlock");
		}
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Market::<T>::settle_receipts(now);
		}

		assert!(BlockReceipts::<T>::get().is_empty());
		assert_eq!(LastReceiptsRoot::<T>::get().map_or(0, |last| last.receipts), n);
	}

	/// A finished job removed after its retention period.
	#[benchmark]
	fn prune_job() {
		let (requester, id) =
			pending_job::<T>(Inputs::sample(Program::Fibonacci, 64), SecurityLevel::Bits96);
		Market::<T>::do_cancel_job(requester, id).expect("pending");
		let (_, block) = due::<T>(id);

		#[block]
		{
			Market::<T>::on_deadline(id, block, block, &mut None);
		}

		assert!(!Jobs::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Market, crate::mock::new_test_ext(), crate::mock::Test);
}
