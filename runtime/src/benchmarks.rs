//! The pallets benchmarked in this runtime (`sortition-node benchmark pallet`, built with
//! `--features runtime-benchmarks`).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_provers, Provers]
	[pallet_jobs, Jobs]
	[pallet_mmr, Mmr]
);
