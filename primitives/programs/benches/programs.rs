//! Prove and verify every program at 2^10 .. 2^20 steps, at both security levels.
//!
//! `cargo bench -p sortition-programs --features prover`; `SORTITION_BENCH_MAX_LOG2=16` stops at
//! 2^16 steps, `RAYON_NUM_THREADS=1` proves on one core (for the 1-thread vs all-cores ratio:
//! `scripts/bench-programs.sh` runs both), `SORTITION_BENCH_ONLY=mimc-vdf` runs one program (or
//! `program/level`). Proof sizes are printed as `proof-size <id> <bytes>`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use sortition_programs::{prove, verify, Inputs, Program, ProverId, SecurityLevel};
use std::time::Duration;

const SIZES_LOG2: [u32; 5] = [10, 14, 16, 18, 20];
/// The prover every proof is bound to.
const PROVER: ProverId = [7; 32];

fn programs(c: &mut Criterion) {
	let max_log2 = std::env::var("SORTITION_BENCH_MAX_LOG2")
		.ok()
		.and_then(|v| v.parse::<u32>().ok())
		.unwrap_or(20);
	// `SORTITION_BENCH_ONLY=mimc-vdf/128` runs only the groups whose `program/level` contains it.
	let only = std::env::var("SORTITION_BENCH_ONLY").unwrap_or_default();
	for program in Program::ALL {
		for level in SecurityLevel::ALL {
			if !format!("{}/{}", program.name(), level.bits()).contains(&only) {
				continue;
			}
			let mut prove_group =
				c.benchmark_group(format!("prove/{}/{}", program.name(), level.bits()));
			prove_group
				.sample_size(10)
				.warm_up_time(Duration::from_millis(1))
				.measurement_time(Duration::from_secs(1));
			let mut proofs = Vec::new();
			for log2 in SIZES_LOG2.into_iter().filter(|l| *l <= max_log2) {
				let inputs = Inputs::sample(program, 1 << log2);
				prove_group.bench_with_input(
					BenchmarkId::from_parameter(format!("2^{log2}")),
					&inputs,
					|b, inputs| b.iter(|| prove(inputs, level, &PROVER).expect("valid inputs")),
				);
				let (output, proof) = prove(&inputs, level, &PROVER).expect("valid inputs");
				println!("proof-size {}/{}/2^{log2} {}", program.name(), level.bits(), proof.len());
				proofs.push((log2, inputs, output, proof));
			}
			prove_group.finish();

			let mut verify_group =
				c.benchmark_group(format!("verify/{}/{}", program.name(), level.bits()));
			verify_group
				.sample_size(50)
				.warm_up_time(Duration::from_millis(100))
				.measurement_time(Duration::from_secs(1));
			for (log2, inputs, output, proof) in &proofs {
				verify_group.bench_with_input(
					BenchmarkId::from_parameter(format!("2^{log2}")),
					&(),
					|b, _| {
						b.iter(|| {
							verify(inputs, output, proof, level, &PROVER).expect("valid proof")
						})
					},
				);
			}
			verify_group.finish();
		}
	}
}

criterion_group!(benches, programs);
criterion_main!(benches);
