//! Weights of the polkadot-sdk pallets this runtime benchmarks itself (`scripts/benchmark-pallets.sh`;
//! Sortition's own pallets keep theirs in their crates).

pub mod pallet_mmr;
