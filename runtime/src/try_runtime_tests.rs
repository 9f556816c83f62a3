//! The runtime built with `try-runtime`, as `try-runtime-cli` drives it, on a chain of real
//! blocks: `scripts/try-runtime.sh` runs these tests.
//!
//! A local-testnet chain (three validators, two provers) runs 25 blocks of six seconds through
//! `Executive`: signed transactions, jobs proven with real proofs, a prover that misses its
//! accept window, a validator candidate that joins, two session boundaries. Then:
//!
//! - each block is executed again on a fresh genesis with `Executive::try_execute_block` (what
//!   `TryRuntime_execute_block` runs), state root and signatures checked, and every pallet's
//!   `try_state` after it;
//! - the chain's jobs are rewritten as storage version 0 stored them, and
//!   `Executive::try_runtime_upgrade` (what `TryRuntime_on_runtime_upgrade` runs) migrates
//!   them, with the migrations' `pre_upgrade`/`post_upgrade`, a decode of the entire state and
//!   every `try_state`.

use crate::{
	genesis_config_presets::local_config_genesis,
	testing::{genesis_ext, session_keys, Chain},
	Block, Executive, Runtime, RuntimeCall, RuntimeEvent,
};
use codec::Encode;
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, StorageVersion, TryDecodeEntireStorage, TryState},
};
use frame_try_runtime::{TryStateSelect, UpgradeCheckSelect};
use pallet_jobs::{migrations::v1::OldJob, JobId};
use sortition_programs::{Inputs, SecurityLevel};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring as Keyring};

/// The local testnet's genesis state.
fn genesis() -> sp_io::TestExternalities {
	genesis_ext(local_config_genesis())
}

/// A chain of 25 blocks (two session boundaries, at 10 and 20) in which:
/// - job 0 (Dave) is proven by the prover drawn for it;
/// - job 1 (Eve): its first prover never answers, is slashed when the accept window closes,
///   and the job is re-drawn and proven by the other prover;
/// - job 2 (Ferdie) is cancelled in the block that submits it;
/// - Dave sets session keys and becomes a validator candidate, a validator from session 2.
fn chain() -> Vec<Block> {
	let fib = Inputs::Fibonacci { steps: 64 };
	let submit = |inputs| {
		RuntimeCall::Jobs(pallet_jobs::Call::submit_job {
			inputs,
			security: SecurityLevel::Bits96,
			fee: 10 * crate::currency::UNIT,
			max_fee: 10 * crate::currency::UNIT,
			collateral: 10 * crate::currency::UNIT,
			proving_window: 10,
		})
	};
	let prove = |prover: Keyring, job: JobId, inputs: Inputs| {
		let account = prover.to_account_id();
		let (output, proof) = sortition_programs::prove(
			&inputs,
			SecurityLevel::Bits96,
			&pallet_jobs::prover_id(&account),
		)
		.expect("valid inputs");
		(
			prover,
			RuntimeCall::Jobs(pallet_jobs::Call::submit_proof {
				job,
				output,
				proof: proof.try_into().expect("below MaxProofSize"),
			}),
		)
	};
	genesis().execute_with(|| {
		let mut chain = Chain::new();
		let mut first_prover_of_job_1 = None;
		let mut to_prove: Vec<(Keyring, JobId)> = Vec::new();
		let mut all_events = Vec::new();
		for number in 1..=25u32 {
			let pending = core::mem::take(&mut to_prove);
			let mut txs = match number {
				1 => vec![
					(Keyring::Dave, submit(fib)),
					(Keyring::Eve, submit(fib)),
					(Keyring::Ferdie, submit(fib)),
					(Keyring::Ferdie, RuntimeCall::Jobs(pallet_jobs::Call::cancel_job { job: 2 })),
				],
				2 => {
					let (keys, proof) = session_keys(Keyring::Dave, Ed25519Keyring::Dave);
					vec![
						(
							Keyring::Dave,
							RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof }),
						),
						(
							Keyring::Dave,
							RuntimeCall::CollatorSelection(
								pallet_collator_selection::Call::register_as_candidate {},
							),
						),
					]
				},
				_ => vec![],
			};
			txs.extend(pending.into_iter().map(|(prover, job)| prove(prover, job, fib)));
			let events = chain.block(txs);
			for event in &events {
				if let RuntimeEvent::Jobs(pallet_jobs::Event::ProverAssigned {
					job, prover, ..
				}) = event
				{
					let prover = Keyring::from_account_id(prover).expect("a well-known prover");
					if *job == 1 && first_prover_of_job_1.is_none() {
						first_prover_of_job_1 = Some(prover);
					} else {
						to_prove.push((prover, *job));
					}
				}
			}
			all_events.extend(events);
		}
		// What the chain did, so that the checks below check this story.
		let verified: Vec<JobId> = all_events
			.iter()
			.filter_map(|event| match event {
				RuntimeEvent::Jobs(pallet_jobs::Event::ProofVerified { job, .. }) => Some(*job),
				_ => None,
			})
			.collect();
		assert_eq!(verified, vec![0, 1], "jobs 0 and 1 verified, in that order");
		let failed_prover = first_prover_of_job_1.expect("job 1 was drawn").to_account_id();
		assert!(all_events.iter().any(|event| matches!(
			event,
			RuntimeEvent::Jobs(pallet_jobs::Event::ProverFailed { job: 1, prover, .. })
				if *prover == failed_prover
		)));
		assert!(all_events.iter().any(|event| matches!(
			event,
			RuntimeEvent::Jobs(pallet_jobs::Event::JobCancelled { job: 2, .. })
		)));
		assert!(
			pallet_session::Validators::<Runtime>::get().contains(&Keyring::Dave.to_account_id())
		);
		assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 4);
		println!(
			"{} blocks: jobs {verified:?} verified, job 1's first prover ({:?}) slashed, \
			 job 2 cancelled, Dave a validator (BABE authorities: 4), session {}",
			chain.number,
			first_prover_of_job_1,
			pallet_session::CurrentIndex::<Runtime>::get(),
		);
		chain.blocks
	})
}

/// Every block executes again with `try_execute_block` on a fresh genesis, to the same state
/// root, and every pallet's `try_state` holds after each.
#[test]
fn every_block_passes_try_state() {
	let blocks = chain();
	genesis().execute_with(|| {
		for block in blocks {
			let number = block.header.number;
			Executive::try_execute_block(block.into(), true, true, TryStateSelect::All)
				.unwrap_or_else(|error| panic!("block #{number}: {error:?}"));
		}
		assert_eq!(frame_system::Pallet::<Runtime>::block_number(), 25);
		// And the checks catch a broken state: a job id at or past `NextJobId`.
		pallet_jobs::NextJobId::<Runtime>::put(0);
		assert!(crate::AllPalletsWithSystem::try_state(25, TryStateSelect::All).is_err());
	});
}

/// The runtime upgrade as `try-runtime on-runtime-upgrade` checks it, on this chain with its
/// jobs and parameters stored as storage version 0: the v0 → v1 migration runs with its
/// pre/post checks, the entire state decodes, every `try_state` holds, and each job is what
/// it was.
#[test]
fn the_runtime_upgrade_passes_its_checks() {
	let blocks = chain();
	genesis().execute_with(|| {
		for block in blocks {
			Executive::execute_block(block.into());
		}
		let jobs: Vec<_> = pallet_jobs::Jobs::<Runtime>::iter().collect();
		assert_eq!(jobs.len(), 3);
		let params = pallet_jobs::Params::<Runtime>::get();
		// Storage version 0's layout: no max_fee, no raises (no job here was raised), and
		// the parameters without the fee steps and declines.
		for (id, job) in &jobs {
			assert_eq!((job.fee, job.raises), (job.max_fee, 0));
			let old = OldJob::<Runtime> {
				requester: job.requester.clone(),
				inputs: job.inputs,
				security: job.security,
				fee: job.fee,
				collateral: job.collateral,
				proving_window: job.proving_window,
				submitted_at: job.submitted_at,
				expires_at: job.expires_at,
				attempts: job.attempts,
				failed: job.failed.clone(),
				state: job.state.clone(),
			};
			unhashed::put_raw(&pallet_jobs::Jobs::<Runtime>::hashed_key_for(id), &old.encode());
		}
		let old_params = pallet_jobs::migrations::v1::OldParams {
			min_fee: params.min_fee,
			min_collateral: params.min_collateral,
			accept_window: params.accept_window,
			min_proving_window: params.min_proving_window,
			max_proving_window: params.max_proving_window,
			draw_timeout: params.draw_timeout,
			redraw_interval: params.redraw_interval,
			retention_period: params.retention_period,
			accept_timeout_slash: params.accept_timeout_slash,
		};
		unhashed::put_raw(&pallet_jobs::Params::<Runtime>::hashed_key(), &old_params.encode());
		StorageVersion::new(0).put::<crate::Jobs>();
		// The old layout does not decode as the new one: the checks see a real migration.
		assert!(crate::AllPalletsWithSystem::try_decode_entire_state().is_err());

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade's checks");

		assert_eq!(crate::Jobs::on_chain_storage_version(), 1);
		assert_eq!(pallet_jobs::Jobs::<Runtime>::iter().collect::<Vec<_>>(), jobs);
		assert_eq!(pallet_jobs::Params::<Runtime>::get(), params);
		// Once migrated, the upgrade's checks pass again and change nothing.
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("idempotent");
		assert_eq!(pallet_jobs::Jobs::<Runtime>::iter().collect::<Vec<_>>(), jobs);
	});
}
