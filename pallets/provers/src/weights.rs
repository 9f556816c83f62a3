
//! Weights for `pallet_provers`, generated from its benchmarks by `scripts/benchmark-pallets.sh`.
//!
//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-25, STEPS: `10`, REPEAT: `5`, LOW RANGE: `[]`, HIGH RANGE: `[]`
//! WORST CASE MAP SIZE: `1000000`
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
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
// scripts/templates/pallet-weights.hbs
// --output
// pallets/provers/src/weights.rs

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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:42 w:42)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:0 w:1)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1497`
		//  Estimated: `106494`
		// Minimum execution time: 173_954_000 picoseconds.
		Weight::from_parts(185_272_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(T::DbWeight::get().reads(47_u64))
			.saturating_add(T::DbWeight::get().writes(47_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:42 w:42)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1756`
		//  Estimated: `106494`
		// Minimum execution time: 174_305_000 picoseconds.
		Weight::from_parts(185_079_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(T::DbWeight::get().reads(45_u64))
			.saturating_add(T::DbWeight::get().writes(45_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:42 w:42)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1863`
		//  Estimated: `106494`
		// Minimum execution time: 140_387_000 picoseconds.
		Weight::from_parts(149_732_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(T::DbWeight::get().reads(45_u64))
			.saturating_add(T::DbWeight::get().writes(44_u64))
	}
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `739`
		//  Estimated: `3834`
		// Minimum execution time: 46_798_000 picoseconds.
		Weight::from_parts(51_340_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:28 w:28)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	fn set_programs() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1153`
		//  Estimated: `71326`
		// Minimum execution time: 97_096_000 picoseconds.
		Weight::from_parts(104_181_000, 0)
			.saturating_add(Weight::from_parts(0, 71326))
			.saturating_add(T::DbWeight::get().reads(29_u64))
			.saturating_add(T::DbWeight::get().writes(29_u64))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	fn set_asks() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `337`
		//  Estimated: `3727`
		// Minimum execution time: 15_668_000 picoseconds.
		Weight::from_parts(17_459_000, 0)
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
	/// Storage: `Provers::DrawTree` (r:45 w:45)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::ProverCount` (r:1 w:1)
	/// Proof: `Provers::ProverCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:1 w:2)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1865`
		//  Estimated: `114030`
		// Minimum execution time: 277_121_000 picoseconds.
		Weight::from_parts(295_666_000, 0)
			.saturating_add(Weight::from_parts(0, 114030))
			.saturating_add(T::DbWeight::get().reads(51_u64))
			.saturating_add(T::DbWeight::get().writes(51_u64))
	}
	/// Storage: `Provers::Params` (r:0 w:1)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	fn set_params() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 4_994_000 picoseconds.
		Weight::from_parts(5_675_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Provers::Params` (r:1 w:0)
	/// Proof: `Provers::Params` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::DrawTree` (r:87 w:0)
	/// Proof: `Provers::DrawTree` (`max_values`: None, `max_size`: Some(37), added: 2512, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Slots` (r:8 w:0)
	/// Proof: `Provers::Slots` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:8 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(262), added: 2737, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[10, 10000]`.
	fn draw(n: u32, _a: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `24418 + n * (4 ±0)`
		//  Estimated: `118567 + n * (12 ±0)`
		// Minimum execution time: 246_476_000 picoseconds.
		Weight::from_parts(462_081_642, 0)
			.saturating_add(Weight::from_parts(0, 118567))
			// Standard Error: 6_934
			.saturating_add(Weight::from_parts(135_026, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(60_u64))
			.saturating_add(Weight::from_parts(0, 12).saturating_mul(n.into()))
	}
}

/// The same weights with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(185_272_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(ParityDbWeight::get().reads(47_u64))
			.saturating_add(ParityDbWeight::get().writes(47_u64))
	}
	fn bond_more() -> Weight {
		Weight::from_parts(185_079_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(ParityDbWeight::get().reads(45_u64))
			.saturating_add(ParityDbWeight::get().writes(45_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(149_732_000, 0)
			.saturating_add(Weight::from_parts(0, 106494))
			.saturating_add(ParityDbWeight::get().reads(45_u64))
			.saturating_add(ParityDbWeight::get().writes(44_u64))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(51_340_000, 0)
			.saturating_add(Weight::from_parts(0, 3834))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn set_programs() -> Weight {
		Weight::from_parts(104_181_000, 0)
			.saturating_add(Weight::from_parts(0, 71326))
			.saturating_add(ParityDbWeight::get().reads(29_u64))
			.saturating_add(ParityDbWeight::get().writes(29_u64))
	}
	fn set_asks() -> Weight {
		Weight::from_parts(17_459_000, 0)
			.saturating_add(Weight::from_parts(0, 3727))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn deregister() -> Weight {
		Weight::from_parts(295_666_000, 0)
			.saturating_add(Weight::from_parts(0, 114030))
			.saturating_add(ParityDbWeight::get().reads(51_u64))
			.saturating_add(ParityDbWeight::get().writes(51_u64))
	}
	fn set_params() -> Weight {
		Weight::from_parts(5_675_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn draw(n: u32, _a: u32, ) -> Weight {
		Weight::from_parts(462_081_642, 0)
			.saturating_add(Weight::from_parts(0, 118567))
			.saturating_add(Weight::from_parts(135_026, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(60_u64))
			.saturating_add(Weight::from_parts(0, 12).saturating_mul(n.into()))
	}
}
