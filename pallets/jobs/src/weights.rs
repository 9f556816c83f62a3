
//! Weights for `pallet_jobs`, generated from its benchmarks by `scripts/benchmark-pallets.sh`.
//!
//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-03, STEPS: `10`, REPEAT: `5`, LOW RANGE: `[]`, HIGH RANGE: `[]`
//! WORST CASE MAP SIZE: `1000000`
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//! WASM-EXECUTION: `Compiled`, CHAIN: `Some("dev")`, DB CACHE: 1024

// Executed Command:
// /root/.cache/sortition-target/release/sortition-node
// benchmark
// pallet
// --chain
// dev
// --pallet
// pallet_jobs
// --extrinsic
// *
// --steps
// 10
// --repeat
// 5
// --template
// /work/main/scripts/templates/pallet-weights.hbs
// --output
// /work/main/pallets/jobs/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_jobs`.
pub trait WeightInfo {
	fn submit_job() -> Weight;
	fn cancel_job() -> Weight;
	fn accept_job() -> Weight;
	fn submit_proof(l: u32, ) -> Weight;
	fn authorize_accept() -> Weight;
	fn authorize_proof(l: u32, ) -> Weight;
	fn authorize_resume() -> Weight;
	fn set_params() -> Weight;
	fn set_program_paused() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn decline_job() -> Weight;
	fn draw_job() -> Weight;
	fn expire_job() -> Weight;
	fn accept_timeout() -> Weight;
	fn proof_timeout() -> Weight;
	fn settle_receipts(n: u32, ) -> Weight;
	fn prune_job() -> Weight;
}

/// Weights for `pallet_jobs` measured on the runtime, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Jobs::PausedPrograms` (r:1 w:0)
	/// Proof: `Jobs::PausedPrograms` (`max_values`: None, `max_size`: Some(9), added: 2484, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::NextJobId` (r:1 w:1)
	/// Proof: `Jobs::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:1)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn submit_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `919`
		//  Estimated: `4027`
		// Minimum execution time: 106_970_000 picoseconds.
		Weight::from_parts(112_652_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn cancel_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1588`
		//  Estimated: `4027`
		// Minimum execution time: 101_631_000 picoseconds.
		Weight::from_parts(113_583_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn accept_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `866`
		//  Estimated: `3834`
		// Minimum execution time: 37_790_000 picoseconds.
		Weight::from_parts(46_878_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::BlockReceipts` (r:1 w:1)
	/// Proof: `Jobs::BlockReceipts` (`max_values`: Some(1), `max_size`: Some(58882), added: 59377, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Receipts` (r:0 w:1)
	/// Proof: `Jobs::Receipts` (`max_values`: None, `max_size`: Some(131), added: 2606, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[26000, 129000]`.
	fn submit_proof(l: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4576`
		//  Estimated: `60367`
		// Minimum execution time: 1_543_636_000 picoseconds.
		Weight::from_parts(434_076_664, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			// Standard Error: 707
			.saturating_add(Weight::from_parts(43_743, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:0)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	fn authorize_accept() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `866`
		//  Estimated: `3834`
		// Minimum execution time: 66_676_000 picoseconds.
		Weight::from_parts(75_061_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:0)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[26000, 129000]`.
	fn authorize_proof(l: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `882`
		//  Estimated: `3834`
		// Minimum execution time: 96_291_000 picoseconds.
		Weight::from_parts(76_480_683, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			// Standard Error: 6
			.saturating_add(Weight::from_parts(1_128, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	fn authorize_resume() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `341`
		//  Estimated: `3727`
		// Minimum execution time: 62_858_000 picoseconds.
		Weight::from_parts(66_254_000, 0)
			.saturating_add(Weight::from_parts(0, 3727))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Jobs::Params` (r:0 w:1)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	fn set_params() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 10_671_000 picoseconds.
		Weight::from_parts(11_852_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::PausedPrograms` (r:0 w:1)
	/// Proof: `Jobs::PausedPrograms` (`max_values`: None, `max_size`: Some(9), added: 2484, mode: `MaxEncodedLen`)
	fn set_program_paused() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 11_832_000 picoseconds.
		Weight::from_parts(13_315_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::BlockReceipts` (r:1 w:0)
	/// Proof: `Jobs::BlockReceipts` (`max_values`: Some(1), `max_size`: Some(58882), added: 59377, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:1)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:1 w:0)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `70`
		//  Estimated: `60367`
		// Minimum execution time: 13_125_000 picoseconds.
		Weight::from_parts(14_387_000, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:2 w:2)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Declines` (r:1 w:1)
	/// Proof: `Jobs::Declines` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Initialized` (r:1 w:0)
	/// Proof: `Babe::Initialized` (`max_values`: Some(1), `max_size`: Some(110), added: 605, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Authorities` (r:1 w:0)
	/// Proof: `Babe::Authorities` (`max_values`: Some(1), `max_size`: Some(1281), added: 1776, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Randomness` (r:1 w:0)
	/// Proof: `Babe::Randomness` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Babe::CurrentSlot` (r:1 w:0)
	/// Proof: `Babe::CurrentSlot` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Babe::EpochIndex` (r:1 w:0)
	/// Proof: `Babe::EpochIndex` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:1 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:2)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn decline_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4800`
		//  Estimated: `32670`
		// Minimum execution time: 351_038_000 picoseconds.
		Weight::from_parts(395_001_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(24_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	/// Storage: `Babe::Initialized` (r:1 w:0)
	/// Proof: `Babe::Initialized` (`max_values`: Some(1), `max_size`: Some(110), added: 605, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Authorities` (r:1 w:0)
	/// Proof: `Babe::Authorities` (`max_values`: Some(1), `max_size`: Some(1281), added: 1776, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Randomness` (r:1 w:0)
	/// Proof: `Babe::Randomness` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Babe::CurrentSlot` (r:1 w:0)
	/// Proof: `Babe::CurrentSlot` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Babe::EpochIndex` (r:1 w:0)
	/// Proof: `Babe::EpochIndex` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:3 w:0)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:1 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn draw_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3147`
		//  Estimated: `11550`
		// Minimum execution time: 154_690_000 picoseconds.
		Weight::from_parts(177_603_000, 0)
			.saturating_add(Weight::from_parts(0, 11550))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Babe::Initialized` (r:1 w:0)
	/// Proof: `Babe::Initialized` (`max_values`: Some(1), `max_size`: Some(110), added: 605, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Authorities` (r:1 w:0)
	/// Proof: `Babe::Authorities` (`max_values`: Some(1), `max_size`: Some(1281), added: 1776, mode: `MaxEncodedLen`)
	/// Storage: `Babe::Randomness` (r:1 w:0)
	/// Proof: `Babe::Randomness` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Babe::CurrentSlot` (r:1 w:0)
	/// Proof: `Babe::CurrentSlot` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Babe::EpochIndex` (r:1 w:0)
	/// Proof: `Babe::EpochIndex` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:3 w:0)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:2 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:2 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn expire_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4131`
		//  Estimated: `11550`
		// Minimum execution time: 312_927_000 picoseconds.
		Weight::from_parts(343_745_000, 0)
			.saturating_add(Weight::from_parts(0, 11550))
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn accept_timeout() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3907`
		//  Estimated: `32670`
		// Minimum execution time: 272_391_000 picoseconds.
		Weight::from_parts(303_389_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(19_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(88), added: 583, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn proof_timeout() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3907`
		//  Estimated: `32670`
		// Minimum execution time: 277_430_000 picoseconds.
		Weight::from_parts(305_003_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(19_u64))
	}
	/// Storage: `Jobs::BlockReceipts` (r:1 w:1)
	/// Proof: `Jobs::BlockReceipts` (`max_values`: Some(1), `max_size`: Some(58882), added: 59377, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::LastReceiptsRoot` (r:0 w:1)
	/// Proof: `Jobs::LastReceiptsRoot` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 512]`.
	fn settle_receipts(n: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `71 + n * (115 ±0)`
		//  Estimated: `60367`
		// Minimum execution time: 4_919_000 picoseconds.
		Weight::from_parts(10_196_340, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			// Standard Error: 1_183
			.saturating_add(Weight::from_parts(2_055_505, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Receipts` (r:0 w:1)
	/// Proof: `Jobs::Receipts` (`max_values`: None, `max_size`: Some(131), added: 2606, mode: `MaxEncodedLen`)
	fn prune_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `801`
		//  Estimated: `3834`
		// Minimum execution time: 24_747_000 picoseconds.
		Weight::from_parts(28_864_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn submit_job() -> Weight {
		Weight::from_parts(112_652_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(113_583_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn accept_job() -> Weight {
		Weight::from_parts(46_878_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn submit_proof(l: u32, ) -> Weight {
		Weight::from_parts(434_076_664, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(Weight::from_parts(43_743, 0).saturating_mul(l.into()))
			.saturating_add(ParityDbWeight::get().reads(18_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn authorize_accept() -> Weight {
		Weight::from_parts(75_061_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
	fn authorize_proof(l: u32, ) -> Weight {
		Weight::from_parts(76_480_683, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(Weight::from_parts(1_128, 0).saturating_mul(l.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
	fn authorize_resume() -> Weight {
		Weight::from_parts(66_254_000, 0)
			.saturating_add(Weight::from_parts(0, 3727))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
	fn set_params() -> Weight {
		Weight::from_parts(11_852_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_program_paused() -> Weight {
		Weight::from_parts(13_315_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(14_387_000, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn decline_job() -> Weight {
		Weight::from_parts(395_001_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(24_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn draw_job() -> Weight {
		Weight::from_parts(177_603_000, 0)
			.saturating_add(Weight::from_parts(0, 11550))
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn expire_job() -> Weight {
		Weight::from_parts(343_745_000, 0)
			.saturating_add(Weight::from_parts(0, 11550))
			.saturating_add(ParityDbWeight::get().reads(17_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn accept_timeout() -> Weight {
		Weight::from_parts(303_389_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(18_u64))
			.saturating_add(ParityDbWeight::get().writes(19_u64))
	}
	fn proof_timeout() -> Weight {
		Weight::from_parts(305_003_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(18_u64))
			.saturating_add(ParityDbWeight::get().writes(19_u64))
	}
	fn settle_receipts(n: u32, ) -> Weight {
		Weight::from_parts(10_196_340, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(Weight::from_parts(2_055_505, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn prune_job() -> Weight {
		Weight::from_parts(28_864_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
