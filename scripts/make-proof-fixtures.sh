#!/usr/bin/env bash
# Write the proof fixtures the jobs pallet's benchmarks verify (pallets/jobs/fixtures/): every
# program at both security levels and 2^10, 2^14, 2^16, 2^18 and 2^20 steps, proven with the
# programs crate. A few minutes on two cores; rerun when a program's AIR or proof options change.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cd "$ROOT"
cargo run --release --locked -p sortition-programs --features prover --example prove -- \
	--fixtures "$ROOT/pallets/jobs/fixtures"
