#!/usr/bin/env bash
# Benchmarks of the STARK programs (criterion): prove and verify every program at 2^10 .. 2^20
# steps at both security levels on all cores, then the same proofs at 2^16 steps on one core, and
# prints a Markdown table (times, proof sizes, the all-cores speed-up).
#
#   scripts/bench-programs.sh            # everything (about an hour on 2 cores)
#   MAX_LOG2=16 scripts/bench-programs.sh  # stop at 2^16 steps
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MAX_LOG2="${MAX_LOG2:-20}"
OUT="$CARGO_TARGET_DIR/sortition-bench"
mkdir -p "$OUT"
cd "$ROOT"

log "criterion: prove + verify on all cores ($(nproc) threads), up to 2^$MAX_LOG2 steps"
SORTITION_BENCH_MAX_LOG2="$MAX_LOG2" cargo bench --locked -p sortition-programs --features prover \
	--bench programs -- --save-baseline all-cores | tee "$OUT/all-cores.log"

log "criterion: prove on one core at 2^16 steps (RAYON_NUM_THREADS=1)"
RAYON_NUM_THREADS=1 SORTITION_BENCH_MAX_LOG2=16 cargo bench --locked -p sortition-programs \
	--features prover --bench programs -- --save-baseline one-thread '^prove/.*/2\^16$' \
	| tee "$OUT/one-thread.log"

python3 "$ROOT/scripts/bench-report.py" "$CARGO_TARGET_DIR/criterion" "$OUT/all-cores.log" \
	| tee "$OUT/report.md"
log "report written to $OUT/report.md"
