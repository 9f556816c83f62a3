//! Unit tests: every call's success (state and events) and every error (`assert_noop!`: the
//! storage root, balances included, does not change). Every test ends with `do_try_state`.

use crate::{mock::*, pallet::Provers, traits::ProverRegistry, Error, Event, *};
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sortition_programs::Program::{self, Fibonacci, MimcVdf, RescueChain};
use sp_runtime::DispatchError;

const ALL: &[Program] = &Program::ALL;

fn ask(program: Program, min_fee: Balance) -> ProgramAsk<Balance> {
	ProgramAsk { program, min_fee }
}

fn prover(who: AccountId) -> ProverOf<Test> {
	Provers::<Test>::get(who).expect("registered")
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProverBond.into(), &who)
}

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

fn draw(program: Program, fee: Balance, collateral: Balance, seed: u64) -> Option<AccountId> {
	let seed = sp_io::hashing::blake2_256(&seed.encode());
	<Pallet<Test> as ProverRegistry<AccountId>>::draw(program, fee, collateral, &seed, |_| false)
		.prover
}

type Registry = Pallet<Test>;

/// 20,000 draws of a MimcVdf job among provers `100 ..` whose draw weights are `weights`: how
/// often each was drawn, and Pearson's chi-square of those counts against the weights.
fn draw_counts_and_chi_square(weights: &[f64]) -> (Vec<u64>, f64) {
	const DRAWS: u64 = 20_000;
	let mut counts = vec![0u64; weights.len()];
	for seed in 0..DRAWS {
		let who = draw(MimcVdf, 0, 0, seed).expect("every prover is eligible");
		counts[(who - 100) as usize] += 1;
	}
	let total: f64 = weights.iter().sum();
	let chi_square = counts
		.iter()
		.zip(weights)
		.map(|(observed, weight)| {
			let expected = DRAWS as f64 * weight / total;
			(*observed as f64 - expected).powi(2) / expected
		})
		.sum();
	(counts, chi_square)
}

mod register {
	use super::*;

	#[test]
	fn holds_the_stake_and_records_the_offers() {
		ExtBuilder::default().build_and_execute(|| {
			// When
			assert_ok!(Registry::register(
				signed(1),
				500,
				vec![Fibonacci, MimcVdf],
				vec![ask(MimcVdf, 30)]
			));
			// Then
			let record = prover(1);
			assert_eq!(record.stake, 500);
			assert_eq!(record.locked, 0);
			assert_eq!(record.offers.to_vec(), vec![ask(Fibonacci, 0), ask(MimcVdf, 30)]);
			assert_eq!(record.slot, 0);
			assert_eq!(record.registered_at, 1);
			assert_eq!(held(1), 500);
			assert_eq!(free(1), ENDOWMENT - 500);
			assert_eq!(ProverCount::<Test>::get(), 1);
			assert_eq!(Registry::program_weight(Fibonacci), 500);
			assert_eq!(Registry::program_weight(RescueChain), 0);
			assert_eq!(
				provers_events(),
				vec![Event::Registered { prover: 1, stake: 500, offers: record.offers }]
			);
		});
	}

	#[test]
	fn twice_is_an_error() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(
				Registry::register(signed(1), 500, vec![Fibonacci], vec![]),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	#[test]
	fn below_the_minimum_stake_is_an_error() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::register(signed(1), MIN_STAKE - 1, vec![Fibonacci], vec![]),
				Error::<Test>::StakeBelowMinimum
			);
		});
	}

	#[test]
	fn more_than_the_balance_is_an_error() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Registry::register(signed(1), ENDOWMENT + 1, vec![Fibonacci], vec![]),
				Error::<Test>::InsufficientBalance
			);
			// An account that does not exist has nothing to hold.
			assert_noop!(
				Registry::register(signed(999), MIN_STAKE, vec![Fibonacci], vec![]),
				Error::<Test>::InsufficientBalance
			);
		});
	}

	#[test]
	fn bad_program_lists_are_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let register = |programs: Vec<Program>, asks| {
				Registry::register(signed(1), MIN_STAKE, programs, asks)
			};
			assert_noop!(register(vec![], vec![]), Error::<Test>::NoPrograms);
			assert_noop!(
				register(vec![Fibonacci, MimcVdf, Fibonacci, MimcVdf, RescueChain], vec![]),
				Error::<Test>::TooManyPrograms
			);
			assert_noop!(register(vec![MimcVdf, MimcVdf], vec![]), Error::<Test>::DuplicateProgram);
		});
	}

	#[test]
	fn bad_asks_are_errors() {
		ExtBuilder::default().build_and_execute(|| {
			let register =
				|asks| Registry::register(signed(1), MIN_STAKE, vec![Fibonacci, MimcVdf], asks);
			assert_noop!(register(vec![ask(Fibonacci, 1); 5]), Error::<Test>::TooManyAsks);
			assert_noop!(
				register(vec![ask(Fibonacci, 1), ask(Fibonacci, 2)]),
				Error::<Test>::DuplicateProgram
			);
			// The "unknown program" of a prover: an ask for a program it does not prove.
			assert_noop!(register(vec![ask(RescueChain, 1)]), Error::<Test>::AskForUnlistedProgram);
		});
	}

	#[test]
	fn a_program_the_chain_does_not_know_does_not_decode() {
		ExtBuilder::default().build_and_execute(|| {
			// Programs are an enum in the call: an unknown index (3) is refused when the
			// transaction is decoded, before it can be included or charged.
			let call = RuntimeCall::Provers(crate::Call::register {
				stake: MIN_STAKE,
				programs: vec![MimcVdf],
				asks: vec![],
			});
			let mut bytes = call.encode();
			let last = bytes.len() - 2; // [.., programs: [1 item, MimcVdf = 2], asks: [0 items]]
			assert_eq!(bytes[last], 2);
			assert!(RuntimeCall::decode(&mut &bytes[..]).is_ok());
			bytes[last] = 3;
			assert!(RuntimeCall::decode(&mut &bytes[..]).is_err());
		});
	}

	#[test]
	fn the_registry_has_a_size_limit() {
		MaxProvers::set(64);
		ExtBuilder::default().build_and_execute(|| {
			for who in 100..164 {
				assert_ok!(Registry::register(signed(who), MIN_STAKE, vec![Fibonacci], vec![]));
			}
			assert_noop!(
				Registry::register(signed(1), MIN_STAKE, vec![Fibonacci], vec![]),
				Error::<Test>::TooManyProvers
			);
		});
	}

	#[test]
	fn genesis_registers_provers() {
		ExtBuilder::default()
			.prover(1, 1_000, ALL)
			.prover(2, 300, &[RescueChain])
			.build_and_execute(|| {
				assert_eq!(prover(1).programs(), ALL.to_vec());
				assert_eq!(prover(2).slot, 1);
				assert_eq!(held(2), 300);
				assert_eq!(Registry::program_weight(RescueChain), 1_300);
				assert_eq!(Registry::program_weight(MimcVdf), 1_000);
			});
	}
}

mod bonding {
	use super::*;

	#[test]
	fn bond_more_adds_to_stake_and_weight() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::bond_more(signed(1), 250));
			assert_eq!(prover(1).stake, 750);
			assert_eq!(held(1), 750);
			assert_eq!(Registry::program_weight(MimcVdf), 750);
			assert_eq!(
				provers_events(),
				vec![Event::Bonded { prover: 1, amount: 250, stake: 750 }]
			);
		});
	}

	#[test]
	fn bond_more_errors() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(Registry::bond_more(signed(2), 10), Error::<Test>::NotRegistered);
			assert_noop!(Registry::bond_more(signed(1), 0), Error::<Test>::ZeroAmount);
			assert_noop!(
				Registry::bond_more(signed(1), ENDOWMENT),
				Error::<Test>::InsufficientBalance
			);
		});
	}

	#[test]
	fn unbond_moves_stake_into_a_chunk() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::unbond(signed(1), 150));
			assert_eq!(prover(1).stake, 350);
			// Still held until withdrawn.
			assert_eq!(held(1), 500);
			assert_eq!(
				Unbonding::<Test>::get(1).to_vec(),
				vec![UnbondingChunk { amount: 150, unlock_at: 1 + UNBONDING }]
			);
			assert_eq!(Registry::program_weight(Fibonacci), 350);
			// A second unbond in the same block joins the chunk.
			assert_ok!(Registry::unbond(signed(1), 50));
			assert_eq!(
				Unbonding::<Test>::get(1).to_vec(),
				vec![UnbondingChunk { amount: 200, unlock_at: 1 + UNBONDING }]
			);
			assert_eq!(
				provers_events(),
				vec![
					Event::Unbonded { prover: 1, amount: 150, unlock_at: 1 + UNBONDING },
					Event::Unbonded { prover: 1, amount: 50, unlock_at: 1 + UNBONDING },
				]
			);
		});
	}

	#[test]
	fn unbond_errors() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(Registry::unbond(signed(2), 10), Error::<Test>::NotRegistered);
			assert_noop!(Registry::unbond(signed(1), 0), Error::<Test>::ZeroAmount);
			assert_noop!(Registry::unbond(signed(1), 501), Error::<Test>::InsufficientFreeStake);
			assert_noop!(
				Registry::unbond(signed(1), 500 - MIN_STAKE + 1),
				Error::<Test>::StakeBelowMinimum
			);
		});
	}

	#[test]
	fn locked_collateral_cannot_be_unbonded() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::lock_collateral(&1, 300));
			// 200 free: unbonding 250 would take collateral.
			assert_noop!(Registry::unbond(signed(1), 250), Error::<Test>::InsufficientFreeStake);
			Registry::release_collateral(&1, 300);
			assert_ok!(Registry::unbond(signed(1), 250));
		});
	}

	#[test]
	fn unbonding_chunks_are_bounded() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			for block in 1..=3 {
				System::set_block_number(block);
				assert_ok!(Registry::unbond(signed(1), 10));
			}
			System::set_block_number(4);
			assert_noop!(Registry::unbond(signed(1), 10), Error::<Test>::TooManyUnbondingChunks);
		});
	}

	#[test]
	fn withdraw_before_the_unlock_block_is_an_error() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(Registry::withdraw_unbonded(signed(1)), Error::<Test>::NothingToWithdraw);
			assert_ok!(Registry::unbond(signed(1), 100));
			run_to_block(UNBONDING); // one block early
			assert_noop!(Registry::withdraw_unbonded(signed(1)), Error::<Test>::NothingToWithdraw);
		});
	}

	#[test]
	fn withdraw_releases_unlocked_chunks_only() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::unbond(signed(1), 100));
			run_to_block(3);
			assert_ok!(Registry::unbond(signed(1), 40));
			run_to_block(1 + UNBONDING);
			provers_events();
			assert_ok!(Registry::withdraw_unbonded(signed(1)));
			assert_eq!(held(1), 400);
			assert_eq!(free(1), ENDOWMENT - 400);
			assert_eq!(
				Unbonding::<Test>::get(1).to_vec(),
				vec![UnbondingChunk { amount: 40, unlock_at: 3 + UNBONDING }]
			);
			assert_eq!(provers_events(), vec![Event::Withdrawn { account: 1, amount: 100 }]);
			run_to_block(3 + UNBONDING);
			assert_ok!(Registry::withdraw_unbonded(signed(1)));
			assert_eq!(held(1), 360);
			assert!(!Unbonding::<Test>::contains_key(1));
		});
	}
}

mod offers {
	use super::*;

	#[test]
	fn set_programs_keeps_known_asks_and_moves_weight() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Registry::register(
				signed(1),
				500,
				vec![Fibonacci, MimcVdf],
				vec![ask(MimcVdf, 30)]
			));
			provers_events();
			assert_ok!(Registry::set_programs(signed(1), vec![MimcVdf, RescueChain]));
			let offers = prover(1).offers;
			assert_eq!(offers.to_vec(), vec![ask(MimcVdf, 30), ask(RescueChain, 0)]);
			assert_eq!(Registry::program_weight(Fibonacci), 0);
			assert_eq!(Registry::program_weight(RescueChain), 500);
			assert_eq!(draw(Fibonacci, 100, 0, 1), None);
			assert_eq!(draw(RescueChain, 100, 0, 1), Some(1));
			assert_eq!(provers_events(), vec![Event::OffersChanged { prover: 1, offers }]);
		});
	}

	#[test]
	fn set_programs_errors() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(
				Registry::set_programs(signed(2), vec![Fibonacci]),
				Error::<Test>::NotRegistered
			);
			assert_noop!(Registry::set_programs(signed(1), vec![]), Error::<Test>::NoPrograms);
			assert_noop!(
				Registry::set_programs(signed(1), vec![Fibonacci; 5]),
				Error::<Test>::TooManyPrograms
			);
			assert_noop!(
				Registry::set_programs(signed(1), vec![Fibonacci, Fibonacci]),
				Error::<Test>::DuplicateProgram
			);
		});
	}

	#[test]
	fn set_asks_changes_only_the_named_programs() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Registry::register(signed(1), 500, ALL.to_vec(), vec![ask(Fibonacci, 5)]));
			assert_ok!(Registry::set_asks(signed(1), vec![ask(MimcVdf, 9)]));
			assert_eq!(
				prover(1).offers.to_vec(),
				vec![ask(Fibonacci, 5), ask(RescueChain, 0), ask(MimcVdf, 9)]
			);
			// The ask is a floor on the fee.
			assert_eq!(draw(MimcVdf, 8, 0, 1), None);
			assert_eq!(draw(MimcVdf, 9, 0, 1), Some(1));
		});
	}

	#[test]
	fn set_asks_errors() {
		ExtBuilder::default().prover(1, 500, &[Fibonacci]).build_and_execute(|| {
			assert_noop!(Registry::set_asks(signed(2), vec![]), Error::<Test>::NotRegistered);
			assert_noop!(
				Registry::set_asks(signed(1), vec![ask(Fibonacci, 1); 5]),
				Error::<Test>::TooManyAsks
			);
			assert_noop!(
				Registry::set_asks(signed(1), vec![ask(Fibonacci, 1), ask(Fibonacci, 1)]),
				Error::<Test>::DuplicateProgram
			);
			assert_noop!(
				Registry::set_asks(signed(1), vec![ask(MimcVdf, 1)]),
				Error::<Test>::AskForUnlistedProgram
			);
		});
	}
}

mod deregister {
	use super::*;

	#[test]
	fn unbonds_everything_and_frees_the_slot() {
		ExtBuilder::default()
			.prover(1, 500, ALL)
			.prover(2, 300, &[Fibonacci])
			.prover(3, 200, &[MimcVdf])
			.build_and_execute(|| {
				assert_ok!(Registry::deregister(signed(1)));
				assert!(!Provers::<Test>::contains_key(1));
				// The last prover moved into the freed slot.
				assert_eq!(prover(3).slot, 0);
				assert_eq!(Slots::<Test>::get(0), Some(3));
				assert_eq!(ProverCount::<Test>::get(), 2);
				assert_eq!(Registry::program_weight(Fibonacci), 300);
				assert_eq!(Registry::program_weight(MimcVdf), 200);
				assert_eq!(held(1), 500);
				assert_eq!(
					provers_events(),
					vec![Event::Deregistered {
						prover: 1,
						unbonding: 500,
						unlock_at: 1 + UNBONDING
					}]
				);
				// Withdrawn after the unbonding period; it can register again.
				run_to_block(1 + UNBONDING);
				assert_ok!(Registry::withdraw_unbonded(signed(1)));
				assert_eq!(free(1), ENDOWMENT);
				assert_ok!(Registry::register(signed(1), 100, vec![RescueChain], vec![]));
				assert_eq!(prover(1).slot, 2);
			});
	}

	#[test]
	fn errors() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(Registry::deregister(signed(2)), Error::<Test>::NotRegistered);
			assert_ok!(Registry::lock_collateral(&1, 10));
			assert_noop!(Registry::deregister(signed(1)), Error::<Test>::HasActiveJobs);
			Registry::release_collateral(&1, 10);
			Registry::suspend(&1, FailureReason::ProofTimeout);
			assert_noop!(Registry::deregister(signed(1)), Error::<Test>::ProverSuspended);
			run_to_block(1 + SUSPENSION);
			assert_ok!(Registry::deregister(signed(1)));
		});
	}
}

mod params {
	use super::*;

	#[test]
	fn root_sets_them() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			let new = ProverParams { min_stake: 1_000, unbonding_period: 3, suspension_period: 7 };
			assert_noop!(Registry::set_params(signed(1), new), DispatchError::BadOrigin);
			assert_noop!(
				Registry::set_params(RuntimeOrigin::root(), ProverParams { min_stake: 0, ..new }),
				Error::<Test>::InvalidParams
			);
			assert_ok!(Registry::set_params(RuntimeOrigin::root(), new));
			assert_eq!(params(), new);
			assert_eq!(provers_events(), vec![Event::ParamsSet { params: new }]);
			// New registrations need the new minimum; new unbonds use the new period.
			assert_noop!(
				Registry::register(signed(2), 500, vec![Fibonacci], vec![]),
				Error::<Test>::StakeBelowMinimum
			);
			assert_ok!(Registry::bond_more(signed(1), 1_000));
			assert_ok!(Registry::unbond(signed(1), 100));
			assert_eq!(Unbonding::<Test>::get(1)[0].unlock_at, 1 + 3);
		});
	}
}

mod registry {
	use super::*;

	#[test]
	fn collateral_never_exceeds_the_stake() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::lock_collateral(&1, 300));
			assert_ok!(Registry::lock_collateral(&1, 200));
			assert_eq!((prover(1).locked, prover(1).active_jobs), (500, 2));
			assert_noop!(Registry::lock_collateral(&1, 1), Error::<Test>::InsufficientFreeStake);
			assert_noop!(Registry::lock_collateral(&2, 1), Error::<Test>::NotRegistered);
			// A fully committed prover is not drawn for a job that needs collateral.
			assert_eq!(draw(Fibonacci, 100, 1, 1), None);
			Registry::release_collateral(&1, 300);
			assert_eq!((prover(1).locked, prover(1).active_jobs), (200, 1));
			assert_eq!(draw(Fibonacci, 100, 300, 1), Some(1));
			Registry::release_collateral(&1, 200);
		});
	}

	#[test]
	fn slash_splits_between_beneficiary_and_burn() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::lock_collateral(&1, 300));
			let issuance = Balances::total_issuance();
			let requester_before = free(7);
			provers_events();
			// When
			assert_eq!(Registry::slash(&1, 200, &7, FailureReason::InvalidProof), Ok(200));
			Registry::release_collateral(&1, 100);
			// Then: 50% to the requester, 50% burned; nothing else moves.
			assert_eq!(free(7), requester_before + 100);
			assert_eq!(Balances::total_issuance(), issuance - 100);
			assert_eq!(held(1), 300);
			assert_eq!(free(1), ENDOWMENT - 500);
			let record = prover(1);
			assert_eq!((record.stake, record.locked, record.active_jobs), (300, 0, 0));
			assert_eq!(record.stats.slashed_total, 200);
			assert_eq!(Registry::program_weight(Fibonacci), 300);
			assert_eq!(
				provers_events(),
				vec![Event::Slashed {
					prover: 1,
					amount: 200,
					beneficiary: 7,
					to_beneficiary: 100,
					reason: FailureReason::InvalidProof
				}]
			);
		});
	}

	#[test]
	fn slashing_more_than_the_locked_collateral_is_an_error() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_ok!(Registry::lock_collateral(&1, 100));
			assert_noop!(
				Registry::slash(&1, 101, &7, FailureReason::ProofTimeout),
				Error::<Test>::SlashExceedsCollateral
			);
			assert_noop!(
				Registry::slash(&2, 1, &7, FailureReason::ProofTimeout),
				Error::<Test>::NotRegistered
			);
			Registry::release_collateral(&1, 100);
		});
	}

	#[test]
	fn a_reward_the_beneficiary_cannot_take_is_burned() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			// Account 999 does not exist and 1 is below the existential deposit.
			assert_ok!(Registry::lock_collateral(&1, 2));
			let issuance = Balances::total_issuance();
			assert_eq!(Registry::slash(&1, 2, &999, FailureReason::AcceptTimeout), Ok(2));
			Registry::release_collateral(&1, 0);
			assert_eq!(Balances::total_issuance(), issuance - 2);
			assert_eq!(free(999), 0);
		});
	}

	/// A suspended prover's stake leaves the draw at once and comes back only when it resumes,
	/// which it may do once the suspension period is over.
	#[test]
	fn suspended_provers_are_out_of_the_draw_until_they_resume() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			Registry::suspend(&1, FailureReason::AcceptTimeout);
			assert_eq!(prover(1).suspended_until, Some(1 + SUSPENSION));
			assert_eq!(
				provers_events(),
				vec![Event::Suspended {
					prover: 1,
					until: 1 + SUSPENSION,
					reason: FailureReason::AcceptTimeout
				}]
			);
			assert_eq!(Registry::program_weight(Fibonacci), 0);
			for seed in 0..20 {
				assert_eq!(draw(Fibonacci, 100, 0, seed), None);
			}
			run_to_block(SUSPENSION);
			assert_noop!(Registry::resume(signed(1)), Error::<Test>::SuspensionNotOver);
			run_to_block(1 + SUSPENSION);
			// Over, but not back until it says so.
			assert_eq!(draw(Fibonacci, 100, 0, 1), None);
			assert_eq!(Registry::suspension_end(&1), Some(1 + SUSPENSION));
			assert_ok!(Registry::resume(signed(1)));
			assert_eq!(provers_events().last(), Some(&Event::Resumed { prover: 1 }));
			assert_eq!(Registry::suspension_end(&1), None);
			assert_eq!(Registry::program_weight(Fibonacci), 500);
			assert_eq!(draw(Fibonacci, 100, 0, 1), Some(1));
		});
	}

	#[test]
	fn resume_errors() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			assert_noop!(Registry::resume(signed(2)), Error::<Test>::NotRegistered);
			assert_noop!(Registry::resume(signed(1)), Error::<Test>::NotSuspended);
			Registry::suspend(&1, FailureReason::ProofTimeout);
			assert_noop!(Registry::resume(signed(1)), Error::<Test>::SuspensionNotOver);
		});
	}

	/// With 98% of the stake suspended, every draw finds the small prover at its first pick
	/// (the draw used to land on the suspended stake and miss 85% of the time).
	#[test]
	fn a_draw_finds_the_only_prover_in_the_draw_at_once() {
		ExtBuilder::default()
			.prover(1, 100_000, ALL)
			.prover(2, 2_000, ALL)
			.build_and_execute(|| {
				Registry::suspend(&1, FailureReason::ProofTimeout);
				for seed in 0..100u64 {
					let seed = sp_io::hashing::blake2_256(&seed.encode());
					assert_eq!(
						<Registry as ProverRegistry<AccountId>>::draw(MimcVdf, 0, 0, &seed, |_| {
							false
						}),
						crate::Drawn { prover: Some(2), attempts: 1 }
					);
				}
			});
	}

	#[test]
	fn counters_record_the_track_record() {
		ExtBuilder::default().prover(1, 500, ALL).build_and_execute(|| {
			Registry::record_success(&1);
			Registry::record_success(&1);
			Registry::record_failure(&1, FailureReason::AcceptTimeout);
			Registry::record_failure(&1, FailureReason::ProofTimeout);
			Registry::record_failure(&1, FailureReason::InvalidProof);
			// A decline beyond the quota (the job market only reports those) is a miss.
			Registry::record_failure(&1, FailureReason::Declined);
			let stats = prover(1).stats;
			assert_eq!((stats.jobs_done, stats.jobs_missed, stats.invalid_proofs), (2, 3, 1));
		});
	}
}

mod reliability {
	use super::*;
	use sp_runtime::Perbill;

	fn stats(jobs_done: u32, jobs_missed: u32, invalid_proofs: u32) -> ProverStats<Balance> {
		ProverStats { jobs_done, jobs_missed, invalid_proofs, slashed_total: 0 }
	}

	#[test]
	fn the_formula() {
		// Never failed: 1, however much or little it has done.
		assert_eq!(stats(0, 0, 0).reliability(), Perbill::one());
		assert_eq!(stats(1_000, 0, 0).reliability(), Perbill::one());
		// (done + 10) / (done + 10 + 5 missed + 20 invalid).
		assert_eq!(stats(0, 1, 0).reliability(), Perbill::from_rational(10u32, 15));
		assert_eq!(stats(10, 1, 0).reliability(), Perbill::from_rational(20u32, 25));
		assert_eq!(stats(0, 0, 1).reliability(), Perbill::from_rational(10u32, 30));
		assert_eq!(stats(30, 2, 1).reliability(), Perbill::from_rational(40u32, 70));
		// 50 misses and nothing done: 10 / 260; good work makes up for it.
		assert_eq!(stats(0, 50, 0).reliability(), Perbill::from_rational(10u32, 260));
		assert_eq!(stats(990, 50, 0).reliability(), Perbill::from_rational(1_000u32, 1_250));
		// Bounded below.
		assert_eq!(stats(0, u32::MAX, u32::MAX).reliability_fraction(), (1, 100));
		assert_eq!(stats(0, 199, 0).reliability_fraction(), (1, 100));
		assert_eq!(stats(0, 198, 0).reliability_fraction(), (10, 1_000));
	}

	/// The draw weight follows the record: a failure lowers it, every job done raises it.
	#[test]
	fn the_draw_weight_follows_the_record() {
		ExtBuilder::default().prover(1, 1_500, &[MimcVdf]).build_and_execute(|| {
			assert_eq!(Registry::program_weight(MimcVdf), 1_500);
			Registry::record_failure(&1, FailureReason::AcceptTimeout);
			assert_eq!(prover(1).draw_weight(), 1_000);
			assert_eq!(Registry::program_weight(MimcVdf), 1_000);
			for _ in 0..10 {
				Registry::record_success(&1);
			}
			assert_eq!(Registry::program_weight(MimcVdf), 1_200);
			Registry::record_failure(&1, FailureReason::InvalidProof);
			assert_eq!(Registry::program_weight(MimcVdf), 1_500 * 20 / 45);
			// Stake changes move the weight by the same factor.
			assert_ok!(Registry::bond_more(signed(1), 3_000));
			assert_eq!(Registry::program_weight(MimcVdf), 4_500 * 20 / 45);
		});
	}

	/// Over many draws each prover's share matches its share of stake times reliability:
	/// Pearson's chi-square over 8 provers (7 degrees of freedom) stays below 18.48, the
	/// critical value for p = 0.01. Equal stakes, different records: the records alone make
	/// the difference.
	#[test]
	fn draws_are_proportional_to_stake_times_reliability() {
		let records = [
			(0, 0, 0),
			(5, 1, 0),
			(0, 1, 0),
			(0, 3, 0),
			(0, 0, 1),
			(20, 2, 1),
			(0, 10, 0),
			(100, 0, 0),
		];
		let mut builder = ExtBuilder::default();
		for i in 0..records.len() {
			builder = builder.prover(100 + i as u64, 10_000, ALL);
		}
		builder.build_and_execute(|| {
			for (i, (done, missed, invalid)) in records.iter().enumerate() {
				let who = 100 + i as u64;
				for _ in 0..*done {
					Registry::record_success(&who);
				}
				for _ in 0..*missed {
					Registry::record_failure(&who, FailureReason::ProofTimeout);
				}
				for _ in 0..*invalid {
					Registry::record_failure(&who, FailureReason::InvalidProof);
				}
			}
			let weights: Vec<f64> = (0..records.len())
				.map(|i| prover(100 + i as u64).draw_weight() as f64)
				.collect();
			let (counts, chi_square) = draw_counts_and_chi_square(&weights);
			assert!(
				chi_square < 18.48,
				"chi-square {chi_square} for {counts:?}, weights {weights:?}"
			);
			// And the records matter: the clean prover is drawn about 6.5 times as often as
			// the one with 10 misses (10,000 against 10,000 * 10/60).
			assert!(counts[0] > 5 * counts[6], "{counts:?}");
		});
	}
}

mod draw {
	use super::*;

	#[test]
	fn nobody_to_draw() {
		ExtBuilder::default().prover(1, 500, &[Fibonacci]).build_and_execute(|| {
			assert_eq!(draw(MimcVdf, 100, 0, 1), None);
			let seed = [0u8; 32];
			assert_eq!(
				<Registry as ProverRegistry<AccountId>>::draw(Fibonacci, 100, 0, &seed, |who| {
					*who == 1
				}),
				crate::Drawn { prover: None, attempts: 8 }
			);
		});
	}

	#[test]
	fn only_eligible_provers_are_drawn() {
		ExtBuilder::default()
			.prover(1, 1_000, ALL)
			.prover(2, 1_000, ALL)
			.prover(3, 1_000, &[RescueChain])
			.prover(4, 1_000, ALL)
			.build_and_execute(|| {
				// 1 asks too much, 2 is suspended, 3 does not prove Fibonacci, 4 lacks free
				// stake, and the caller excludes 5: only 6 can be drawn.
				assert_ok!(Registry::set_asks(signed(1), vec![ask(Fibonacci, 51)]));
				Registry::suspend(&2, FailureReason::ProofTimeout);
				assert_ok!(Registry::lock_collateral(&4, 950));
				assert_ok!(Registry::register(signed(5), 1_000, vec![Fibonacci], vec![]));
				assert_ok!(Registry::register(signed(6), 1_000, vec![Fibonacci], vec![]));
				let mut seen = std::collections::BTreeSet::new();
				for seed in 0..200u64 {
					let seed = sp_io::hashing::blake2_256(&seed.encode());
					if let Some(who) = <Registry as ProverRegistry<AccountId>>::draw(
						Fibonacci,
						50,
						60,
						&seed,
						|who| *who == 5,
					)
					.prover
					{
						seen.insert(who);
					}
				}
				assert_eq!(seen.into_iter().collect::<Vec<_>>(), vec![6]);
				Registry::release_collateral(&4, 950);
			});
	}

	/// Over many draws each prover's share matches its share of the stake: Pearson's
	/// chi-square over 10 provers (9 degrees of freedom) stays below 21.67, the critical
	/// value for p = 0.01.
	#[test]
	fn draws_are_proportional_to_stake() {
		let stakes: Vec<Balance> = (1..=10).map(|i| 100 * i * i).collect();
		let mut builder = ExtBuilder::default();
		for (i, stake) in stakes.iter().enumerate() {
			builder = builder.prover(100 + i as u64, *stake, ALL);
		}
		builder.build_and_execute(|| {
			let weights: Vec<f64> = stakes.iter().map(|stake| *stake as f64).collect();
			let (counts, chi_square) = draw_counts_and_chi_square(&weights);
			assert!(chi_square < 21.67, "chi-square {chi_square} for {counts:?}");
		});
	}

	/// A draw reports its picks: one when the first is eligible, one per pick until an
	/// eligible one, and `MaxDrawAttempts` when it finds nobody.
	#[test]
	fn a_draw_counts_its_picks() {
		ExtBuilder::default()
			.prover(1, 1_000, ALL)
			.prover(2, 1_000, ALL)
			.build_and_execute(|| {
				let seed = [3u8; 32];
				let drawn =
					<Registry as ProverRegistry<AccountId>>::draw(MimcVdf, 100, 0, &seed, |_| {
						false
					});
				assert_eq!(drawn.attempts, 1);
				let picks = core::cell::Cell::new(0);
				let drawn =
					<Registry as ProverRegistry<AccountId>>::draw(MimcVdf, 100, 0, &seed, |_| {
						picks.set(picks.get() + 1);
						picks.get() < 3
					});
				assert_eq!((drawn.attempts, drawn.prover.is_some()), (3, true));
				let drawn =
					<Registry as ProverRegistry<AccountId>>::draw(MimcVdf, 100, 0, &seed, |_| true);
				assert_eq!(drawn, crate::Drawn { prover: None, attempts: 8 });
				// No stake at all for a program: no pick.
				assert_ok!(Registry::set_programs(signed(1), vec![Fibonacci]));
				assert_ok!(Registry::set_programs(signed(2), vec![Fibonacci]));
				let drawn =
					<Registry as ProverRegistry<AccountId>>::draw(MimcVdf, 100, 0, &seed, |_| {
						false
					});
				assert_eq!(drawn, crate::Drawn { prover: None, attempts: 0 });
			});
	}

	/// The tree's shape: one node per level, 64 slots per bottom node.
	#[test]
	fn tree_shape_per_capacity() {
		use crate::selection::{leaf_of, parent_of, tree_shape};
		assert_eq!(tree_shape(64), (1, 0));
		assert_eq!(tree_shape(1_024), (2, 1));
		assert_eq!(tree_shape(4_096), (2, 1));
		assert_eq!(tree_shape(16_384), (3, 65));
		assert_eq!(leaf_of(16_384, 0), (65, 0));
		assert_eq!(leaf_of(16_384, 16_383), (65 + 255, 63));
		assert_eq!(parent_of(65 + 255), (4, 63));
		assert_eq!(parent_of(4), (0, 3));
		assert_eq!(parent_of(1), (0, 0));
	}

	/// Every prover at the end of the slots (a bottom node other than the first, across a
	/// node boundary) is found at its stake's points, and the sums on the path are updated.
	#[test]
	fn finds_slots_across_bottom_nodes() {
		let mut builder = ExtBuilder::default();
		for i in 0..130u64 {
			builder = builder.prover(100 + i, 100 + i as u128, &[MimcVdf]);
		}
		builder.build_and_execute(|| {
			let mut point = 0u128;
			for slot in 0..130u32 {
				let who = Slots::<Test>::get(slot).expect("130 slots are taken");
				let stake = Provers::<Test>::get(who).expect("registered").stake;
				assert_eq!(Registry::tree_find(MimcVdf, point), Some(slot));
				assert_eq!(Registry::tree_find(MimcVdf, point + stake - 1), Some(slot));
				point += stake;
			}
			assert_eq!(Registry::program_weight(MimcVdf), point);
			assert_eq!(Registry::tree_find(MimcVdf, point), None);
		});
	}

	/// The draw trees stay exact through any sequence of registrations, stake changes,
	/// program changes, slashes, suspensions, resumptions, records and deregistrations
	/// (`do_try_state` compares every node with the draw weights after each step).
	#[test]
	fn trees_stay_exact_through_any_history() {
		ExtBuilder::default().build_and_execute(|| {
			let mut state = 0x2545_f491_4f6c_dd1du64;
			let mut next = move |n: u64| {
				state ^= state << 13;
				state ^= state >> 7;
				state ^= state << 17;
				state % n
			};
			for step in 0..1_500 {
				// More provers than one bottom node's 64 slots.
				let who = 100 + next(150);
				let programs: Vec<Program> = ALL.iter().copied().filter(|_| next(2) == 0).collect();
				let programs = if programs.is_empty() { vec![MimcVdf] } else { programs };
				let _ = match next(9) {
					0 | 1 => {
						Registry::register(signed(who), 100 + next(900) as u128, programs, vec![])
					},
					2 => Registry::bond_more(signed(who), 1 + next(100) as u128),
					3 => Registry::unbond(signed(who), 1 + next(100) as u128),
					4 => Registry::set_programs(signed(who), programs),
					5 if Provers::<Test>::contains_key(who) => {
						Registry::suspend(&who, FailureReason::AcceptTimeout);
						Registry::record_failure(&who, FailureReason::AcceptTimeout);
						Ok(())
					},
					6 => {
						run_to_block(System::block_number() + 1);
						Registry::resume(signed(who))
					},
					7 if Provers::<Test>::contains_key(who) => {
						Registry::record_success(&who);
						Ok(())
					},
					5 | 7 => Ok(()),
					_ => Registry::deregister(signed(who)),
				};
				if step % 7 == 0 && Registry::lock_collateral(&who, 50).is_ok() {
					assert_ok!(Registry::slash(&who, 50, &1, FailureReason::ProofTimeout));
					Registry::release_collateral(&who, 0);
				}
				Registry::do_try_state().expect("invariants hold after every step");
			}
			assert!(ProverCount::<Test>::get() > 64);
		});
	}
}
