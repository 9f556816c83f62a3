//! The job lifecycle with real proofs (small jobs), the provers pallet and real balances.

use crate::{mock::*, pallet::*, types::*, Event as JobsEvent};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
	traits::Hooks,
	weights::Weight,
	BoundedVec,
};
use pallet_provers::{FailureReason, ProverRegistry as _};
use sortition_programs::{Inputs, Output, Program, SecurityLevel, VerifyError};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash as _};

const ALICE: AccountId = 1;
const BOB: AccountId = 2;
const CAROL: AccountId = 3;
const DAVE: AccountId = 4;
const REQUESTER: AccountId = 10;

const STAKE: Balance = 10_000;
const FEE: Balance = 100;
const COLLATERAL: Balance = 1_000;
const WINDOW: BlockNumber = 10;
const FIB: Inputs = Inputs::Fibonacci { steps: 64 };
const LEVEL: SecurityLevel = SecurityLevel::Bits96;
/// The block a job submitted in block 1 (where every test starts) is drawn in: the next one.
const DRAW: BlockNumber = 2;

fn submit(requester: AccountId, inputs: Inputs) -> JobId {
	let id = NextJobId::<Test>::get();
	assert_ok!(JobMarket::submit_job(
		signed(requester),
		inputs,
		LEVEL,
		FEE,
		FEE,
		COLLATERAL,
		WINDOW
	));
	id
}

fn job(id: JobId) -> JobOf<Test> {
	Jobs::<Test>::get(id).expect("the job exists")
}

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

fn issuance() -> Balance {
	Balances::total_issuance()
}

fn assigned(id: JobId) -> AccountId {
	match job(id).state {
		JobState::Assigned { prover, .. } => prover,
		state => panic!("job {id} is not assigned: {state:?}"),
	}
}

fn locked(who: AccountId) -> Balance {
	pallet_provers::Provers::<Test>::get(who).map(|p| p.locked).unwrap_or_default()
}

fn stake(who: AccountId) -> Balance {
	pallet_provers::Provers::<Test>::get(who).map(|p| p.stake).unwrap_or_default()
}

fn suspended_until(who: AccountId) -> Option<BlockNumber> {
	pallet_provers::Provers::<Test>::get(who).and_then(|p| p.suspended_until)
}

fn submit_valid_proof(prover: AccountId, id: JobId) -> PostDispatchInfo {
	let (output, proof) = proof(job(id).inputs, job(id).security, prover);
	JobMarket::submit_proof(signed(prover), id, output, proof.try_into().unwrap())
		.expect("accepted")
}

/// One prover (Alice) proving every program.
fn one_prover() -> ExtBuilder {
	ExtBuilder::default().prover(ALICE, STAKE, &Program::ALL)
}

/// The free balances of the requester and Alice and the total issuance.
type Before = (Balance, Balance, Balance);

/// A job submitted by the requester and drawn to Alice (the only prover), and the balances
/// from before it was submitted.
fn job_drawn_to_alice() -> (JobId, Before) {
	let before = (free(REQUESTER), free(ALICE), issuance());
	let id = submit(REQUESTER, FIB);
	run_to_block(DRAW);
	assert_eq!(assigned(id), ALICE);
	(id, before)
}

/// Since `before`, the fee went from the requester to Alice, nothing was minted or burned, and
/// Alice's collateral is free again.
fn assert_fee_paid_to_alice((requester_before, alice_before, issuance_before): Before) {
	assert_eq!(free(REQUESTER), requester_before - FEE);
	assert_eq!(free(ALICE), alice_before + FEE);
	assert_eq!(issuance(), issuance_before);
	assert_eq!(locked(ALICE), 0);
}

/// Two provers (Alice and Bob) with the same stake, proving every program.
fn two_provers() -> ExtBuilder {
	one_prover().prover(BOB, STAKE, &Program::ALL)
}

mod submit_job {
	use super::*;

	#[test]
	fn holds_the_fee_and_queues_the_draw_in_the_next_block() {
		one_prover().build_and_execute(|| {
			let before = free(REQUESTER);
			let id = submit(REQUESTER, FIB);

			assert_eq!(id, 0);
			assert_eq!(NextJobId::<Test>::get(), 1);
			let job = job(id);
			assert_eq!(job.state, JobState::Pending { draw_at: DRAW });
			assert_eq!(job.expires_at, DRAW + PARAMS.draw_timeout);
			assert_eq!(free(REQUESTER), before - FEE);
			assert_eq!(JobMarket::held_fees(&REQUESTER), FEE);
			assert_eq!(RequesterJobs::<Test>::get(REQUESTER).into_inner(), vec![id]);
			assert!(Deadlines::<Test>::contains_key(DRAW, id));
			assert_eq!(
				jobs_events(),
				vec![JobsEvent::JobSubmitted {
					job: id,
					requester: REQUESTER,
					program: Program::Fibonacci,
					steps: 64,
					fee: FEE,
					max_fee: FEE,
					collateral: COLLATERAL,
				}]
			);

			// Drawn in the next block, from that block's randomness.
			run_to_block(DRAW);
			assert_eq!(assigned(id), ALICE);
		})
	}

	#[test]
	fn refuses_bad_input_and_moves_no_funds() {
		one_prover().build_and_execute(|| {
			let submit = |inputs, fee, collateral, window| {
				JobMarket::submit_job(
					signed(REQUESTER),
					inputs,
					LEVEL,
					fee,
					fee,
					collateral,
					window,
				)
			};
			let cases = [
				(Inputs::Fibonacci { steps: 100 }, Error::<Test>::StepsNotPowerOfTwo),
				(Inputs::Fibonacci { steps: 32 }, Error::<Test>::TooFewSteps),
				(Inputs::Fibonacci { steps: 1 << 21 }, Error::<Test>::TooManySteps),
				(Inputs::MimcVdf { seed: u64::MAX, steps: 64 }, Error::<Test>::SeedNotInField),
				(
					Inputs::RescueChain { seed: [1, u64::MAX], steps: 64 },
					Error::<Test>::SeedNotInField,
				),
			];
			for (inputs, error) in cases {
				assert_noop!(submit(inputs, FEE, COLLATERAL, WINDOW), error);
			}
			assert_noop!(submit(FIB, 9, COLLATERAL, WINDOW), Error::<Test>::FeeBelowMinimum);
			assert_noop!(
				JobMarket::submit_job(
					signed(REQUESTER),
					FIB,
					LEVEL,
					FEE,
					FEE - 1,
					COLLATERAL,
					WINDOW
				),
				Error::<Test>::MaxFeeBelowFee
			);
			// The whole max_fee must be there to hold.
			assert_noop!(
				JobMarket::submit_job(
					signed(REQUESTER),
					FIB,
					LEVEL,
					FEE,
					ENDOWMENT,
					COLLATERAL,
					WINDOW
				),
				Error::<Test>::InsufficientBalance
			);
			assert_noop!(submit(FIB, FEE, 49, WINDOW), Error::<Test>::CollateralBelowMinimum);
			assert_noop!(submit(FIB, FEE, COLLATERAL, 4), Error::<Test>::ProvingWindowTooShort);
			assert_noop!(submit(FIB, FEE, COLLATERAL, 101), Error::<Test>::ProvingWindowTooLong);
			assert_noop!(
				submit(FIB, ENDOWMENT, COLLATERAL, WINDOW),
				Error::<Test>::InsufficientBalance
			);

			assert_ok!(JobMarket::set_program_paused(
				RuntimeOrigin::root(),
				Program::Fibonacci,
				true
			));
			assert_noop!(submit(FIB, FEE, COLLATERAL, WINDOW), Error::<Test>::ProgramPaused);
			assert_ok!(JobMarket::set_program_paused(
				RuntimeOrigin::root(),
				Program::Fibonacci,
				false
			));

			for _ in 0..MaxOpenJobs::get() {
				assert_ok!(submit(FIB, FEE, COLLATERAL, WINDOW));
			}
			assert_noop!(submit(FIB, FEE, COLLATERAL, WINDOW), Error::<Test>::TooManyOpenJobs);
		})
	}

	#[test]
	fn unsigned_origin_is_refused() {
		one_prover().build_and_execute(|| {
			assert_noop!(
				JobMarket::submit_job(
					RuntimeOrigin::none(),
					FIB,
					LEVEL,
					FEE,
					FEE,
					COLLATERAL,
					WINDOW
				),
				sp_runtime::DispatchError::BadOrigin
			);
		})
	}
}

mod happy_path {
	use super::*;

	#[test]
	fn draw_accept_prove_pay_and_prune() {
		one_prover().build_and_execute(|| {
			let (id, before) = job_drawn_to_alice();
			assert_eq!(locked(ALICE), COLLATERAL);
			assert!(ProverJobs::<Test>::contains_key(ALICE, id));
			let accept_by = DRAW + PARAMS.accept_window;
			assert!(jobs_events().contains(&JobsEvent::ProverAssigned {
				job: id,
				prover: ALICE,
				attempt: 1,
				accept_by,
			}));

			run_to_block(4);
			assert_ok!(JobMarket::accept_job(signed(ALICE), id));
			let prove_by = 4 + WINDOW;
			assert_eq!(job(id).state, JobState::Proving { prover: ALICE, prove_by });
			assert_eq!(
				jobs_events(),
				vec![JobsEvent::JobAccepted { job: id, prover: ALICE, prove_by }]
			);

			run_to_block(5);
			let (output, proof) = proof(FIB, LEVEL, ALICE);
			let info = JobMarket::submit_proof(
				signed(ALICE),
				id,
				output,
				proof.clone().try_into().unwrap(),
			)
			.unwrap();
			// Free for the prover, and weighed for the proof it got (not the largest).
			assert_eq!(info.pays_fee, Pays::No);
			assert_eq!(
				info.actual_weight,
				Some(<() as crate::WeightInfo>::submit_proof(proof.len() as u32))
			);
			assert_eq!(
				jobs_events(),
				vec![JobsEvent::ProofVerified {
					job: id,
					prover: ALICE,
					output,
					fee: FEE,
					refunded: 0
				}]
			);
			assert_fee_paid_to_alice(before);
			assert_eq!(JobMarket::held_fees(&REQUESTER), 0);
			assert_eq!(stake(ALICE), STAKE);
			let stats = pallet_provers::Provers::<Test>::get(ALICE).unwrap().stats;
			assert_eq!(stats.jobs_done, 1);
			assert!(RequesterJobs::<Test>::get(REQUESTER).is_empty());
			assert!(!ProverJobs::<Test>::contains_key(ALICE, id));
			let receipt = Receipts::<Test>::get(id).unwrap();
			assert_eq!(
				receipt,
				Receipt {
					job: id,
					program: Program::Fibonacci,
					security: LEVEL,
					inputs_hash: BlakeTwo256::hash_of(&FIB),
					output,
					prover: ALICE,
					block: 5,
					extrinsic_index: 0,
				}
			);
			assert_eq!(JobMarket::block_receipts(), vec![receipt.clone()]);
			let prune_at = 5 + PARAMS.retention_period;
			assert_eq!(job(id).state, JobState::Verified { prover: ALICE, output, prune_at });

			// A second proof for the finished job is refused.
			assert_noop!(
				JobMarket::submit_proof(signed(ALICE), id, output, proof.try_into().unwrap()),
				Error::<Test>::JobNotProving
			);

			// The block's receipts root goes into the next block's MMR leaf.
			run_to_block(6);
			assert!(JobMarket::block_receipts().is_empty());
			assert!(BlockReceipts::<Test>::get().is_empty(), "settled in on_initialize");
			let leaf = JobMarket::receipts_leaf();
			assert_eq!(leaf.block, 5);
			assert_eq!(leaf.block_hash, System::parent_hash());
			assert_eq!(leaf.receipts, 1);
			assert_eq!(leaf.receipts_root, crate::receipts_root(&[receipt]));
			assert_ne!(leaf.receipts_root, H256::zero());
			// A block without receipts has an empty root.
			run_to_block(7);
			assert_eq!(JobMarket::receipts_leaf().receipts_root, H256::zero());
			assert_eq!(JobMarket::receipts_leaf().receipts, 0);

			// Pruned with its job: the MMR keeps it.
			run_to_block(prune_at);
			assert!(Jobs::<Test>::get(id).is_none());
			assert!(Receipts::<Test>::get(id).is_none());
			assert!(jobs_events().contains(&JobsEvent::JobPruned { job: id }));
			assert_eq!(Deadlines::<Test>::iter().count(), 0);
		})
	}

	#[test]
	fn every_program_and_level_verifies_on_chain() {
		one_prover().build_and_execute(|| {
			let jobs = [
				Inputs::Fibonacci { steps: 64 },
				Inputs::RescueChain { seed: [3, 4], steps: 64 },
				Inputs::MimcVdf { seed: 7, steps: 64 },
			];
			MaxOpenJobs::set(8);
			let mut ids = Vec::new();
			for inputs in jobs {
				for level in SecurityLevel::ALL {
					let id = NextJobId::<Test>::get();
					assert_ok!(JobMarket::submit_job(
						signed(REQUESTER),
						inputs,
						level,
						FEE,
						FEE,
						COLLATERAL,
						WINDOW
					));
					ids.push(id);
				}
			}
			run_to_block(DRAW);
			for id in &ids {
				assert_ok!(JobMarket::accept_job(signed(ALICE), *id));
				assert_eq!(submit_valid_proof(ALICE, *id).pays_fee, Pays::No);
				assert!(Receipts::<Test>::contains_key(id));
			}
			// One tree over the block's receipts, in the order they verified.
			let receipts: Vec<_> =
				ids.iter().map(|id| Receipts::<Test>::get(id).unwrap()).collect();
			assert_eq!(JobMarket::block_receipts(), receipts);
			run_to_block(DRAW + 1);
			let leaf = JobMarket::receipts_leaf();
			assert_eq!((leaf.block, leaf.receipts), (DRAW, 6));
			assert_eq!(leaf.receipts_root, crate::receipts_root(&receipts));
		})
	}

	/// A prover that has the proof within the accept window skips `accept_job`: the proof is
	/// its acceptance. Submitted in block 1, verified in block 2.
	#[test]
	fn a_proof_in_the_accept_window_is_the_acceptance() {
		one_prover().build_and_execute(|| {
			let (id, before) = job_drawn_to_alice();
			jobs_events();
			assert_eq!(submit_valid_proof(ALICE, id).pays_fee, Pays::No);

			let events = jobs_events();
			assert!(matches!(events[..], [JobsEvent::ProofVerified { job, prover: ALICE, fee: FEE, .. }] if job == id));
			assert!(matches!(job(id).state, JobState::Verified { prover: ALICE, .. }));
			assert_eq!(Receipts::<Test>::get(id).map(|receipt| receipt.block), Some(DRAW));
			assert_fee_paid_to_alice(before);
			assert!(!ProverJobs::<Test>::contains_key(ALICE, id));
		})
	}

	/// An invalid proof in the accept window costs what it costs after accepting: the whole
	/// collateral, and the job goes to another prover.
	#[test]
	fn an_invalid_proof_in_the_accept_window_is_slashed_in_full() {
		two_provers().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			let first = assigned(id);
			let (output, proof) = proof(Inputs::Fibonacci { steps: 128 }, LEVEL, first);
			assert_ok!(JobMarket::submit_proof(
				signed(first),
				id,
				output,
				proof.try_into().unwrap()
			));
			assert_eq!(stake(first), STAKE - COLLATERAL);
			assert_eq!(locked(first), 0);
			assert_eq!(job(id).state, JobState::Pending { draw_at: DRAW + 1 });
			run_to_block(DRAW + 1);
			assert_ne!(assigned(id), first);
		})
	}

	#[test]
	fn a_block_takes_at_most_max_receipts_per_block_proofs() {
		one_prover().build_and_execute(|| {
			MaxReceiptsPerBlock::set(1);
			let first = submit(REQUESTER, FIB);
			let second = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			assert_ok!(JobMarket::accept_job(signed(ALICE), first));
			assert_ok!(JobMarket::accept_job(signed(ALICE), second));
			submit_valid_proof(ALICE, first);

			// Given a block that has verified its one proof: the next one waits, nothing moves.
			let (output, proof) = proof(FIB, LEVEL, ALICE);
			let (alice_before, requester_before) = (free(ALICE), free(REQUESTER));
			assert_noop!(
				JobMarket::submit_proof(
					signed(ALICE),
					second,
					output,
					proof.clone().try_into().unwrap()
				),
				Error::<Test>::TooManyProofsInBlock
			);
			assert_eq!((free(ALICE), free(REQUESTER)), (alice_before, requester_before));

			// The next block takes it.
			run_to_block(4);
			assert_ok!(JobMarket::submit_proof(
				signed(ALICE),
				second,
				output,
				proof.try_into().unwrap()
			));
			assert!(Receipts::<Test>::contains_key(second));
		})
	}
}

mod failures {
	use super::*;

	/// The events of `prover`'s invalid proof of job `id`: rejected, and the whole collateral
	/// slashed.
	fn rejected_and_slashed(id: JobId, prover: AccountId) -> Vec<JobsEvent<Test>> {
		vec![
			JobsEvent::ProofRejected { job: id, prover, reason: VerifyError::InvalidProof },
			JobsEvent::ProverFailed {
				job: id,
				prover,
				reason: FailureReason::InvalidProof,
				slashed: COLLATERAL,
			},
		]
	}

	/// Alice and Bob prove everything; returns the job and its first prover.
	fn assigned_job() -> (JobId, AccountId, AccountId) {
		let id = submit(REQUESTER, FIB);
		run_to_block(DRAW);
		let first = assigned(id);
		let other = if first == ALICE { BOB } else { ALICE };
		jobs_events();
		(id, first, other)
	}

	#[test]
	fn accept_timeout_costs_a_small_penalty_and_reroutes() {
		two_provers().build_and_execute(|| {
			let (requester_before, issuance_before) = (free(REQUESTER), issuance());
			let (id, first, other) = assigned_job();
			let accept_by = DRAW + PARAMS.accept_window;

			run_to_block(accept_by);
			assert_eq!(assigned(id), first, "still assigned in the last block of the window");
			run_to_block(accept_by + 1);

			let penalty = PARAMS.accept_timeout_slash * COLLATERAL;
			assert_eq!(penalty, 100);
			assert_eq!(stake(first), STAKE - penalty);
			assert_eq!(locked(first), 0);
			assert_eq!(suspended_until(first), Some(accept_by + 1 + SUSPENSION));
			// Half the penalty to the requester (its fee stays held), half burned.
			assert_eq!(free(REQUESTER), requester_before - FEE + penalty / 2);
			assert_eq!(issuance(), issuance_before - penalty / 2);
			assert_eq!(job(id).failed.into_inner(), vec![first]);
			assert_eq!(job(id).state, JobState::Pending { draw_at: accept_by + 2 });
			assert_eq!(
				jobs_events(),
				vec![JobsEvent::ProverFailed {
					job: id,
					prover: first,
					reason: FailureReason::AcceptTimeout,
					slashed: penalty,
				}]
			);

			// Redrawn: the only eligible prover left is the other one.
			run_to_block(accept_by + 2);
			assert_eq!(assigned(id), other);
			assert_eq!(job(id).attempts, 2);
			assert_ok!(JobMarket::accept_job(signed(other), id));
			submit_valid_proof(other, id);
			assert!(Receipts::<Test>::contains_key(id));
			// The requester keeps the compensation and paid the fee once.
			assert_eq!(free(REQUESTER), requester_before - FEE + penalty / 2);
		})
	}

	#[test]
	fn proving_timeout_slashes_the_whole_collateral_and_reroutes() {
		two_provers().build_and_execute(|| {
			let (requester_before, issuance_before) = (free(REQUESTER), issuance());
			let (id, first, other) = assigned_job();
			assert_ok!(JobMarket::accept_job(signed(first), id));
			let prove_by = DRAW + WINDOW;

			run_to_block(prove_by);
			assert!(matches!(job(id).state, JobState::Proving { .. }));
			run_to_block(prove_by + 1);

			assert_eq!(stake(first), STAKE - COLLATERAL);
			assert_eq!(locked(first), 0);
			assert_eq!(suspended_until(first), Some(prove_by + 1 + SUSPENSION));
			assert_eq!(free(REQUESTER), requester_before - FEE + COLLATERAL / 2);
			assert_eq!(issuance(), issuance_before - COLLATERAL / 2);
			assert!(jobs_events().contains(&JobsEvent::ProverFailed {
				job: id,
				prover: first,
				reason: FailureReason::ProofTimeout,
				slashed: COLLATERAL,
			}));
			let stats = pallet_provers::Provers::<Test>::get(first).unwrap().stats;
			assert_eq!(stats.jobs_missed, 1);

			run_to_block(prove_by + 2);
			assert_eq!(assigned(id), other);
		})
	}

	#[test]
	fn invalid_proof_is_slashed_paid_for_and_rerouted() {
		two_provers().build_and_execute(|| {
			let (requester_before, issuance_before) = (free(REQUESTER), issuance());
			let (id, first, other) = assigned_job();
			assert_ok!(JobMarket::accept_job(signed(first), id));
			jobs_events();
			let (output, proof) = proof(FIB, LEVEL, first);
			let Output::Fibonacci(value) = output else { unreachable!() };
			let wrong = Output::Fibonacci(value + 1);

			let info = JobMarket::submit_proof(signed(first), id, wrong, proof.try_into().unwrap())
				.unwrap();
			assert_eq!(info.pays_fee, Pays::Yes);
			assert_eq!(stake(first), STAKE - COLLATERAL);
			assert_eq!(free(REQUESTER), requester_before - FEE + COLLATERAL / 2);
			assert_eq!(issuance(), issuance_before - COLLATERAL / 2);
			assert_eq!(jobs_events(), rejected_and_slashed(id, first));
			let stats = pallet_provers::Provers::<Test>::get(first).unwrap().stats;
			assert_eq!(stats.invalid_proofs, 1);
			assert_eq!(job(id).state, JobState::Pending { draw_at: DRAW + 1 });

			run_to_block(DRAW + 1);
			assert_eq!(assigned(id), other);
		})
	}

	/// Proofs are bound to their prover: the assignee that submits a valid proof made by
	/// another prover (here: the other prover's, of the same job) is slashed as for any invalid
	/// proof, and the job goes on to another prover.
	#[test]
	fn a_proof_made_by_another_prover_is_rejected_and_slashed() {
		two_provers().build_and_execute(|| {
			let (requester, total) = (free(REQUESTER), issuance());
			let (id, first, other) = assigned_job();
			let (output, copied) = proof(FIB, LEVEL, other);
			// Valid for the prover that made it.
			assert_eq!(
				sortition_programs::verify(
					&FIB,
					&output,
					&copied,
					LEVEL,
					&crate::prover_id(&other)
				),
				Ok(())
			);
			assert_ok!(JobMarket::submit_proof(
				signed(first),
				id,
				output,
				copied.try_into().unwrap()
			));
			assert_eq!(jobs_events(), rejected_and_slashed(id, first));
			assert_eq!(stake(first), STAKE - COLLATERAL);
			assert!(suspended_until(first).is_some());
			assert_eq!(free(REQUESTER), requester - FEE + COLLATERAL / 2);
			assert_eq!(issuance(), total - COLLATERAL / 2);
			// Re-routed: the other prover gets the job and its own proof verifies.
			run_to_block(DRAW + 1);
			assert_eq!(assigned(id), other);
			submit_valid_proof(other, id);
			assert!(Receipts::<Test>::contains_key(id));
		});
	}

	#[test]
	fn garbage_and_other_programs_proofs_are_rejected() {
		two_provers().build_and_execute(|| {
			let (id, first, _) = assigned_job();
			assert_ok!(JobMarket::accept_job(signed(first), id));
			let (output, _) = proof(FIB, LEVEL, first);
			let garbage: BoundedVec<u8, _> = vec![7u8; 1000].try_into().unwrap();
			assert_ok!(JobMarket::submit_proof(signed(first), id, output, garbage));
			assert!(jobs_events().iter().any(|event| matches!(
				event,
				JobsEvent::ProofRejected {
					reason: VerifyError::WrongTraceShape | VerifyError::MalformedProof,
					..
				}
			)));
		});
		two_provers().build_and_execute(|| {
			let (id, first, _) = assigned_job();
			assert_ok!(JobMarket::accept_job(signed(first), id));
			let (output, proof) = proof(Inputs::MimcVdf { seed: 1, steps: 64 }, LEVEL, first);
			assert_ok!(JobMarket::submit_proof(
				signed(first),
				id,
				output,
				proof.try_into().unwrap()
			));
			assert!(jobs_events().contains(&JobsEvent::ProofRejected {
				job: id,
				prover: first,
				reason: VerifyError::OutputProgramMismatch,
			}));
		})
	}

	#[test]
	fn only_the_assignee_in_the_right_state_and_window_is_heard() {
		two_provers().build_and_execute(|| {
			let (id, first, other) = assigned_job();
			let (output, proof) = proof(FIB, LEVEL, first);
			let proof: BoundedVec<u8, _> = proof.try_into().unwrap();

			// A job no prover holds yet.
			let pending = submit(REQUESTER, FIB);
			assert_noop!(
				JobMarket::submit_proof(signed(first), pending, output, proof.clone()),
				Error::<Test>::JobNotProving
			);
			assert_ok!(JobMarket::cancel_job(signed(REQUESTER), pending));
			assert_noop!(
				JobMarket::submit_proof(signed(other), id, output, proof.clone()),
				Error::<Test>::NotAssignedProver
			);
			assert_noop!(
				JobMarket::accept_job(signed(other), id),
				Error::<Test>::NotAssignedProver
			);
			assert_noop!(JobMarket::accept_job(signed(first), 99), Error::<Test>::JobNotFound);
			assert_ok!(JobMarket::accept_job(signed(first), id));
			assert_noop!(JobMarket::accept_job(signed(first), id), Error::<Test>::JobNotAssigned);
			assert_noop!(
				JobMarket::submit_proof(signed(other), id, output, proof.clone()),
				Error::<Test>::NotAssignedProver
			);
			assert_noop!(
				JobMarket::submit_proof(signed(first), 99, output, proof.clone()),
				Error::<Test>::JobNotFound
			);

			// The hook is behind (budget spent): the window is closed all the same.
			HookWeight::set(Weight::zero());
			run_to_block(DRAW + WINDOW + 1);
			assert_noop!(
				JobMarket::submit_proof(signed(first), id, output, proof),
				Error::<Test>::ProvingWindowClosed
			);
			// Once the hook catches up, the job goes to the other prover.
			HookWeight::set(default_hook_weight());
			run_to_block(DRAW + WINDOW + 3);
			assert_eq!(assigned(id), other);
		})
	}

	#[test]
	fn accept_after_the_window_is_refused() {
		two_provers().build_and_execute(|| {
			let (id, first, _) = assigned_job();
			HookWeight::set(Weight::zero());
			run_to_block(DRAW + PARAMS.accept_window + 1);
			assert_noop!(
				JobMarket::accept_job(signed(first), id),
				Error::<Test>::AcceptWindowClosed
			);
			// A proof is an acceptance: too late as well.
			let (output, proof) = proof(FIB, LEVEL, first);
			assert_noop!(
				JobMarket::submit_proof(signed(first), id, output, proof.try_into().unwrap()),
				Error::<Test>::AcceptWindowClosed
			);
			HookWeight::set(default_hook_weight());
		})
	}

	#[test]
	fn after_max_attempts_the_job_fails_and_the_fee_is_refunded() {
		ExtBuilder::default()
			.prover(ALICE, STAKE, &Program::ALL)
			.prover(BOB, STAKE, &Program::ALL)
			.prover(CAROL, STAKE, &Program::ALL)
			.prover(DAVE, STAKE, &Program::ALL)
			.build_and_execute(|| {
				let (requester_before, issuance_before) = (free(REQUESTER), issuance());
				let id = submit(REQUESTER, FIB);
				let mut block = DRAW;
				let mut failed = Vec::new();
				for attempt in 1..=3 {
					run_to_block(block);
					let prover = assigned(id);
					assert_eq!(job(id).attempts, attempt);
					assert!(!failed.contains(&prover), "a failed prover is never redrawn");
					failed.push(prover);
					// Nobody accepts: timeout after the accept window, redraw a block later.
					block += PARAMS.accept_window + 2;
				}
				run_to_block(block - 1);
				let penalty = PARAMS.accept_timeout_slash * COLLATERAL;
				assert!(jobs_events().contains(&JobsEvent::JobFailed {
					job: id,
					reason: JobFailure::TooManyAttempts,
					refunded: FEE,
				}));
				assert!(matches!(job(id).state, JobState::Failed { .. }));
				// Fee back, and the requester keeps half of three penalties.
				assert_eq!(free(REQUESTER), requester_before + 3 * penalty / 2);
				assert_eq!(issuance(), issuance_before - 3 * penalty / 2);
				assert_eq!(JobMarket::held_fees(&REQUESTER), 0);
				for prover in failed {
					assert_eq!(stake(prover), STAKE - penalty);
				}
			})
	}
}

mod eligibility {
	use super::*;

	#[test]
	fn no_eligible_prover_redraws_until_expiry_then_refunds() {
		// Bob proves only MiMC; a Fibonacci job has nobody.
		ExtBuilder::default()
			.prover(BOB, STAKE, &[Program::MimcVdf])
			.build_and_execute(|| {
				let before = free(REQUESTER);
				let id = submit(REQUESTER, FIB);
				jobs_events();
				run_to_block(DRAW);
				assert_eq!(
					jobs_events(),
					vec![JobsEvent::NoProverDrawn {
						job: id,
						next_draw_at: DRAW + PARAMS.redraw_interval
					}]
				);
				let expires_at = job(id).expires_at;
				run_to_block(expires_at);
				assert!(jobs_events().contains(&JobsEvent::JobFailed {
					job: id,
					reason: JobFailure::NoEligibleProver,
					refunded: FEE,
				}));
				assert_eq!(free(REQUESTER), before);
				assert_eq!(JobMarket::held_fees(&REQUESTER), 0);
			})
	}

	#[test]
	fn a_prover_that_registers_later_gets_the_pending_job() {
		ExtBuilder::default().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			assert!(matches!(job(id).state, JobState::Pending { .. }));
			assert_ok!(Provers::register(signed(BOB), STAKE, vec![Program::Fibonacci], vec![]));
			run_to_block(DRAW + PARAMS.redraw_interval);
			assert_eq!(assigned(id), BOB);
		})
	}

	#[test]
	fn the_requester_is_never_drawn_for_its_own_job() {
		// Alice has as much stake as Bob, but she is the requester: a draw that picks her
		// draws again (and a draw that only picks her is retried a few blocks later).
		ExtBuilder::default()
			.prover(ALICE, 500_000, &Program::ALL)
			.prover(BOB, 500_000, &Program::ALL)
			.build_and_execute(|| {
				MaxOpenJobs::set(40);
				let ids: Vec<_> = (0..40).map(|_| submit(ALICE, FIB)).collect();
				// Before the first accept window ends.
				run_to_block(DRAW + PARAMS.accept_window);
				let drawn: Vec<_> = jobs_events()
					.into_iter()
					.filter_map(|event| match event {
						JobsEvent::ProverAssigned { job, prover, .. } => Some((job, prover)),
						_ => None,
					})
					.collect();
				assert_eq!(drawn.len(), ids.len());
				assert!(drawn.iter().all(|(_, prover)| *prover == BOB));
			});
		// Alone, she cannot take it at all.
		one_prover().build_and_execute(|| {
			let id = submit(ALICE, FIB);
			run_to_block(DRAW);
			assert!(matches!(job(id).state, JobState::Pending { .. }));
		})
	}

	#[test]
	fn ask_free_stake_and_suspension_rule_provers_out() {
		// Alice's stake is small: a draw rejects her (8 picks) with negligible odds of
		// finding nobody. (Ineligible stake still takes part in the draw.)
		ExtBuilder::default()
			.prover(ALICE, COLLATERAL, &Program::ALL)
			.prover(BOB, STAKE, &Program::ALL)
			.build_and_execute(|| {
				// Alice asks more than the fee.
				assert_ok!(Provers::set_asks(
					signed(ALICE),
					vec![pallet_provers::ProgramAsk {
						program: Program::Fibonacci,
						min_fee: FEE + 1
					}]
				));
				MaxOpenJobs::set(20);
				let ids: Vec<_> = (0..10).map(|_| submit(REQUESTER, FIB)).collect();
				run_to_block(DRAW);
				assert!(ids.iter().all(|id| assigned(*id) == BOB));
				// Bob's free stake now covers no more collateral than he has locked.
				assert_eq!(locked(BOB), 10 * COLLATERAL);
				let id = submit(REQUESTER, FIB);
				run_to_block(5);
				assert!(matches!(job(id).state, JobState::Pending { .. }));
			})
	}
}

/// A suspended prover's stake is out of the draw: the rest of the market is drawn at once.
mod suspension {
	use super::*;

	/// The scenario of a new user's dev chain: Alice (100,000) failed a job and is suspended,
	/// Dave (2,000) registered later. Every new job is drawn to Dave in the block its draw is
	/// due, at the first pick (before, the draw picked Alice's suspended stake 98% of the
	/// time and missed a whole round with probability 0.98^8 = 85%).
	#[test]
	fn with_the_largest_prover_suspended_new_jobs_go_to_the_small_one_at_once() {
		ExtBuilder::default()
			.prover(ALICE, 100_000, &Program::ALL)
			.build_and_execute(|| {
				MaxOpenJobs::set(20);
				let failed = submit(REQUESTER, FIB);
				run_to_block(DRAW);
				assert_eq!(assigned(failed), ALICE);
				// Alice never accepts: slashed and suspended; nobody else to re-route to.
				let missed_at = DRAW + PARAMS.accept_window + 1;
				run_to_block(missed_at);
				assert_eq!(suspended_until(ALICE), Some(missed_at + SUSPENSION));
				assert_ok!(Provers::register(signed(DAVE), 2_000, Program::ALL.to_vec(), vec![]));
				jobs_events();

				let ids: Vec<_> = (0..10)
					.map(|_| {
						let id = NextJobId::<Test>::get();
						assert_ok!(JobMarket::submit_job(
							signed(REQUESTER),
							FIB,
							LEVEL,
							FEE,
							FEE,
							PARAMS.min_collateral,
							WINDOW
						));
						id
					})
					.collect();
				run_to_block(missed_at + 1);
				// The failed job's redraw was due too: Dave has it, and every new one.
				assert_eq!(assigned(failed), DAVE);
				for id in &ids {
					assert_eq!(assigned(*id), DAVE);
				}
				assert!(!jobs_events()
					.iter()
					.any(|e| matches!(e, JobsEvent::NoProverDrawn { .. })));
			})
	}

	/// Once its suspension is over Alice is drawn again only after she resumes.
	#[test]
	fn a_suspended_prover_is_drawn_again_after_it_resumes() {
		ExtBuilder::default()
			.prover(ALICE, STAKE, &Program::ALL)
			.prover(BOB, STAKE, &Program::ALL)
			.build_and_execute(|| {
				Provers::suspend(&ALICE, FailureReason::ProofTimeout);
				run_to_block(1 + SUSPENSION);
				MaxOpenJobs::set(20);
				let first: Vec<_> = (0..8).map(|_| submit(REQUESTER, FIB)).collect();
				run_to_block(2 + SUSPENSION);
				assert!(first.iter().all(|id| assigned(*id) == BOB));
				assert_ok!(Provers::resume(signed(ALICE)));
				let second: Vec<_> = (0..8).map(|_| submit(REQUESTER, FIB)).collect();
				run_to_block(3 + SUSPENSION);
				assert!(second.iter().any(|id| assigned(*id) == ALICE));
			})
	}
}

/// `max_fee`: each return to the draw steps the fee up, so more provers' asks qualify.
mod escalation {
	use super::*;

	fn submit_with_max(max_fee: Balance) -> JobId {
		let id = NextJobId::<Test>::get();
		assert_ok!(JobMarket::submit_job(
			signed(REQUESTER),
			FIB,
			LEVEL,
			FEE,
			max_fee,
			COLLATERAL,
			WINDOW
		));
		id
	}

	fn fees_raised() -> Vec<Balance> {
		jobs_events()
			.into_iter()
			.filter_map(|event| match event {
				JobsEvent::FeeRaised { fee, .. } => Some(fee),
				_ => None,
			})
			.collect()
	}

	/// Two provers miss the accept window in turn; the fee steps up after each (100, 120,
	/// 140: `fee_steps` = 4 steps of 20 towards 180), and the third prover is paid 140. The
	/// requester's, the provers' and the total balances at every step.
	#[test]
	fn the_fee_rises_after_each_failed_attempt_with_exact_balances() {
		ExtBuilder::default()
			.prover(ALICE, STAKE, &Program::ALL)
			.prover(BOB, STAKE, &Program::ALL)
			.prover(CAROL, STAKE, &Program::ALL)
			.build_and_execute(|| {
				let (requester, total) = (free(REQUESTER), issuance());
				let free_of = |who| (free(who), stake(who));
				let before: Vec<_> = [ALICE, BOB, CAROL].into_iter().map(free_of).collect();
				let id = submit_with_max(180);
				assert_eq!(free(REQUESTER), requester - 180, "all of max_fee is held");
				assert_eq!(JobMarket::held_fees(&REQUESTER), 180);
				let penalty = PARAMS.accept_timeout_slash * COLLATERAL;
				let mut failed = Vec::new();
				let mut block = DRAW;
				for (attempt, fee) in [(1, 100), (2, 120)] {
					run_to_block(block);
					let prover = assigned(id);
					assert_eq!((job(id).attempts, job(id).fee), (attempt, fee));
					jobs_events();
					// The prover lets the accept window run out.
					block += PARAMS.accept_window + 1;
					run_to_block(block);
					assert_eq!(fees_raised(), vec![fee + 20]);
					assert_eq!(job(id).fee, fee + 20);
					failed.push(prover);
					// Slashed 10% of the collateral: half to the requester, half burned.
					assert_eq!(stake(prover), STAKE - penalty);
					assert_eq!(free(REQUESTER), requester - 180 + attempt as u128 * penalty / 2);
					assert_eq!(issuance(), total - attempt as u128 * penalty / 2);
					block += 1;
				}
				run_to_block(block);
				let third = assigned(id);
				assert!(!failed.contains(&third));
				submit_valid_proof(third, id);
				let output = proof(FIB, LEVEL, third).0;
				assert!(jobs_events().contains(&JobsEvent::ProofVerified {
					job: id,
					prover: third,
					output,
					fee: 140,
					refunded: 40
				}));
				// Paid 140, got 2 * 50 back from the slashes: 40 net; 100 burned in all.
				assert_eq!(free(REQUESTER), requester - 140 + penalty);
				assert_eq!(JobMarket::held_fees(&REQUESTER), 0);
				assert_eq!(issuance(), total - penalty);
				for (i, who) in [ALICE, BOB, CAROL].into_iter().enumerate() {
					let (free_before, stake_before) = before[i];
					if who == third {
						assert_eq!(free_of(who), (free_before + 140, stake_before));
					} else {
						assert_eq!(free_of(who), (free_before, stake_before - penalty));
					}
				}
			})
	}

	/// Every prover asks 150: the draws at 100 and 125 find nobody, the fee rises at each, and
	/// at 150 Alice is drawn and paid 150; the requester gets the other 50 back.
	#[test]
	fn a_fee_below_every_ask_rises_until_a_prover_takes_the_job() {
		one_prover().build_and_execute(|| {
			assert_ok!(Provers::set_asks(
				signed(ALICE),
				vec![pallet_provers::ProgramAsk { program: Program::Fibonacci, min_fee: 150 }]
			));
			let (requester, alice, total) = (free(REQUESTER), free(ALICE), issuance());
			let id = submit_with_max(200);
			run_to_block(DRAW);
			assert!(jobs_events().contains(&JobsEvent::NoProverDrawn {
				job: id,
				next_draw_at: DRAW + PARAMS.redraw_interval
			}));
			assert_eq!(job(id).fee, 125);
			run_to_block(DRAW + PARAMS.redraw_interval);
			assert_eq!(fees_raised(), vec![150]);
			run_to_block(DRAW + 2 * PARAMS.redraw_interval);
			assert_eq!((assigned(id), job(id).fee), (ALICE, 150));
			submit_valid_proof(ALICE, id);
			assert_eq!(free(REQUESTER), requester - 150);
			assert_eq!(free(ALICE), alice + 150);
			assert_eq!(issuance(), total);
		})
	}

	/// The steps: the gap left over the steps left, rounded up, the last reaching `max_fee`
	/// exactly; never past it, however many times the job goes back.
	#[test]
	fn steps_are_even_and_end_at_max_fee() {
		one_prover().build_and_execute(|| {
			let id = submit_with_max(FEE + 10);
			let mut job = job(id);
			let mut fees = Vec::new();
			for _ in 0..6 {
				JobMarket::raise_fee(id, &mut job);
				fees.push(job.fee);
			}
			assert_eq!(fees, vec![103, 106, 108, 110, 110, 110]);
			assert_eq!(job.raises, 4);
		})
	}

	/// `max_fee == fee`: a failure re-routes at the same fee, with no `FeeRaised`, as before
	/// `max_fee` existed.
	#[test]
	fn max_fee_equal_to_fee_never_rises() {
		two_provers().build_and_execute(|| {
			let id = submit_with_max(FEE);
			run_to_block(DRAW + PARAMS.accept_window + 1);
			assert_eq!(job(id).failed.len(), 1);
			run_to_block(DRAW + PARAMS.accept_window + 2);
			assert_eq!((job(id).attempts, job(id).fee), (2, FEE));
			assert!(fees_raised().is_empty());
		})
	}
}

/// `decline_job`: a prover that cannot take a job says so at once.
mod decline {
	use super::*;

	/// The decliner pays the penalty (half to the requester, half burned), is not suspended,
	/// is excluded from the job, and the job is drawn again in the same block, at a higher fee.
	#[test]
	fn a_decline_redraws_in_the_same_block_and_excludes_the_decliner() {
		two_provers().build_and_execute(|| {
			let (requester, total) = (free(REQUESTER), issuance());
			let id = NextJobId::<Test>::get();
			assert_ok!(JobMarket::submit_job(
				signed(REQUESTER),
				FIB,
				LEVEL,
				FEE,
				FEE * 2,
				COLLATERAL,
				WINDOW
			));
			run_to_block(DRAW);
			let first = assigned(id);
			let other = if first == ALICE { BOB } else { ALICE };
			jobs_events();

			assert_ok!(JobMarket::decline_job(signed(first), id));
			let penalty = PARAMS.decline_penalty;
			assert_eq!(assigned(id), other, "drawn again in the same block");
			assert_eq!(job(id).attempts, 2);
			assert_eq!(job(id).failed.into_inner(), vec![first]);
			assert_eq!(job(id).fee, FEE + 25);
			let events = jobs_events();
			assert_eq!(
				events[..2],
				[
					JobsEvent::JobDeclined { job: id, prover: first, penalty, over_quota: false },
					JobsEvent::FeeRaised { job: id, fee: FEE + 25, max_fee: FEE * 2 },
				]
			);
			assert!(matches!(events[2], JobsEvent::ProverAssigned { attempt: 2, .. }));
			assert_eq!(stake(first), STAKE - penalty);
			assert_eq!(locked(first), 0);
			assert_eq!(suspended_until(first), None);
			let record = pallet_provers::Provers::<Test>::get(first).unwrap().stats;
			assert_eq!((record.jobs_missed, record.slashed_total), (0, penalty));
			assert_eq!(free(REQUESTER), requester - FEE * 2 + penalty / 2);
			assert_eq!(issuance(), total - penalty / 2);
		})
	}

	/// `decline_quota` (2) declines per `decline_period` (50 blocks) cost only the penalty;
	/// the third counts as a missed job; a new period starts over.
	#[test]
	fn declines_beyond_the_quota_count_as_misses() {
		one_prover().build_and_execute(|| {
			MaxOpenJobs::set(10);
			let ids: Vec<_> = (0..3).map(|_| submit(REQUESTER, FIB)).collect();
			run_to_block(DRAW);
			jobs_events();
			for (i, id) in ids.iter().enumerate() {
				assert_ok!(JobMarket::decline_job(signed(ALICE), *id));
				let over_quota = i == 2;
				assert!(jobs_events().contains(&JobsEvent::JobDeclined {
					job: *id,
					prover: ALICE,
					penalty: PARAMS.decline_penalty,
					over_quota
				}));
			}
			let record = pallet_provers::Provers::<Test>::get(ALICE).unwrap().stats;
			assert_eq!(record.jobs_missed, 1);
			assert_eq!(suspended_until(ALICE), None);
			// Nobody else proves: the declined jobs expire and are refunded.
			run_to_block(PARAMS.decline_period);
			let id = submit(REQUESTER, FIB);
			run_to_block(PARAMS.decline_period + 1);
			assert_eq!(assigned(id), ALICE);
			assert_ok!(JobMarket::decline_job(signed(ALICE), id));
			assert!(jobs_events()
				.iter()
				.any(|event| matches!(event, JobsEvent::JobDeclined { over_quota: false, .. })));
		})
	}

	/// A decline by the job's last allowed prover (`MaxAttempts`) fails the job and refunds it.
	#[test]
	fn a_decline_on_the_last_attempt_fails_the_job() {
		one_prover().build_and_execute(|| {
			let (requester, total) = (free(REQUESTER), issuance());
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			let mut job_record = job(id);
			job_record.attempts = 3;
			Jobs::<Test>::insert(id, job_record);
			assert_ok!(JobMarket::decline_job(signed(ALICE), id));
			assert!(matches!(
				job(id).state,
				JobState::Failed { reason: JobFailure::TooManyAttempts, .. }
			));
			assert_eq!(free(REQUESTER), requester + PARAMS.decline_penalty / 2);
			assert_eq!(issuance(), total - PARAMS.decline_penalty / 2);
		})
	}

	#[test]
	fn errors_move_nothing() {
		two_provers().build_and_execute(|| {
			assert_noop!(JobMarket::decline_job(signed(ALICE), 7), Error::<Test>::JobNotFound);
			let id = submit(REQUESTER, FIB);
			assert_noop!(JobMarket::decline_job(signed(ALICE), id), Error::<Test>::JobNotAssigned);
			run_to_block(DRAW);
			let prover = assigned(id);
			let other = if prover == ALICE { BOB } else { ALICE };
			assert_noop!(
				JobMarket::decline_job(signed(other), id),
				Error::<Test>::NotAssignedProver
			);
			assert_noop!(
				JobMarket::decline_job(signed(REQUESTER), id),
				Error::<Test>::NotAssignedProver
			);
			// Past the window (the hook has not re-routed it yet).
			HookWeight::set(Weight::zero());
			run_to_block(DRAW + PARAMS.accept_window + 1);
			assert_noop!(
				JobMarket::decline_job(signed(prover), id),
				Error::<Test>::AcceptWindowClosed
			);
			HookWeight::set(default_hook_weight());
			// Accepted: too late to decline.
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW + PARAMS.accept_window + 2);
			let prover = assigned(id);
			assert_ok!(JobMarket::accept_job(signed(prover), id));
			assert_noop!(JobMarket::decline_job(signed(prover), id), Error::<Test>::JobNotAssigned);
		})
	}
}

mod cancel {
	use super::*;

	#[test]
	fn a_pending_job_is_cancelled_with_a_refund() {
		one_prover().build_and_execute(|| {
			let before = free(REQUESTER);
			let id = submit(REQUESTER, FIB);
			assert_noop!(JobMarket::cancel_job(signed(BOB), id), Error::<Test>::NotRequester);
			assert_noop!(JobMarket::cancel_job(signed(REQUESTER), 7), Error::<Test>::JobNotFound);
			jobs_events();
			assert_ok!(JobMarket::cancel_job(signed(REQUESTER), id));
			assert_eq!(jobs_events(), vec![JobsEvent::JobCancelled { job: id, refunded: FEE }]);
			assert_eq!(free(REQUESTER), before);
			assert_eq!(
				job(id).state,
				JobState::Cancelled { prune_at: 1 + PARAMS.retention_period }
			);
			// Never drawn.
			run_to_block(DRAW);
			assert!(jobs_events().is_empty());
			assert_noop!(
				JobMarket::cancel_job(signed(REQUESTER), id),
				Error::<Test>::JobNotPending
			);
		})
	}

	#[test]
	fn an_assigned_job_cannot_be_cancelled() {
		one_prover().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			assert_noop!(
				JobMarket::cancel_job(signed(REQUESTER), id),
				Error::<Test>::JobNotPending
			);
		})
	}
}

mod params {
	use super::*;

	#[test]
	fn root_sets_valid_params_only() {
		one_prover().build_and_execute(|| {
			let params = JobParams { min_fee: 1, ..PARAMS };
			assert_noop!(
				JobMarket::set_params(signed(ALICE), params),
				sp_runtime::DispatchError::BadOrigin
			);
			for bad in [
				JobParams { min_collateral: 0, ..PARAMS },
				JobParams { accept_window: 0, ..PARAMS },
				JobParams { min_proving_window: 0, ..PARAMS },
				JobParams { min_proving_window: 101, ..PARAMS },
				JobParams { draw_timeout: 0, ..PARAMS },
				JobParams { redraw_interval: 0, ..PARAMS },
				JobParams { retention_period: 0, ..PARAMS },
			] {
				assert_noop!(
					JobMarket::set_params(RuntimeOrigin::root(), bad),
					Error::<Test>::InvalidParams
				);
			}
			assert_ok!(JobMarket::set_params(RuntimeOrigin::root(), params));
			assert_eq!(Params::<Test>::get(), params);
			assert_eq!(jobs_events(), vec![JobsEvent::ParamsSet { params }]);
			assert_noop!(
				JobMarket::set_program_paused(signed(ALICE), Program::Fibonacci, true),
				sp_runtime::DispatchError::BadOrigin
			);
		})
	}
}

mod hook {
	use super::*;

	/// 1,000 jobs time out in the same block: the hook handles as many as its budget allows
	/// per block, in order, and loses none.
	#[test]
	fn a_thousand_expiring_jobs_stay_within_the_hook_weight() {
		let provers: Vec<AccountId> = (100..110).collect();
		let mut builder = ExtBuilder::default();
		for prover in &provers {
			builder = builder.prover(*prover, 500 * COLLATERAL, &Program::ALL);
		}
		builder.build_and_execute(|| {
			// 250 requesters x 4 jobs, all drawn in block 3 (a big budget for the setup).
			HookWeight::set(Weight::MAX);
			for requester in 1000..1250 {
				for _ in 0..4 {
					submit(requester, FIB);
				}
			}
			run_to_block(DRAW);
			let accept_by = DRAW + PARAMS.accept_window;
			assert_eq!(Deadlines::<Test>::iter_prefix(accept_by + 1).count(), 1000);
			jobs_events();

			// Nobody accepts: 1,000 accept timeouts due in block 7.
			// A budget for about 100 timeouts per block.
			use crate::WeightInfo;
			let limit = <() as WeightInfo>::on_initialize_idle()
				.saturating_add(JobMarket::max_deadline_weight())
				.saturating_add(<() as WeightInfo>::accept_timeout().saturating_mul(99));
			HookWeight::set(limit);
			let mut timeouts = 0;
			let mut per_block = Vec::new();
			let mut block = accept_by;
			while timeouts < 1000 {
				block += 1;
				System::set_block_number(block);
				// What the deadlines used: the hook also settles the last block's receipts
				// (none here), which the budget is not for.
				let used = JobMarket::on_initialize(block)
					.saturating_sub(<() as WeightInfo>::settle_receipts(0));
				assert!(limit.all_gte(used), "block {block}: {used} over {limit}");
				let handled = jobs_events()
					.iter()
					.filter(|event| matches!(event, JobsEvent::ProverFailed { .. }))
					.count();
				per_block.push(handled);
				timeouts += handled;
				assert!(block < accept_by + 1000, "the backlog must drain");
			}
			assert_eq!(timeouts, 1000);
			// The budget spread them over several blocks, and every block did some.
			assert!(per_block[0] <= 100, "{per_block:?}");
			assert!(per_block.len() >= 10, "{per_block:?}");
			assert!(per_block.iter().all(|handled| *handled > 0), "{per_block:?}");
			for prover in provers {
				assert_eq!(locked(prover), 0);
			}
		})
	}

	#[test]
	fn a_block_without_randomness_postpones_draws() {
		one_prover().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			RandomnessAvailable::set(false);
			run_to_block(DRAW);
			assert_eq!(job(id).state, JobState::Pending { draw_at: DRAW + 1 });
			RandomnessAvailable::set(true);
			run_to_block(DRAW + 1);
			assert_eq!(assigned(id), ALICE);
		})
	}
}

/// 600 jobs (150 requesters, 4 each) submitted in block 1 and all drawn in block 3, under one
/// block's randomness.
fn draw_600_in_one_block() -> Vec<JobId> {
	HookWeight::set(Weight::MAX);
	let ids = (1000..1150)
		.flat_map(|requester| (0..4).map(move |_| submit(requester, FIB)))
		.collect();
	run_to_block(DRAW);
	ids
}

#[test]
fn draws_follow_stake() {
	// Over 600 jobs, Bob (3x Alice's stake) gets about 3/4 of them.
	ExtBuilder::default()
		.prover(ALICE, 250_000, &Program::ALL)
		.prover(BOB, 750_000, &Program::ALL)
		.build_and_execute(|| {
			let ids = draw_600_in_one_block();
			let bob = ids.iter().filter(|id| assigned(**id) == BOB).count() as f64;
			let share = bob / ids.len() as f64;
			// 600 draws: the standard deviation of the share is ~1.8%; 4 sigma.
			assert!((share - 0.75).abs() < 0.072, "Bob's share {share}");
		})
}

#[test]
fn draws_in_one_block_follow_stake_across_three_provers() {
	// The zombienet burst's shape: provers with stakes 1:2:3, 600 jobs drawn under one block's
	// randomness. Each job's seed has its id, so the draws are independent: the counts pass a
	// chi-square test (2 degrees of freedom, 13.8 is the 0.1% level).
	ExtBuilder::default()
		// (Stakes well above the 600 collaterals' total each would need: nobody fills up.)
		.prover(ALICE, 150_000, &Program::ALL)
		.prover(BOB, 300_000, &Program::ALL)
		.prover(CAROL, 450_000, &Program::ALL)
		.build_and_execute(|| {
			let ids = draw_600_in_one_block();
			let count = |who| ids.iter().filter(|id| assigned(**id) == who).count() as f64;
			let n = ids.len() as f64;
			let chi_square: f64 = [(ALICE, 1.0), (BOB, 2.0), (CAROL, 3.0)]
				.into_iter()
				.map(|(who, weight)| {
					let expected = n * weight / 6.0;
					(count(who) - expected).powi(2) / expected
				})
				.sum();
			assert!(
				chi_square < 13.8,
				"counts {} / {} / {}: chi-square {chi_square}",
				count(ALICE),
				count(BOB),
				count(CAROL)
			);
		})
}

/// What the runtime API (`sortition_api::SortitionApi`) shows.
mod views {
	use super::*;
	use sortition_api::{Ask, FeeQuote, QuoteError};
	use sortition_programs::InputError;

	#[test]
	fn jobs_by_id_requester_and_prover_follow_the_lifecycle() {
		one_prover().build_and_execute(|| {
			let first = submit(REQUESTER, FIB);
			let second = submit(REQUESTER, Inputs::MimcVdf { seed: 5, steps: 64 });
			let bobs = submit(BOB, FIB);

			let info = JobMarket::job_info(first).expect("submitted");
			assert_eq!(info.id, first);
			assert_eq!(info.requester, REQUESTER);
			assert_eq!(info.inputs, FIB);
			assert_eq!((info.fee, info.collateral, info.proving_window), (FEE, COLLATERAL, WINDOW));
			assert_eq!(info.state, JobState::Pending { draw_at: DRAW });
			assert_eq!(info.next_deadline, DRAW);
			assert_eq!(info.attempts, 0);
			assert!(JobMarket::job_info(99).is_none());

			let ids = |jobs: Vec<crate::JobInfoOf<Test>>| {
				jobs.into_iter().map(|j| j.id).collect::<Vec<_>>()
			};
			assert_eq!(ids(JobMarket::requester_jobs(&REQUESTER)), vec![first, second]);
			assert_eq!(ids(JobMarket::requester_jobs(&BOB)), vec![bobs]);
			assert!(JobMarket::requester_jobs(&CAROL).is_empty());
			assert!(JobMarket::prover_jobs(&ALICE).is_empty());

			run_to_block(DRAW);
			assert_eq!(ids(JobMarket::prover_jobs(&ALICE)), vec![first, second, bobs]);
			let info = JobMarket::job_info(first).unwrap();
			assert_eq!(
				info.state,
				JobState::Assigned { prover: ALICE, accept_by: DRAW + PARAMS.accept_window }
			);
			assert_eq!(info.next_deadline, DRAW + PARAMS.accept_window + 1);
			assert_eq!(info.attempts, 1);
			let alice = Provers::prover_info(&ALICE).expect("registered");
			assert_eq!((alice.stake, alice.locked), (STAKE, 3 * COLLATERAL));
			assert_eq!(alice.free_stake, STAKE - 3 * COLLATERAL);
			assert_eq!(alice.active_jobs, 3);

			// Proven: no longer Alice's, still the requester's until it is pruned.
			assert_ok!(JobMarket::accept_job(signed(ALICE), first));
			submit_valid_proof(ALICE, first);
			assert_eq!(ids(JobMarket::prover_jobs(&ALICE)), vec![second, bobs]);
			assert_eq!(ids(JobMarket::requester_jobs(&REQUESTER)), vec![first, second]);
			let info = JobMarket::job_info(first).unwrap();
			let JobState::Verified { prover, output, prune_at } = info.state else {
				panic!("verified: {:?}", info.state)
			};
			assert_eq!((prover, output), (ALICE, proof(FIB, LEVEL, ALICE).0));
			assert_eq!(info.next_deadline, prune_at);
			let alice = Provers::prover_info(&ALICE).unwrap();
			assert_eq!((alice.locked, alice.jobs_done, alice.active_jobs), (2 * COLLATERAL, 1, 2));
			assert_eq!(
				alice.asks,
				Program::ALL
					.iter()
					.map(|&program| Ask { program, min_fee: 0 })
					.collect::<Vec<_>>()
			);
			assert!(!alice.suspended);
			assert!(Provers::prover_info(&BOB).is_none());

			run_to_block(prune_at);
			assert!(JobMarket::job_info(first).is_none());
			assert_eq!(ids(JobMarket::requester_jobs(&REQUESTER)), vec![second]);
		})
	}

	fn ask(who: AccountId, min_fee: Balance) {
		assert_ok!(Provers::set_asks(
			signed(who),
			vec![pallet_provers::ProgramAsk { program: Program::Fibonacci, min_fee }]
		));
	}

	#[test]
	fn a_quote_is_the_stake_weighted_ask_of_the_eligible_provers() {
		ExtBuilder::default()
			.prover(ALICE, 10_000, &[Program::Fibonacci])
			.prover(BOB, 20_000, &[Program::Fibonacci])
			.prover(CAROL, 30_000, &[Program::Fibonacci])
			.prover(DAVE, 50_000, &[Program::RescueChain])
			.build_and_execute(|| {
				ask(ALICE, 15);
				ask(BOB, 30);
				ask(CAROL, 20);
				// Stake by ask: 15 -> 10k, 20 -> 30k, 30 -> 20k. Half of the 60k is reached at 20.
				assert_eq!(
					JobMarket::quote(Program::Fibonacci, 1024, Some(COLLATERAL)),
					Ok(FeeQuote {
						program: Program::Fibonacci,
						steps: 1024,
						collateral: COLLATERAL,
						min_fee: PARAMS.min_fee,
						lowest_fee: 15,
						median_fee: 20,
						full_fee: 30,
						suggested_fee: 20,
						suggested_max_fee: 30,
						eligible_provers: 3,
						eligible_stake: 60_000,
					})
				);
				// A collateral above Alice's stake leaves her out: 20 -> 30k of 50k is half.
				let quote = JobMarket::quote(Program::Fibonacci, 1024, Some(15_000)).unwrap();
				assert_eq!((quote.lowest_fee, quote.median_fee, quote.full_fee), (20, 20, 30));
				assert_eq!((quote.eligible_provers, quote.eligible_stake), (2, 50_000));
				// No collateral given: the chain's minimum. An ask of 0 still quotes `min_fee`.
				ask(ALICE, 0);
				let quote = JobMarket::quote(Program::Fibonacci, 64, None).unwrap();
				assert_eq!(quote.collateral, PARAMS.min_collateral);
				assert_eq!(quote.lowest_fee, PARAMS.min_fee);
				// Dave alone proves Rescue, with the genesis ask (0).
				let quote = JobMarket::quote(Program::RescueChain, 1 << 20, None).unwrap();
				assert_eq!((quote.lowest_fee, quote.full_fee), (PARAMS.min_fee, PARAMS.min_fee));
				assert_eq!((quote.eligible_provers, quote.eligible_stake), (1, 50_000));
			})
	}

	#[test]
	fn a_quote_for_a_job_the_chain_would_refuse_or_nobody_can_take_says_why() {
		ExtBuilder::default()
			.prover(ALICE, STAKE, &[Program::Fibonacci])
			.build_and_execute(|| {
				let quote =
					|program, steps, collateral| JobMarket::quote(program, steps, collateral);
				let invalid = |e| Err(QuoteError::InvalidSteps(e));
				assert_eq!(
					quote(Program::Fibonacci, 1000, None),
					invalid(InputError::StepsNotPowerOfTwo)
				);
				assert_eq!(quote(Program::Fibonacci, 32, None), invalid(InputError::TooFewSteps));
				assert_eq!(
					quote(Program::Fibonacci, 1 << 21, None),
					invalid(InputError::TooManySteps)
				);
				assert_eq!(
					quote(Program::Fibonacci, 0, None),
					invalid(InputError::StepsNotPowerOfTwo)
				);
				assert_eq!(
					quote(Program::Fibonacci, 64, Some(PARAMS.min_collateral - 1)),
					Err(QuoteError::CollateralTooLow)
				);
				// More collateral than any prover's free stake, or a program nobody proves.
				assert_eq!(
					quote(Program::Fibonacci, 64, Some(STAKE + 1)),
					Err(QuoteError::NoEligibleProver)
				);
				assert_eq!(quote(Program::MimcVdf, 64, None), Err(QuoteError::NoEligibleProver));
				assert_ok!(JobMarket::set_program_paused(
					RuntimeOrigin::root(),
					Program::Fibonacci,
					true
				));
				assert_eq!(quote(Program::Fibonacci, 64, None), Err(QuoteError::ProgramPaused));
			})
	}

	#[test]
	fn a_suspended_prover_is_out_of_the_quote_and_shows_its_suspension() {
		two_provers().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			let prover = assigned(id);
			// It never accepts: slashed and suspended at the end of the accept window.
			run_to_block(DRAW + PARAMS.accept_window + 1);
			let info = Provers::prover_info(&prover).unwrap();
			assert!(info.suspended);
			assert_eq!(info.suspended_until, suspended_until(prover));
			assert_eq!(info.jobs_missed, 1);
			assert_eq!(info.slashed_total, PARAMS.accept_timeout_slash * COLLATERAL);
			assert_eq!(info.stake, STAKE - info.slashed_total);
			let quote = JobMarket::quote(Program::Fibonacci, 64, None).unwrap();
			assert_eq!(quote.eligible_provers, 1);
			assert_eq!(quote.eligible_stake, STAKE);
		})
	}
}

/// The fee-free calls a prover's node sends, authorized by the prover key's signature.
mod authorized {
	use super::*;
	use crate::authorization::{ACCEPT_PRIORITY, PROOF_PRIORITY};
	use frame_support::{
		dispatch::DispatchResultWithPostInfo,
		pallet_prelude::{InvalidTransaction, TransactionSource, ValidTransaction},
		traits::Authorize,
	};
	use frame_system::offchain::AppCrypto;
	use sp_runtime::{
		testing::UintAuthorityId, traits::Dispatchable,
		transaction_validity::TransactionValidityError, DispatchError,
	};

	/// What the pool and the block builder ask first: is the call authorized?
	pub fn validate(
		call: &crate::Call<Test>,
	) -> Result<ValidTransaction, TransactionValidityError> {
		RuntimeCall::JobMarket(call.clone())
			.authorize(TransactionSource::External)
			.expect("the call is authorizable")
			.map(|(validity, _)| validity)
	}

	/// Applies `call` as the runtime's `AuthorizeCall` extension does: authorized, then
	/// dispatched with the `Authorized` origin.
	pub fn dispatch(call: crate::Call<Test>) -> DispatchResultWithPostInfo {
		validate(&call).unwrap_or_else(|e| panic!("not authorized: {e:?}"));
		RuntimeCall::JobMarket(call).dispatch(frame_system::RawOrigin::Authorized.into())
	}

	fn turn(key: AccountId, job: JobId, attempt: u32) -> ProverTurn<UintAuthorityId> {
		ProverTurn { prover: UintAuthorityId(key), job, attempt }
	}

	fn accept_signed_by(signer: AccountId, turn: ProverTurn<UintAuthorityId>) -> crate::Call<Test> {
		let signature =
			TestProverKey::sign(&turn.accept_message(), UintAuthorityId(signer)).unwrap();
		crate::Call::accept_job_authorized { turn, signature }
	}

	fn accept(key: AccountId, job: JobId, attempt: u32) -> crate::Call<Test> {
		accept_signed_by(key, turn(key, job, attempt))
	}

	fn deliver(
		key: AccountId,
		job: JobId,
		attempt: u32,
		output: Output,
		proof: Vec<u8>,
	) -> crate::Call<Test> {
		let turn = turn(key, job, attempt);
		let message = turn.proof_message(&output, &proof);
		let signature = TestProverKey::sign(&message, UintAuthorityId(key)).unwrap();
		crate::Call::submit_proof_authorized {
			turn,
			output,
			proof: proof.try_into().unwrap(),
			signature,
		}
	}

	fn valid_proof(key: AccountId, id: JobId, attempt: u32) -> crate::Call<Test> {
		let (output, proof) = proof(job(id).inputs, job(id).security, key);
		deliver(key, id, attempt, output, proof)
	}

	fn invalid(e: InvalidTransaction) -> Result<ValidTransaction, TransactionValidityError> {
		Err(TransactionValidityError::Invalid(e))
	}

	#[test]
	fn an_accept_is_valid_for_the_assigned_prover_until_accept_by() {
		one_prover().build_and_execute(|| {
			let (id, (requester, alice, total)) = job_drawn_to_alice();
			let call = accept(ALICE, id, 1);
			let validity = validate(&call).unwrap();
			assert_eq!(validity.priority, ACCEPT_PRIORITY);
			assert_eq!(validity.longevity, PARAMS.accept_window + 1);
			assert!(validity.requires.is_empty());
			assert_eq!(validity.provides.len(), 1);
			assert!(validity.propagate);

			assert_ok!(dispatch(call.clone()));
			assert_eq!(job(id).state, JobState::Proving { prover: ALICE, prove_by: DRAW + WINDOW });
			assert!(jobs_events().contains(&JobsEvent::JobAccepted {
				job: id,
				prover: ALICE,
				prove_by: DRAW + WINDOW
			}));
			// No fee: only the job's fee is held, and Alice pays nothing.
			assert_eq!((free(REQUESTER), free(ALICE), issuance()), (requester - FEE, alice, total));
			// Accepted: the same accept is no longer valid (the pool drops it).
			assert_eq!(validate(&call), invalid(InvalidTransaction::Call));
		});
	}

	#[test]
	fn a_valid_proof_pays_and_is_the_acceptance() {
		one_prover().build_and_execute(|| {
			let (id, before) = job_drawn_to_alice();
			let call = valid_proof(ALICE, id, 1);
			let validity = validate(&call).unwrap();
			assert_eq!(validity.priority, PROOF_PRIORITY);
			// Different tags: an accept and a proof of the same turn can both be in the pool.
			assert_ne!(validity.provides, validate(&accept(ALICE, id, 1)).unwrap().provides);

			let info = dispatch(call.clone()).unwrap();
			assert_eq!(info.pays_fee, Pays::No);
			assert!(matches!(job(id).state, JobState::Verified { prover: ALICE, .. }));
			assert!(Receipts::<Test>::contains_key(id));
			assert_fee_paid_to_alice(before);
			assert_eq!(validate(&call), invalid(InvalidTransaction::Stale));
		});
	}

	#[test]
	fn a_proof_after_acceptance_is_valid_until_prove_by() {
		one_prover().build_and_execute(|| {
			let (id, before) = job_drawn_to_alice();
			assert_ok!(dispatch(accept(ALICE, id, 1)));
			run_to_block(DRAW + 3);
			let call = valid_proof(ALICE, id, 1);
			assert_eq!(validate(&call).unwrap().longevity, WINDOW - 3 + 1);
			assert_ok!(dispatch(call));
			assert_fee_paid_to_alice(before);
		});
	}

	#[test]
	fn an_invalid_proof_is_slashed_as_a_signed_one() {
		one_prover().build_and_execute(|| {
			let (id, _) = job_drawn_to_alice();
			let stake_before = stake(ALICE);
			let (output, _) = proof(job(id).inputs, job(id).security, ALICE);
			let call = deliver(ALICE, id, 1, output, vec![0; 64]);
			// Valid as a transaction (the signature is Alice's): verification is the runtime's.
			assert!(validate(&call).is_ok());
			assert_ok!(dispatch(call));
			assert!(jobs_events().iter().any(|e| matches!(
				e,
				JobsEvent::ProverFailed { prover: ALICE, reason: FailureReason::InvalidProof, .. }
			)));
			assert_eq!(stake(ALICE), stake_before - COLLATERAL);
			assert!(suspended_until(ALICE).is_some());
		});
	}

	/// Each refusal, and that it changes nothing: the pool drops such a transaction before it
	/// reaches a block.
	#[test]
	fn refuses_every_other_turn_key_and_signature() {
		two_provers().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			let prover = assigned(id);
			let other = if prover == ALICE { BOB } else { ALICE };
			let (output, proof_bytes) = proof(job(id).inputs, job(id).security, prover);
			let state = job(id);
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);

			// No such job.
			assert_eq!(validate(&accept(prover, id + 1, 1)), invalid(InvalidTransaction::Stale));
			// Another attempt's signature.
			assert_eq!(validate(&accept(prover, id, 2)), invalid(InvalidTransaction::Stale));
			// The other prover's own key: not the assigned prover.
			assert_eq!(validate(&accept(other, id, 1)), invalid(InvalidTransaction::BadSigner));
			assert_eq!(
				validate(&valid_proof(other, id, 1)),
				invalid(InvalidTransaction::BadSigner)
			);
			// The assigned prover's turn, signed by the other: the signature does not verify.
			assert_eq!(
				validate(&accept_signed_by(other, turn(prover, id, 1))),
				invalid(InvalidTransaction::BadProof)
			);
			// A proof signed for other bytes (the proof was swapped on the way).
			let crate::Call::submit_proof_authorized { turn: t, output: o, signature, .. } =
				deliver(prover, id, 1, output, proof_bytes.clone())
			else {
				unreachable!()
			};
			let mut swapped = proof_bytes.clone();
			swapped[0] ^= 1;
			let swapped = crate::Call::submit_proof_authorized {
				turn: t,
				output: o,
				proof: swapped.try_into().unwrap(),
				signature,
			};
			assert_eq!(validate(&swapped), invalid(InvalidTransaction::BadProof));
			// The accept's signature is not a proof's, nor the other way round.
			let crate::Call::accept_job_authorized { turn: t, signature } = accept(prover, id, 1)
			else {
				unreachable!()
			};
			let mixed = crate::Call::submit_proof_authorized {
				turn: t,
				output,
				proof: proof_bytes.try_into().unwrap(),
				signature,
			};
			assert_eq!(validate(&mixed), invalid(InvalidTransaction::BadProof));
			// Not through a signed origin: that is `accept_job`.
			assert_noop!(
				JobMarket::accept_job_authorized(
					signed(prover),
					turn(prover, id, 1),
					TestProverKey::sign(
						&turn(prover, id, 1).accept_message(),
						UintAuthorityId(prover)
					)
					.unwrap()
				),
				DispatchError::BadOrigin
			);
			assert_eq!(job(id), state);
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);

			// Past the window (before the hook re-routes it): stale.
			HookWeight::set(Weight::zero());
			run_to_block(DRAW + PARAMS.accept_window + 1);
			assert_eq!(validate(&accept(prover, id, 1)), invalid(InvalidTransaction::Stale));
			assert_eq!(validate(&valid_proof(prover, id, 1)), invalid(InvalidTransaction::Stale));
			HookWeight::set(default_hook_weight());
		});
	}

	/// A signature of an earlier turn does not act for a later one.
	#[test]
	fn an_old_turn_does_not_act_for_a_new_one() {
		two_provers().build_and_execute(|| {
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			let first = assigned(id);
			let old = accept(first, id, 1);
			// The first prover misses the accept window; the job is drawn again, to the other.
			run_to_block(DRAW + PARAMS.accept_window + PARAMS.redraw_interval + 1);
			let second = assigned(id);
			assert_ne!(second, first);
			assert_eq!(job(id).attempts, 2);
			assert_eq!(validate(&old), invalid(InvalidTransaction::Stale));
			assert_eq!(validate(&accept(first, id, 2)), invalid(InvalidTransaction::BadSigner));
			assert!(validate(&accept(second, id, 2)).is_ok());
		});
	}

	fn resume(key: AccountId, signer: AccountId, until: BlockNumber) -> crate::Call<Test> {
		let message = resume_message(&UintAuthorityId(key), &until);
		let signature = TestProverKey::sign(&message, UintAuthorityId(signer)).unwrap();
		crate::Call::resume_authorized { prover: UintAuthorityId(key), until, signature }
	}

	/// A suspended prover's key puts it back into the draw once the suspension is over, for
	/// that suspension only, and nobody else's signature does.
	#[test]
	fn a_resume_is_valid_once_the_suspension_is_over() {
		one_prover().build_and_execute(|| {
			let (free_before, total) = (free(ALICE), issuance());
			assert_eq!(validate(&resume(ALICE, ALICE, 1)), invalid(InvalidTransaction::Stale));
			Provers::suspend(&ALICE, FailureReason::AcceptTimeout);
			let until = 1 + SUSPENSION;
			let call = resume(ALICE, ALICE, until);
			assert_eq!(validate(&call), invalid(InvalidTransaction::Future));
			run_to_block(until);
			assert_eq!(validate(&resume(ALICE, BOB, until)), invalid(InvalidTransaction::BadProof));
			assert_eq!(
				validate(&resume(ALICE, ALICE, until + 1)),
				invalid(InvalidTransaction::Stale)
			);
			let validity = validate(&call).unwrap();
			assert_eq!(validity.priority, crate::authorization::RESUME_PRIORITY);
			assert_eq!(validity.longevity, crate::authorization::RESUME_LONGEVITY);
			assert_eq!(validity.provides.len(), 1);

			assert_ok!(dispatch(call.clone()));
			assert_eq!(suspended_until(ALICE), None);
			assert!(System::events().iter().any(|record| record.event
				== RuntimeEvent::Provers(pallet_provers::Event::Resumed { prover: ALICE })));
			// No fee.
			assert_eq!((free(ALICE), issuance()), (free_before, total));
			// Resumed: the same transaction is stale.
			assert_eq!(validate(&call), invalid(InvalidTransaction::Stale));
		});
	}
}

mod offchain_worker {
	use super::authorized;
	use super::*;
	use codec::Decode;
	use sortition_prover_host::{NativeProver, ProverExt, Schedule};
	use sp_core::offchain::{
		testing::{PoolState, TestOffchainExt, TestTransactionPoolExt},
		OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
	};
	use sp_runtime::{generic::Preamble, testing::UintAuthorityId};
	use std::{
		sync::Arc,
		time::{Duration, Instant},
	};

	/// The test externalities with an offchain database, a transaction pool and, if `prover`,
	/// the native prover (as the node gives offchain workers).
	fn with_offchain(
		builder: ExtBuilder,
		prover: bool,
	) -> (sp_io::TestExternalities, Arc<parking_lot::RwLock<PoolState>>) {
		let (ext, pool, _) = with_prover(builder, prover);
		(ext, pool)
	}

	/// As [`with_offchain`], and the prover itself.
	fn with_prover(
		builder: ExtBuilder,
		prover: bool,
	) -> (sp_io::TestExternalities, Arc<parking_lot::RwLock<PoolState>>, Arc<NativeProver>) {
		let mut ext = builder.build();
		let (offchain, _) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		ext.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.register_extension(OffchainWorkerExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool));
		let native = NativeProver::new(1, None).unwrap();
		if prover {
			ext.register_extension(ProverExt::new(native.clone()));
		}
		(ext, pool_state, native)
	}

	/// Waits until `prover` has the proof of job `id`'s first attempt (as if it had finished
	/// within the worker's wait: the test's offchain clock does not really wait).
	fn proven_beforehand(prover: &Arc<NativeProver>, id: JobId) {
		let job = job(id);
		let start = Instant::now();
		let bound_to = crate::prover_id(job.prover().expect("assigned"));
		while !matches!(
			prover.prove(
				id,
				job.attempts,
				job.inputs,
				job.security,
				bound_to,
				Schedule::UNSCHEDULED
			),
			sortition_prover_host::ProofStatus::Done(..)
		) {
			assert!(start.elapsed() < Duration::from_secs(60), "no proof");
			std::thread::sleep(Duration::from_millis(5));
		}
	}

	/// The calls the worker submitted since the last call (all general transactions: the
	/// authorized calls carry their prover).
	fn submitted(pool: &parking_lot::RwLock<PoolState>) -> Vec<RuntimeCall> {
		std::mem::take(&mut pool.write().transactions)
			.into_iter()
			.map(|tx| {
				let tx = Extrinsic::decode(&mut &tx[..]).expect("the worker submits extrinsics");
				assert!(matches!(tx.preamble, Preamble::General(..)), "{:?}", tx.preamble);
				tx.function
			})
			.collect()
	}

	/// Runs the worker of block `now` until it submits something (the proof runs in the
	/// background).
	fn work_until_submitted(
		pool: &parking_lot::RwLock<PoolState>,
		now: BlockNumber,
	) -> Vec<RuntimeCall> {
		let start = Instant::now();
		loop {
			JobMarket::offchain_worker(now);
			let txs = submitted(pool);
			if !txs.is_empty() {
				return txs;
			}
			assert!(start.elapsed() < Duration::from_secs(60), "nothing submitted");
			std::thread::sleep(Duration::from_millis(20));
		}
	}

	fn only(txs: Vec<RuntimeCall>) -> crate::Call<Test> {
		let [RuntimeCall::JobMarket(call)] = &txs[..] else { panic!("expected one call: {txs:?}") };
		call.clone()
	}

	#[test]
	fn a_proof_done_in_the_block_of_the_draw_goes_out_instead_of_an_accept() {
		let (mut ext, pool, prover) = with_prover(one_prover(), true);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			let (id, before) = job_drawn_to_alice();
			proven_beforehand(&prover, id);

			JobMarket::offchain_worker(DRAW);
			let call = only(submitted(&pool));
			let crate::Call::submit_proof_authorized { turn, .. } = &call else {
				panic!("expected submit_proof_authorized, got {call:?}")
			};
			assert_eq!(*turn, ProverTurn { prover: UintAuthorityId(ALICE), job: id, attempt: 1 });
			// The next worker (same block, or the next before it lands) does not send it again.
			JobMarket::offchain_worker(DRAW);
			assert!(submitted(&pool).is_empty());

			run_to_block(DRAW + 1);
			assert_ok!(authorized::dispatch(call));
			assert!(matches!(job(id).state, JobState::Verified { prover: ALICE, .. }));
			assert_fee_paid_to_alice(before);
			JobMarket::offchain_worker(DRAW + 1);
			assert!(submitted(&pool).is_empty(), "nothing left to do");
		});
	}

	#[test]
	fn a_proof_not_done_in_the_block_of_the_draw_is_accepted_then_delivered() {
		let (mut ext, pool) = with_offchain(one_prover(), true);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			// 2^16 steps: longer than the test's wait, which takes no real time.
			let id = submit(REQUESTER, Inputs::Fibonacci { steps: 1 << 16 });
			run_to_block(DRAW);

			JobMarket::offchain_worker(DRAW);
			let accept = only(submitted(&pool));
			assert!(
				matches!(accept, crate::Call::accept_job_authorized { .. }),
				"expected accept_job_authorized, got {accept:?}"
			);
			JobMarket::offchain_worker(DRAW);
			assert!(submitted(&pool).is_empty(), "each is sent once");
			run_to_block(DRAW + 1);
			assert_ok!(authorized::dispatch(accept));
			assert!(matches!(job(id).state, JobState::Proving { prover: ALICE, .. }));

			let proof = only(work_until_submitted(&pool, DRAW + 1));
			assert!(matches!(proof, crate::Call::submit_proof_authorized { .. }), "{proof:?}");
			run_to_block(DRAW + 2);
			assert_ok!(authorized::dispatch(proof));
			assert!(matches!(job(id).state, JobState::Verified { prover: ALICE, .. }));
		});
	}

	#[test]
	fn a_proof_that_did_not_land_by_the_next_block_is_backed_by_an_accept() {
		let (mut ext, pool, prover) = with_prover(one_prover(), true);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			let (id, _) = job_drawn_to_alice();
			proven_beforehand(&prover, id);
			JobMarket::offchain_worker(DRAW);
			let proof = only(submitted(&pool));

			// The next block came without it (a full block, say): accept now, and the proof is
			// not sent again before `RESEND_AFTER`.
			run_to_block(DRAW + 1);
			JobMarket::offchain_worker(DRAW + 1);
			let accept = only(submitted(&pool));
			assert!(matches!(accept, crate::Call::accept_job_authorized { .. }), "{accept:?}");
			assert_ok!(authorized::dispatch(accept));
			JobMarket::offchain_worker(DRAW + 1);
			assert!(submitted(&pool).is_empty(), "each is sent once");

			// The proof, still in the pool, lands: valid after acceptance too.
			run_to_block(DRAW + 2);
			assert_ok!(authorized::dispatch(proof));
			assert!(matches!(job(id).state, JobState::Verified { prover: ALICE, .. }));
		});
	}

	/// A pool that refuses everything while `full` (as a real pool past its size limit).
	struct FullPool {
		full: Arc<std::sync::atomic::AtomicBool>,
		taken: Arc<parking_lot::RwLock<Vec<Vec<u8>>>>,
	}

	impl sp_core::offchain::TransactionPool for FullPool {
		fn submit_transaction(&mut self, extrinsic: Vec<u8>) -> Result<(), ()> {
			if self.full.load(std::sync::atomic::Ordering::SeqCst) {
				return Err(());
			}
			self.taken.write().push(extrinsic);
			Ok(())
		}
	}

	#[test]
	fn a_transaction_the_pool_refused_is_sent_again_by_the_next_worker() {
		let full = Arc::new(std::sync::atomic::AtomicBool::new(true));
		let taken = Arc::new(parking_lot::RwLock::new(Vec::new()));
		let mut ext = one_prover().build();
		let (offchain, _) = TestOffchainExt::new();
		ext.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.register_extension(OffchainWorkerExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(FullPool {
			full: full.clone(),
			taken: taken.clone(),
		}));
		let prover = NativeProver::new(1, None).unwrap();
		ext.register_extension(ProverExt::new(prover.clone()));
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			let (id, _) = job_drawn_to_alice();
			proven_beforehand(&prover, id);

			JobMarket::offchain_worker(DRAW);
			assert!(taken.read().is_empty());
			// Room again: the next worker, in the same block, sends it (not 4 blocks later).
			full.store(false, std::sync::atomic::Ordering::SeqCst);
			JobMarket::offchain_worker(DRAW);
			let taken = std::mem::take(&mut *taken.write());
			let [tx] = &taken[..] else { panic!("{} transactions", taken.len()) };
			let tx = Extrinsic::decode(&mut &tx[..]).unwrap();
			assert!(matches!(
				tx.function,
				RuntimeCall::JobMarket(crate::Call::submit_proof_authorized { .. })
			));
		});
	}

	#[test]
	fn a_node_without_a_prover_or_key_does_nothing() {
		// No prover: the key's jobs are left alone (the chain re-routes them).
		let (mut ext, pool) = with_offchain(one_prover(), false);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			submit(REQUESTER, FIB);
			run_to_block(DRAW);
			JobMarket::offchain_worker(DRAW);
			assert!(submitted(&pool).is_empty());
		});
		// A prover but another account's key.
		let (mut ext, pool) = with_offchain(one_prover(), true);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![BOB]);
			submit(REQUESTER, FIB);
			run_to_block(DRAW);
			JobMarket::offchain_worker(DRAW);
			assert!(submitted(&pool).is_empty());
		});
	}

	#[test]
	fn a_job_past_its_window_is_dropped() {
		let (mut ext, pool) = with_offchain(one_prover(), true);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			let id = submit(REQUESTER, FIB);
			run_to_block(DRAW);
			// The worker of a later block, while the hook has not yet re-routed the job.
			HookWeight::set(Weight::zero());
			run_to_block(DRAW + PARAMS.accept_window + 1);
			assert!(matches!(job(id).state, JobState::Assigned { .. }));
			JobMarket::offchain_worker(DRAW + PARAMS.accept_window + 1);
			assert!(submitted(&pool).is_empty());
			HookWeight::set(default_hook_weight());
		});
	}

	/// A node whose prover was suspended puts it back into the draw as soon as it may, once.
	#[test]
	fn a_suspended_prover_is_resumed_by_its_node_when_the_suspension_is_over() {
		let (mut ext, pool) = with_offchain(one_prover(), true);
		ext.execute_with(|| {
			UintAuthorityId::set_all_keys(vec![ALICE]);
			Provers::suspend(&ALICE, FailureReason::ProofTimeout);
			let until = 1 + SUSPENSION;
			JobMarket::offchain_worker(until - 1);
			assert!(submitted(&pool).is_empty(), "not over yet");

			run_to_block(until);
			JobMarket::offchain_worker(until);
			let call = only(submitted(&pool));
			assert!(matches!(call, crate::Call::resume_authorized { until: u, .. } if u == until));
			JobMarket::offchain_worker(until);
			assert!(submitted(&pool).is_empty(), "sent once");

			run_to_block(until + 1);
			assert_ok!(authorized::dispatch(call));
			assert_eq!(suspended_until(ALICE), None);
			JobMarket::offchain_worker(until + 1);
			assert!(submitted(&pool).is_empty(), "nothing left to do");
		});
	}
}

/// Storage migrations: a chain whose storage was written by an older version of the pallet.
mod migrations {
	use super::*;
	use crate::migrations::v1::{MigrateV0ToV1, OldJob, OldParams};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	/// A job of storage version 0: no `max_fee`, no `raises`.
	fn old_job(fee: Balance, state: JobStateOf<Test>) -> OldJob<Test> {
		OldJob {
			requester: REQUESTER,
			inputs: FIB,
			security: LEVEL,
			fee,
			collateral: COLLATERAL,
			proving_window: WINDOW,
			submitted_at: 1,
			expires_at: 100,
			attempts: 1,
			failed: BoundedVec::truncate_from(vec![BOB]),
			state,
		}
	}

	/// Only the records' layout is under test: the jobs are written without their holds and
	/// queues, so the market's invariants (`try_state`) are not checked after this one.
	#[test]
	fn v0_jobs_and_params_become_v1_once() {
		ExtBuilder::default().build().execute_with(|| {
			// What a chain running storage version 0 holds.
			StorageVersion::new(0).put::<JobMarket>();
			let states = [
				JobState::Pending { draw_at: 5 },
				JobState::Assigned { prover: ALICE, accept_by: 6 },
				JobState::Proving { prover: ALICE, prove_by: 20 },
			];
			for (id, state) in states.iter().enumerate() {
				let key = Jobs::<Test>::hashed_key_for(id as JobId);
				frame_support::storage::unhashed::put_raw(
					&key,
					&old_job(FEE * (id as Balance + 1), state.clone()).encode(),
				);
			}
			let initial = <Test as crate::Config>::InitialParams::get();
			let old_params = OldParams::<Balance, BlockNumber> {
				min_fee: 7,
				min_collateral: 70,
				accept_window: 3,
				min_proving_window: 4,
				max_proving_window: 400,
				draw_timeout: 40,
				redraw_interval: 2,
				retention_period: 1000,
				accept_timeout_slash: sp_runtime::Perbill::from_percent(20),
			};
			frame_support::storage::unhashed::put_raw(
				&Params::<Test>::hashed_key(),
				&old_params.encode(),
			);
			assert!(Jobs::<Test>::get(0).is_none(), "a v0 job does not decode as a v1 job");

			MigrateV0ToV1::<Test>::on_runtime_upgrade();

			assert_eq!(JobMarket::on_chain_storage_version(), 1);
			for (id, state) in states.iter().enumerate() {
				let job = Jobs::<Test>::get(id as JobId).expect("migrated");
				let fee = FEE * (id as Balance + 1);
				assert_eq!((job.fee, job.max_fee, job.raises), (fee, fee, 0), "job {id}");
				assert_eq!((job.requester, job.attempts, &job.state), (REQUESTER, 1, state));
				assert_eq!(job.failed.to_vec(), vec![BOB]);
			}
			let params = Params::<Test>::get();
			assert_eq!(
				(params.min_fee, params.accept_window, params.retention_period),
				(7, 3, 1000)
			);
			assert_eq!(params.accept_timeout_slash, sp_runtime::Perbill::from_percent(20));
			assert_eq!(
				(
					params.fee_steps,
					params.decline_penalty,
					params.decline_quota,
					params.decline_period
				),
				(
					initial.fee_steps,
					initial.decline_penalty,
					initial.decline_quota,
					initial.decline_period
				)
			);

			// Once at version 1, it does nothing.
			let before = Jobs::<Test>::get(0);
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Jobs::<Test>::get(0), before);
			assert_eq!(Params::<Test>::get().min_fee, 7);
		});
	}
}
