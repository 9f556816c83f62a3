//! `submit_job` and `submit_proof`: the jobs pallet's two calls anyone sends in volume,
//! applied as signed transactions to an open block of the development chain, each in a storage
//! transaction that is rolled back, with every pallet's `try_state` after it.

use crate::{
	check, count,
	proofs::{mutate, mutation, Mutation},
	require, Counts,
};
use codec::{Decode, Encode};
use frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::TryState,
};
use frame_try_runtime::TryStateSelect;
use pallet_jobs::JobId;
use proptest::{prelude::*, test_runner::TestRunner};
use sortition_programs::{
	prove, Inputs, Output, Program, SecurityLevel, FIELD_MODULUS, MAX_STEPS, MIN_STEPS,
};
use sortition_runtime::{
	currency::UNIT, genesis_config_presets::development_config_genesis, testing,
	AllPalletsWithSystem, Balance, Executive, Runtime, RuntimeCall, RuntimeEvent,
};
use sp_keyring::Sr25519Keyring as Keyring;
use sp_runtime::{ApplyExtrinsicResult, DispatchError};
use std::{cell::RefCell, sync::Mutex};

/// The accounts that send: the endowed well-known ones and One, who holds nothing.
const SENDERS: [Keyring; 7] = [
	Keyring::Alice,
	Keyring::Bob,
	Keyring::Charlie,
	Keyring::Dave,
	Keyring::Eve,
	Keyring::Ferdie,
	Keyring::One,
];

/// What a transaction's application came to, as a counter key: `ok`, the module error's
/// name, or why the transaction was invalid.
fn outcome(result: &ApplyExtrinsicResult) -> String {
	match result {
		Ok(Ok(())) => "ok".into(),
		Ok(Err(DispatchError::Module(error))) => error.message.unwrap_or("module error").into(),
		Ok(Err(other)) => format!("{other:?}"),
		Err(invalid) => format!("invalid transaction ({invalid:?})"),
	}
}

/// The block number's `try_state` of every pallet.
fn invariants() -> Result<(), String> {
	let now = frame_system::Pallet::<Runtime>::block_number();
	AllPalletsWithSystem::try_state(now, TryStateSelect::All).map_err(|e| format!("{e:?}"))
}

/// What `who` has reserved or held.
fn held(who: Keyring) -> Balance {
	frame_system::Account::<Runtime>::get(who.to_account_id()).data.reserved
}

fn balance() -> impl Strategy<Value = Balance> {
	prop_oneof![
		Just(0),
		Just(1),
		Just(UNIT - 1),
		Just(UNIT),
		Just(10 * UNIT),
		0..1_000 * UNIT,
		Just(2_000_000 * UNIT),
		Just(Balance::MAX),
		any::<Balance>(),
	]
}

fn steps() -> impl Strategy<Value = u32> {
	prop_oneof![
		4 => (0u32..32).prop_map(|k| 1u32 << k),
		1 => Just(MIN_STEPS),
		1 => Just(MAX_STEPS),
		1 => any::<u32>(),
	]
}

fn element() -> impl Strategy<Value = u64> {
	prop_oneof![0..16u64, Just(FIELD_MODULUS - 1), Just(FIELD_MODULUS), any::<u64>()]
}

fn inputs() -> impl Strategy<Value = Inputs> {
	prop_oneof![
		steps().prop_map(|steps| Inputs::Fibonacci { steps }),
		(element(), element(), steps())
			.prop_map(|(a, b, steps)| Inputs::RescueChain { seed: [a, b], steps }),
		(element(), steps()).prop_map(|(seed, steps)| Inputs::MimcVdf { seed, steps }),
	]
}

fn level() -> impl Strategy<Value = SecurityLevel> {
	proptest::sample::select(SecurityLevel::ALL.to_vec())
}

/// The development chain at block 1, open (its inherent applied).
fn open_chain() -> (sp_io::TestExternalities, testing::Chain) {
	let mut ext = testing::genesis_ext(development_config_genesis());
	let chain = ext.execute_with(|| {
		let mut chain = testing::Chain::new();
		chain.open();
		chain
	});
	(ext, chain)
}

pub fn run_submit_job(runner: &mut TestRunner, counts: &Mutex<Counts>) -> Result<(), String> {
	let (ext, _chain) = open_chain();
	let ext = RefCell::new(ext);
	let window = prop_oneof![
		Just(0u32),
		9u32..12,
		Just(sortition_runtime::time::HOURS),
		Just(sortition_runtime::time::HOURS + 1),
		any::<u32>(),
	];
	let strategy = (
		proptest::sample::select(SENDERS.to_vec()),
		inputs(),
		level(),
		(balance(), prop_oneof![Just(None), balance().prop_map(Some)], balance()),
		window,
	);
	check(runner, strategy, |(who, inputs, security, (fee, max_fee, collateral), window)| {
		let max_fee = max_fee.unwrap_or(fee);
		let call = RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
			inputs,
			security,
			fee,
			max_fee,
			collateral,
			proving_window: window,
		});
		let (result, checked) = ext.borrow_mut().execute_with(|| {
			with_transaction(|| {
				let next = pallet_jobs::NextJobId::<Runtime>::get();
				let held_before = held(who);
				let result = Executive::apply_extrinsic(testing::signed(who, call));
				let (expected_next, expected_held) = match result {
					Ok(Ok(())) => (next + 1, held_before.saturating_add(max_fee)),
					_ => (next, held_before),
				};
				let checked = if pallet_jobs::NextJobId::<Runtime>::get() != expected_next {
					Err(format!(
						"NextJobId {next} became {:?}",
						pallet_jobs::NextJobId::<Runtime>::get()
					))
				} else if held(who) != expected_held {
					Err(format!(
						"{who:?} holds {} (was {held_before}, max_fee {max_fee})",
						held(who)
					))
				} else {
					invariants()
				};
				TransactionOutcome::Rollback(Ok::<_, DispatchError>((result, checked)))
			})
			.expect("rolled back")
		});
		count(counts, outcome(&result));
		prop_assert!(checked.is_ok(), "{}: {}", outcome(&result), checked.unwrap_err());
		Ok(())
	})
}

/// A job was created, and the pallet refused bad inputs, fees and windows with their errors.
pub fn submit_job_coverage(counts: &Counts) -> Result<(), String> {
	require(
		counts,
		[
			"ok",
			"StepsNotPowerOfTwo",
			"TooFewSteps",
			"TooManySteps",
			"SeedNotInField",
			"FeeBelowMinimum",
			"MaxFeeBelowFee",
			"CollateralBelowMinimum",
			"ProvingWindowTooShort",
			"ProvingWindowTooLong",
			"InsufficientBalance",
		]
		.map(String::from),
	)
}

/// The proof submitted.
#[derive(Debug, Clone)]
enum Proof {
	/// The job's genuine proof, with these mutations (none: genuine).
	Genuine(Vec<Mutation>),
	/// The genuine proof of another job.
	OtherJob(usize),
	/// Random bytes.
	Random(Vec<u8>),
}

pub fn run_submit_proof(runner: &mut TestRunner, counts: &Mutex<Counts>) -> Result<(), String> {
	let (mut ext, mut chain) = open_chain();
	// Block 1: Bob submits a job of each program at each level; block 2 draws Alice, the only
	// prover, for each; block 3 is open, in which the proofs come.
	let jobs: Vec<(JobId, Inputs, SecurityLevel, Output, Vec<u8>)> = ext.execute_with(|| {
		let mut submitted = Vec::new();
		for program in Program::ALL {
			for level in SecurityLevel::ALL {
				let inputs = Inputs::sample(program, MIN_STEPS);
				let call = RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
					inputs,
					security: level,
					fee: 10 * UNIT,
					max_fee: 10 * UNIT,
					collateral: 10 * UNIT,
					proving_window: 50,
				});
				chain.apply(Keyring::Bob, call).expect("valid").expect("submitted");
				submitted.push((inputs, level));
			}
		}
		chain.close();
		let events = chain.block(Vec::new());
		let assigned = events
			.iter()
			.filter(|e| matches!(e, RuntimeEvent::Jobs(pallet_jobs::Event::ProverAssigned { .. })))
			.count();
		assert_eq!(assigned, submitted.len(), "every job drawn to Alice");
		chain.open();
		let alice = pallet_jobs::prover_id(&Keyring::Alice.to_account_id());
		submitted
			.into_iter()
			.enumerate()
			.map(|(job, (inputs, level))| {
				let (output, proof) = prove(&inputs, level, &alice).expect("valid inputs");
				(job as JobId, inputs, level, output, proof)
			})
			.collect()
	});
	let ext = RefCell::new(ext);
	let proof = prop_oneof![
		2 => Just(Proof::Genuine(Vec::new())),
		6 => proptest::collection::vec(mutation(), 1..4).prop_map(Proof::Genuine),
		1 => (0..jobs.len()).prop_map(Proof::OtherJob),
		1 => proptest::collection::vec(any::<u8>(), 0..4096).prop_map(Proof::Random),
	];
	let strategy = (
		prop_oneof![9 => 0..jobs.len() as JobId, 1 => any::<JobId>()],
		prop_oneof![8 => Just(Keyring::Alice), 1 => proptest::sample::select(SENDERS.to_vec())],
		proof,
		prop_oneof![6 => Just(Vec::new()), 1 => proptest::collection::vec(mutation(), 1..3)],
	);
	check(runner, strategy, |(job, who, proof, output_mutations)| {
		let index = job as usize % jobs.len();
		let (_, _, _, genuine_output, genuine_proof) = &jobs[index];
		let bytes = match &proof {
			Proof::Genuine(mutations) => mutate(genuine_proof, mutations),
			Proof::OtherJob(other) => jobs[*other].4.clone(),
			Proof::Random(bytes) => bytes.clone(),
		};
		let output = Output::decode(&mut &mutate(&genuine_output.encode(), &output_mutations)[..])
			.unwrap_or_else(|_| genuine_output.clone());
		let genuine = &bytes == genuine_proof && &output == genuine_output;
		let call = RuntimeCall::Jobs(pallet_jobs::Call::submit_proof {
			job,
			output,
			proof: bytes.try_into().expect("below MaxProofSize"),
		});
		let (result, verdict, checked) = ext.borrow_mut().execute_with(|| {
			with_transaction(|| {
				let before = pallet_jobs::Jobs::<Runtime>::get(job);
				let result = Executive::apply_extrinsic(testing::signed(who, call));
				let verdict = frame_system::Pallet::<Runtime>::read_events_no_consensus().find_map(
					|record| match record.event {
						RuntimeEvent::Jobs(pallet_jobs::Event::ProofVerified {
							job: j, ..
						}) if j == job => Some("verified"),
						RuntimeEvent::Jobs(pallet_jobs::Event::ProofRejected {
							job: j, ..
						}) if j == job => Some("rejected"),
						_ => None,
					},
				);
				let unchanged = pallet_jobs::Jobs::<Runtime>::get(job) == before;
				let checked = match (&result, verdict) {
					(Ok(Ok(())), Some(_)) => invariants(),
					(Ok(Ok(())), None) => Err("the proof was neither verified nor rejected".into()),
					(_, _) if !unchanged => Err("a refused proof changed its job".into()),
					_ => invariants(),
				};
				TransactionOutcome::Rollback(Ok::<_, DispatchError>((result, verdict, checked)))
			})
			.expect("rolled back")
		});
		count(counts, verdict.map(String::from).unwrap_or_else(|| outcome(&result)));
		prop_assert!(checked.is_ok(), "{}: {}", outcome(&result), checked.unwrap_err());
		let assigned = who == Keyring::Alice && (job as usize) < jobs.len();
		if assigned {
			prop_assert_eq!(
				verdict,
				Some(if genuine { "verified" } else { "rejected" }),
				"Alice's proof of job {} ({}): {}",
				job,
				if genuine { "genuine" } else { "changed" },
				outcome(&result)
			);
		} else {
			prop_assert!(verdict.is_none(), "a proof from {:?} for job {} was judged", who, job);
		}
		Ok(())
	})
}

/// Genuine proofs verified, changed ones rejected, and proofs for the wrong job or from the
/// wrong prover refused.
pub fn submit_proof_coverage(counts: &Counts) -> Result<(), String> {
	require(counts, ["verified", "rejected", "NotAssignedProver", "JobNotFound"].map(String::from))
}
