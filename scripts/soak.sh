#!/usr/bin/env bash
# The soak: `scripts/soak.sh [MINUTES] [--seed N]` runs zombienet/soak/soak.zndsl, a network of
# three validators and three prover nodes (zombienet/separate.json, native provider), under a
# steady stream of jobs with waves (every program, 2^10 to 2^16 steps, both security levels,
# three requesters) while seeded random faults hit it: a prover node killed (often mid-proof)
# and restarted, a prover node paused, a validator restarted. Then every job must have ended and
# every coin must be accounted for; prover CPU per verified job (against one proof of each),
# memory and disk are printed. What it checks: zombienet/scripts/soak.js.
#
# MINUTES (default 60) is how long jobs come and faults happen; draining and the checks take a
# few minutes more. The seed (random if not given) is printed: the same seed repeats the jobs and
# the faults. The test command runs a short one (scripts/test.sh).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

minutes=60
seed=""
while [ $# -gt 0 ]; do
	case "$1" in
	--seed)
		seed="${2:?--seed takes a number}"
		shift 2
		;;
	*[!0-9]* | "")
		echo "usage: scripts/soak.sh [MINUTES] [--seed N]" >&2
		exit 2
		;;
	*)
		minutes="$1"
		shift
		;;
	esac
done
[ -n "$seed" ] || seed=$((RANDOM * 32768 + RANDOM))

if [ ! -x "$NODE_BIN" ]; then build_node; fi
log "the prove example (the soak's reference: one proof of each kind of job)"
(cd "$ROOT" && cargo build --release --locked -p sortition-programs --features prover --example prove)

report="${TMPDIR:-/tmp}/sortition-soak-$seed.json"
log "soak: $minutes minutes, seed $seed (scripts/soak.sh $minutes --seed $seed repeats it); every figure in $report at the end"
SOAK_MINUTES="$minutes" SOAK_SEED="$seed" SOAK_REPORT="$report" exec "$ROOT/scripts/zombienet.sh" "$ROOT/zombienet/soak/soak.zndsl"
