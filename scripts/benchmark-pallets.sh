#!/usr/bin/env bash
# Run the runtime's pallet benchmarks (in the wasm runtime, as on chain) and regenerate each
# Sortition pallet's `weights.rs` from them.
#
#   scripts/benchmark-pallets.sh                 # Sortition's pallets and pallet_mmr
#   PALLETS=pallet_jobs STEPS=10 REPEAT=5 scripts/benchmark-pallets.sh
#
# Extra arguments go to `benchmark pallet` (e.g. `--json-file out.json` for the raw timings).
#
# Needs the node built with `--features runtime-benchmarks` (this script builds it: a second,
# larger build, which the everyday build and the tests do not pay for).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PALLETS="${PALLETS:-pallet_provers pallet_jobs pallet_mmr}"
STEPS="${STEPS:-10}"
REPEAT="${REPEAT:-5}"

install_system_packages without-node
install_rust_targets
log "building sortition-node with runtime-benchmarks"
(cd "$ROOT" && cargo build --release --locked -p sortition-node --features runtime-benchmarks)

for pallet in $PALLETS; do
	case "$pallet" in
	# Sortition's pallets: `weights.rs` with its `WeightInfo` trait, from our template.
	pallet_provers | pallet_jobs)
		output="$ROOT/pallets/${pallet#pallet_}/src/weights.rs"
		template=(--template "$ROOT/scripts/templates/pallet-weights.hbs")
		;;
	# polkadot-sdk's pallets: the runtime's impl of their `WeightInfo` (the CLI's own template).
	*)
		mkdir -p "$ROOT/runtime/src/weights"
		output="$ROOT/runtime/src/weights/$pallet.rs"
		template=()
		;;
	esac
	log "benchmarking $pallet (steps $STEPS, repeat $REPEAT) -> ${output#"$ROOT"/}"
	"$NODE_BIN" benchmark pallet \
		--chain dev \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		"${template[@]}" \
		--output "$output" \
		"$@"
done
