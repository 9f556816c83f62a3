//! `calls` and `transactions`: the bytes a transaction carries, decoded and validated as the
//! runtime does.

use crate::{
	check, count,
	proofs::{mutate, mutation},
	require, Counts,
};
use codec::{Decode, DecodeLimit, Encode};
use frame_support::{
	dispatch::GetDispatchInfo,
	storage::{with_transaction, TransactionOutcome},
	traits::{GetCallName, PalletInfoAccess},
	MAX_EXTRINSIC_DEPTH,
};
use proptest::{prelude::*, test_runner::TestRunner};
use sortition_programs::{Inputs, SecurityLevel};
use sortition_runtime::{
	currency::UNIT, genesis_config_presets::development_config_genesis, testing, Executive,
	Runtime, RuntimeCall, UncheckedExtrinsic,
};
use sp_keyring::Sr25519Keyring as Keyring;
use sp_runtime::{
	transaction_validity::{TransactionSource, TransactionValidityError},
	DispatchError,
};
use std::{cell::RefCell, sync::Mutex};

/// A call's name as polkadot.js shows it: `jobs.submit_job`.
pub fn call_name(call: &RuntimeCall) -> String {
	match call {
		RuntimeCall::Jobs(call) => format!("jobs.{}", call.get_call_name()),
		RuntimeCall::Provers(call) => format!("provers.{}", call.get_call_name()),
		other => format!("{other:?}"),
	}
}

/// A byte that is small more often than not: enum variants, booleans and lengths decode.
fn byte() -> impl Strategy<Value = u8> {
	prop_oneof![3 => 0u8..4, 1 => any::<u8>()]
}

pub fn run_calls(runner: &mut TestRunner, counts: &Mutex<Counts>) -> Result<(), String> {
	let pallets =
		[sortition_runtime::Jobs::index() as u8, sortition_runtime::Provers::index() as u8];
	let strategy = (
		proptest::sample::select(pallets.to_vec()),
		0u8..12,
		proptest::collection::vec(byte(), 0..600),
	);
	check(runner, strategy, |(pallet, call, tail)| {
		let mut bytes = vec![pallet, call];
		bytes.extend(tail);
		let mut input = &bytes[..];
		let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut input) else {
			count(counts, "(does not decode)");
			return Ok(());
		};
		let consumed = &bytes[..bytes.len() - input.len()];
		let encoded = call.encode();
		let again = RuntimeCall::decode(&mut &encoded[..]);
		prop_assert_eq!(
			again.as_ref(),
			Ok(&call),
			"a decoded call does not decode from its own encoding"
		);
		prop_assert_eq!(&encoded[..], consumed, "a call decoded from a non-canonical encoding");
		// The weight of any call that decodes is computable (pre-dispatch, from its arguments).
		let _ = call.get_dispatch_info();
		count(counts, call_name(&call));
		Ok(())
	})
}

/// Every call of both pallets decoded.
pub fn calls_coverage(counts: &Counts) -> Result<(), String> {
	let jobs = pallet_jobs::Call::<Runtime>::get_call_names()
		.iter()
		.map(|n| format!("jobs.{n}"));
	let provers = pallet_provers::Call::<Runtime>::get_call_names()
		.iter()
		.map(|n| format!("provers.{n}"));
	require(counts, jobs.chain(provers))
}

/// Signed transactions of the pallets' calls on the development chain, valid as they are.
fn transactions() -> Vec<Vec<u8>> {
	let inputs = Inputs::RescueChain { seed: [1, 2], steps: 1024 };
	let proof = &crate::proofs::valid()[0];
	let calls = [
		(
			Keyring::Bob,
			RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
				inputs,
				security: SecurityLevel::Bits128,
				fee: 10 * UNIT,
				max_fee: 20 * UNIT,
				collateral: 10 * UNIT,
				proving_window: 100,
			}),
		),
		(Keyring::Bob, RuntimeCall::Jobs(pallet_jobs::Call::cancel_job { job: 0 })),
		(
			Keyring::Alice,
			RuntimeCall::Jobs(pallet_jobs::Call::submit_proof {
				job: 0,
				output: proof.output.clone(),
				proof: proof.proof.clone().try_into().expect("small"),
			}),
		),
		(
			Keyring::Charlie,
			RuntimeCall::Provers(pallet_provers::Call::register {
				stake: 1_000 * UNIT,
				programs: sortition_programs::Program::ALL.to_vec(),
				asks: Default::default(),
			}),
		),
		(Keyring::Alice, RuntimeCall::Provers(pallet_provers::Call::bond_more { amount: UNIT })),
	];
	calls
		.into_iter()
		.map(|(who, call)| testing::signed(who, call).encode())
		.collect()
}

pub fn run_transactions(runner: &mut TestRunner, counts: &Mutex<Counts>) -> Result<(), String> {
	let ext = RefCell::new(testing::genesis_ext(development_config_genesis()));
	let (corpus, genesis) = ext
		.borrow_mut()
		.execute_with(|| (transactions(), frame_system::Pallet::<Runtime>::block_hash(0)));
	let strategy = (
		0..corpus.len(),
		prop_oneof![1 => Just(Vec::new()), 9 => proptest::collection::vec(mutation(), 1..4)],
	);
	check(runner, strategy, |(which, mutations)| {
		let bytes = mutate(&corpus[which], &mutations);
		let Ok(transaction) =
			UncheckedExtrinsic::decode_all_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut &bytes[..])
		else {
			prop_assert!(!mutations.is_empty(), "a valid transaction does not decode");
			count(counts, "(does not decode)");
			return Ok(());
		};
		let validity = ext.borrow_mut().execute_with(|| {
			with_transaction(|| {
				let validity = Executive::validate_transaction(
					TransactionSource::External,
					transaction.clone(),
					genesis,
				);
				TransactionOutcome::Rollback(Ok::<_, DispatchError>(validity))
			})
			.expect("rolled back")
		});
		let name = call_name(&transaction.function);
		match &validity {
			Ok(_) => count(counts, format!("{name}: valid")),
			Err(TransactionValidityError::Invalid(why)) => {
				count(counts, format!("{name}: invalid ({why:?})"))
			},
			Err(TransactionValidityError::Unknown(why)) => {
				count(counts, format!("{name}: unknown ({why:?})"))
			},
		}
		if mutations.is_empty() {
			prop_assert!(validity.is_ok(), "the unchanged transaction is invalid: {:?}", validity);
		}
		Ok(())
	})
}

/// Mutated transactions that still decode were refused for their signature, and unchanged
/// ones are valid.
pub fn transactions_coverage(counts: &Counts) -> Result<(), String> {
	require(
		counts,
		[
			"jobs.submit_job: valid".to_string(),
			"jobs.submit_job: invalid (BadProof)".to_string(),
			"(does not decode)".to_string(),
		],
	)
}
