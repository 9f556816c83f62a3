
//! Weights for `pallet_provers`, generated from its benchmarks by `scripts/benchmark-pallets.sh`.
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
// pallet_provers
// --extrinsic
// *
// --steps
// 10
// --repeat
// 5
// --template
// /work/main/scripts/templates/pallet-weights.hbs
// --output
// /work/main/pallets/provers/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_provers`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn bond_more() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn set_programs() -> Weight;
	fn set_asks() -> Weight;
	fn deregister() -> Weight;
	fn set_params() -> Weight;
	fn resume() -> Weight;
	fn draw(n: u32, a: u32, ) -> Weight;
}

/// Weights for `pallet_provers` measured on the runtime, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::ProverCount` (r:1 w:1)
	/// Proof: `Provers::ProverCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:0 w:1)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2707`
		//  Estimated: `32670`
		// Minimum execution time: 147_918_000 picoseconds.
		Weight::from_parts(157_155_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(14_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2966`
		//  Estimated: `32670`
		// Minimum execution time: 147_647_000 picoseconds.
		Weight::from_parts(155_241_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3073`
		//  Estimated: `32670`
		// Minimum execution time: 92_163_000 picoseconds.
		Weight::from_parts(97_784_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `739`
		//  Estimated: `3834`
		// Minimum execution time: 76_834_000 picoseconds.
		Weight::from_parts(81_663_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:6 w:6)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	fn set_programs() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1588`
		//  Estimated: `22110`
		// Minimum execution time: 62_878_000 picoseconds.
		Weight::from_parts(66_615_000, 0)
			.saturating_add(Weight::from_parts(0, 22110))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	fn set_asks() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `337`
		//  Estimated: `3727`
		// Minimum execution time: 28_163_000 picoseconds.
		Weight::from_parts(30_798_000, 0)
			.saturating_add(Weight::from_parts(0, 3727))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Provers::Provers` (r:2 w:2)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::ProverCount` (r:1 w:1)
	/// Proof: `Provers::ProverCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:1 w:2)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2982`
		//  Estimated: `32670`
		// Minimum execution time: 171_051_000 picoseconds.
		Weight::from_parts(179_096_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(15_u64))
			.saturating_add(T::DbWeight::get().writes(15_u64))
	}
	/// Storage: `Provers::Params` (r:0 w:1)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	fn set_params() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 9_748_000 picoseconds.
		Weight::from_parts(11_061_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:9 w:9)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	fn resume() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1707`
		//  Estimated: `32670`
		// Minimum execution time: 78_187_000 picoseconds.
		Weight::from_parts(82_185_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:12 w:0)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(1045), added: 3520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:8 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:8 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[10, 10000]`.
	/// The range of component `a` is `[1, 8]`.
	fn draw(n: u32, a: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + a * (2972 ±0) + n * (1 ±0)`
		//  Estimated: `11550 + a * (2573 ±180) + n * (1 ±0)`
		// Minimum execution time: 104_647_000 picoseconds.
		Weight::from_parts(107_842_000, 0)
			.saturating_add(Weight::from_parts(0, 11550))
			// Standard Error: 1_739
			.saturating_add(Weight::from_parts(8_863, 0).saturating_mul(n.into()))
			// Standard Error: 2_180_490
			.saturating_add(Weight::from_parts(29_418_344, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(a.into())))
			.saturating_add(Weight::from_parts(0, 2573).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(n.into()))
	}
}

/// The same weights with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(157_155_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(14_u64))
			.saturating_add(ParityDbWeight::get().writes(14_u64))
	}
	fn bond_more() -> Weight {
		Weight::from_parts(155_241_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(12_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(97_784_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(11_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(81_663_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn set_programs() -> Weight {
		Weight::from_parts(66_615_000, 0)
			.saturating_add(Weight::from_parts(0, 22110))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn set_asks() -> Weight {
		Weight::from_parts(30_798_000, 0)
			.saturating_add(Weight::from_parts(0, 3727))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn deregister() -> Weight {
		Weight::from_parts(179_096_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(15_u64))
			.saturating_add(ParityDbWeight::get().writes(15_u64))
	}
	fn set_params() -> Weight {
		Weight::from_parts(11_061_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(82_185_000, 0)
			.saturating_add(Weight::from_parts(0, 32670))
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn draw(n: u32, a: u32, ) -> Weight {
		Weight::from_parts(107_842_000, 0)
			.saturating_add(Weight::from_parts(0, 11550))
			.saturating_add(Weight::from_parts(8_863, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(29_418_344, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().reads((2_u64).saturating_mul(a.into())))
			.saturating_add(Weight::from_parts(0, 2573).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(n.into()))
	}
}
