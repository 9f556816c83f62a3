#!/usr/bin/env bash
# A burst of jobs on a running chain (default: 1,000 fibonacci jobs of 2^10 steps on the dev
# chain at ws://127.0.0.1:9944), followed until every job has ended: latency in blocks,
# proofs verified per block, jobs lost, prover failures. See scripts/cli/load.mjs for options
# (--url, --jobs, --program, --steps, --fee, --funder, --no-wait).
set -euo pipefail
CLI="$(cd "$(dirname "${BASH_SOURCE[0]}")/cli" && pwd)"
if [ ! -d "$CLI/node_modules/@polkadot/api" ]; then
	(cd "$CLI" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
exec node "$CLI/load.mjs" "$@"
