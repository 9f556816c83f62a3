#!/usr/bin/env bash
# The zombienet tests (zombienet/*.zndsl, native provider, our sortition-node): each network is
# spawned, tested and torn down in turn. `scripts/zombienet.sh` runs them all (the README's test
# command does); `scripts/zombienet.sh zombienet/0001-separate.zndsl` runs one.
#
# Every node a test starts is killed when it ends, passed or failed, and on Ctrl-C: the nodes
# are found by their base path, which lies in the run's own directory.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ZOMBIENET_DIR="$ROOT/zombienet"
if [ ! -x "$NODE_BIN" ]; then build_node; fi

tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=("$ZOMBIENET_DIR"/*.zndsl)

# The runtime the upgrade test applies (built once per change of the runtime's sources), if a
# test upgrades.
if grep -q upgrade.js "${tests[@]}"; then build_upgrade_runtime; fi
if [ ! -x "$ZOMBIENET_DIR/node_modules/.bin/zombienet" ]; then
	log "installing zombienet (npm)"
	(cd "$ZOMBIENET_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

RUN_DIR=""
ZOMBIENET_PID=""
# Kill what a run left: zombienet (its process group) and any node under the run's directory.
cleanup() {
	[ -n "$ZOMBIENET_PID" ] && kill -TERM -- "-$ZOMBIENET_PID" 2>/dev/null || true
	if [ -n "$RUN_DIR" ]; then
		pkill -KILL -f -- "$RUN_DIR" 2>/dev/null || true
	fi
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

passed=0
failed=0
for test in "${tests[@]}"; do
	name="$(basename "$test" .zndsl)"
	RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/sortition-zombienet-$name.XXXXXX")"
	log "zombienet: $name (nodes' logs in $RUN_DIR/network)"
	set +e
	# Its own session and process group, so that cleanup reaches everything it started.
	SORTITION_NODE="$NODE_BIN" SORTITION_ZOMBIENET="$ZOMBIENET_DIR" setsid "$ZOMBIENET_DIR/node_modules/.bin/zombienet" \
		-p native -l text -d "$RUN_DIR/network" test "$(cd "$(dirname "$test")" && pwd)/$(basename "$test")" \
		> >(grep --line-buffered -v -e 'API/INIT' -e 'REGISTRY: Unknown signed extensions') 2>&1 &
	ZOMBIENET_PID=$!
	wait "$ZOMBIENET_PID"
	code=$?
	set -e
	cleanup
	ZOMBIENET_PID=""
	if pgrep -f -- "$RUN_DIR" >/dev/null; then
		echo "error: processes of $name outlived it:" >&2
		pgrep -af -- "$RUN_DIR" >&2
		code=1
	fi
	if [ "$code" -eq 0 ]; then
		passed=$((passed + 1))
		log "zombienet: $name passed"
		rm -rf "$RUN_DIR"
	else
		failed=$((failed + 1))
		log "zombienet: $name FAILED (exit $code; logs kept in $RUN_DIR)"
		# So that the failure explains itself: the end of every node's log.
		for node_log in "$RUN_DIR"/network/*.log; do
			[ -f "$node_log" ] || continue
			echo "--- the last 60 lines of $(basename "$node_log" .log)'s log ---"
			tail -n 60 "$node_log"
		done
	fi
	RUN_DIR=""
done
log "zombienet: every test run"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
