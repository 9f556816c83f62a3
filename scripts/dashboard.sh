#!/usr/bin/env bash
# The market dashboard (dashboard/): build it (with the runtime's verifier compiled to wasm, for
# "verify in this browser") and serve the static files, printing the page's address.
#
#   scripts/dashboard.sh [--port PORT] [--rpc ws://HOST:PORT]   build, then serve on PORT (8080)
#   scripts/dashboard.sh --build                                build dashboard/dist/ only
#
# The page talks to the node straight from the browser (default ws://127.0.0.1:9944, changed in
# the page or with --rpc); the dev chain (scripts/dev.sh) accepts it (--rpc-cors all).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

port=8080
rpc=""
serve=1
while [ $# -gt 0 ]; do
	case "$1" in
	--port) port="$2"; shift 2 ;;
	--rpc) rpc="$2"; shift 2 ;;
	--build) serve=0; shift ;;
	-h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "error: unknown argument '$1' (see: scripts/dashboard.sh --help)" >&2; exit 2 ;;
	esac
done

install_system_packages with-node
install_rust_targets
build_dashboard

if [ "$serve" = 1 ]; then
	url="http://127.0.0.1:$port/${rpc:+?rpc=$rpc}"
	log "serving the dashboard at $url (Ctrl-C stops it)"
	cd "$ROOT/dashboard"
	exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
fi
