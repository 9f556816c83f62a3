#!/usr/bin/env bash
# Fuzzing what anyone can send to the chain (fuzz/, the sortition-fuzz binary): proof decoding
# and verification (every program, both levels), SCALE decoding of every call of the provers
# and jobs pallets and of whole signed transactions (validated as the pool does), and
# jobs.submit_job / jobs.submit_proof applied to a block of the development chain with every
# pallet's try_state after each. A panic or a broken property fails the run, shrunk to a
# minimal input, with the seed that repeats it.
#
#   scripts/fuzz.sh [EXECUTIONS] [--seed N] [--only TARGET,...] [--threads N]
#
# EXECUTIONS (default 10,000,000) are split between the targets (see fuzz/src/main.rs); the
# test command runs a short run. The runtime is built natively with try-runtime (no wasm).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages
install_rust_targets

log "building the fuzzer (the runtime natively, with try-runtime)"
cd "$ROOT"
SKIP_WASM_BUILD=1 cargo build --release --locked -p sortition-fuzz

log "fuzzing"
if [ $# -eq 0 ] || [[ "$1" == --* ]]; then
	set -- 10000000 "$@"
fi
"$CARGO_TARGET_DIR/release/sortition-fuzz" "$@"
