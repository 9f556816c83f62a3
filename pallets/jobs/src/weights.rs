
//! Weights for `pallet_jobs`, generated from its benchmarks by `scripts/benchmark-pallets.sh`.
//!
//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-02, STEPS: `10`, REPEAT: `5`, LOW RANGE: `[]`, HIGH RANGE: `[]`
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
// scripts/templates/pallet-weights.hbs
// --output
// pallets/jobs/src/weights.rs

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
	fn set_params() -> Weight;
	fn set_program_paused() -> Weight;
	fn on_initialize_idle() -> Weight;
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
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
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
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:1)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn submit_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `919`
		//  Estimated: `4027`
		// Minimum execution time: 133_600_000 picoseconds.
		Weight::from_parts(237_215_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
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
		//  Measured:  `1568`
		//  Estimated: `4027`
		// Minimum execution time: 133_671_000 picoseconds.
		Weight::from_parts(247_124_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn accept_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `846`
		//  Estimated: `3814`
		// Minimum execution time: 55_635_000 picoseconds.
		Weight::from_parts(104_165_000, 0)
			.saturating_add(Weight::from_parts(0, 3814))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::BlockReceipts` (r:1 w:1)
	/// Proof: `Jobs::BlockReceipts` (`max_values`: Some(1), `max_size`: Some(58882), added: 59377, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
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
		//  Measured:  `2177`
		//  Estimated: `60367`
		// Minimum execution time: 1_770_902_000 picoseconds.
		Weight::from_parts(732_219_676, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			// Standard Error: 1_959
			.saturating_add(Weight::from_parts(75_057, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `Jobs::Params` (r:0 w:1)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
	fn set_params() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 11_101_000 picoseconds.
		Weight::from_parts(21_751_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::PausedPrograms` (r:0 w:1)
	/// Proof: `Jobs::PausedPrograms` (`max_values`: None, `max_size`: Some(9), added: 2484, mode: `MaxEncodedLen`)
	fn set_program_paused() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 13_004_000 picoseconds.
		Weight::from_parts(24_386_000, 0)
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
		// Minimum execution time: 14_137_000 picoseconds.
		Weight::from_parts(22_963_000, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Proof: `Babe::AuthorVrfRandomness` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:15 w:0)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:1 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn draw_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1285`
		//  Estimated: `38670`
		// Minimum execution time: 143_008_000 picoseconds.
		Weight::from_parts(239_229_000, 0)
			.saturating_add(Weight::from_parts(0, 38670))
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Proof: `Babe::AuthorVrfRandomness` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:15 w:0)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:1 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:0)
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
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn expire_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2106`
		//  Estimated: `38670`
		// Minimum execution time: 490_701_000 picoseconds.
		Weight::from_parts(886_513_000, 0)
			.saturating_add(Weight::from_parts(0, 38670))
			.saturating_add(T::DbWeight::get().reads(23_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:42 w:42)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn accept_timeout() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2697`
		//  Estimated: `106494`
		// Minimum execution time: 409_649_000 picoseconds.
		Weight::from_parts(728_586_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(T::DbWeight::get().reads(51_u64))
			.saturating_add(T::DbWeight::get().writes(52_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:42 w:42)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Params` (r:1 w:0)
	/// Proof: `Jobs::Params` (`max_values`: Some(1), `max_size`: Some(60), added: 555, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::RequesterJobs` (r:1 w:1)
	/// Proof: `Jobs::RequesterJobs` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::DeadlineCursor` (r:1 w:0)
	/// Proof: `Jobs::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::ProverJobs` (r:0 w:1)
	/// Proof: `Jobs::ProverJobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Jobs` (r:0 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Deadlines` (r:0 w:2)
	/// Proof: `Jobs::Deadlines` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn proof_timeout() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2697`
		//  Estimated: `106494`
		// Minimum execution time: 403_257_000 picoseconds.
		Weight::from_parts(752_291_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(T::DbWeight::get().reads(51_u64))
			.saturating_add(T::DbWeight::get().writes(52_u64))
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
		// Minimum execution time: 5_420_000 picoseconds.
		Weight::from_parts(15_384_165, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			// Standard Error: 6_519
			.saturating_add(Weight::from_parts(3_446_242, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Jobs::Jobs` (r:1 w:1)
	/// Proof: `Jobs::Jobs` (`max_values`: None, `max_size`: Some(349), added: 2824, mode: `MaxEncodedLen`)
	/// Storage: `Jobs::Receipts` (r:0 w:1)
	/// Proof: `Jobs::Receipts` (`max_values`: None, `max_size`: Some(131), added: 2606, mode: `MaxEncodedLen`)
	fn prune_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `781`
		//  Estimated: `3814`
		// Minimum execution time: 33_703_000 picoseconds.
		Weight::from_parts(64_471_000, 0)
			.saturating_add(Weight::from_parts(0, 3814))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn submit_job() -> Weight {
		Weight::from_parts(237_215_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(247_124_000, 0)
			.saturating_add(Weight::from_parts(0, 4027))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn accept_job() -> Weight {
		Weight::from_parts(104_165_000, 0)
			.saturating_add(Weight::from_parts(0, 3814))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn submit_proof(l: u32, ) -> Weight {
		Weight::from_parts(732_219_676, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(Weight::from_parts(75_057, 0).saturating_mul(l.into()))
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(11_u64))
	}
	fn set_params() -> Weight {
		Weight::from_parts(21_751_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_program_paused() -> Weight {
		Weight::from_parts(24_386_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(22_963_000, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn draw_job() -> Weight {
		Weight::from_parts(239_229_000, 0)
			.saturating_add(Weight::from_parts(0, 38670))
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn expire_job() -> Weight {
		Weight::from_parts(886_513_000, 0)
			.saturating_add(Weight::from_parts(0, 38670))
			.saturating_add(ParityDbWeight::get().reads(23_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn accept_timeout() -> Weight {
		Weight::from_parts(728_586_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(ParityDbWeight::get().reads(51_u64))
			.saturating_add(ParityDbWeight::get().writes(52_u64))
	}
	fn proof_timeout() -> Weight {
		Weight::from_parts(752_291_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(ParityDbWeight::get().reads(51_u64))
			.saturating_add(ParityDbWeight::get().writes(52_u64))
	}
	fn settle_receipts(n: u32, ) -> Weight {
		Weight::from_parts(15_384_165, 0)
			.saturating_add(Weight::from_parts(0, 60367))
			.saturating_add(Weight::from_parts(3_446_242, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn prune_job() -> Weight {
		Weight::from_parts(64_471_000, 0)
			.saturating_add(Weight::from_parts(0, 3814))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
