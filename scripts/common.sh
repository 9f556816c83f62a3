#!/usr/bin/env bash
# Shared by the README's two commands (`scripts/dev.sh`, `scripts/test.sh`) and CI: installs what
# a fresh Debian machine lacks, and builds the workspace once, in one profile, into one target
# directory that every later build and test reuses.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Build output lives outside the clone so a fresh clone (CI) reuses an earlier build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/sortition-target}"
NODE_BIN="$CARGO_TARGET_DIR/release/sortition-node"

log() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%T)" "$*" >&2; }

# Debian packages: protoc for litep2p, pkg-config + OpenSSL headers for a few -sys crates, and
# Node.js/npm for the end-to-end tests (`with-node`), and Chromium for the dashboard's browser
# tests (`with-browser`). Only installs what is missing.
install_system_packages() {
	local missing=()
	command -v protoc >/dev/null || missing+=(protobuf-compiler)
	command -v pkg-config >/dev/null || missing+=(pkg-config)
	dpkg -s libssl-dev >/dev/null 2>&1 || missing+=(libssl-dev)
	command -v cc >/dev/null || missing+=(build-essential)
	command -v git >/dev/null || missing+=(git)
	local with="${1:-}"
	if [ "$with" = with-node ] || [ "$with" = with-browser ]; then
		command -v node >/dev/null || missing+=(nodejs)
		command -v npm >/dev/null || missing+=(npm)
	fi
	# The dashboard's browser tests drive Debian's Chromium (with playwright-core).
	if [ "$with" = with-browser ]; then
		command -v chromium >/dev/null || missing+=(chromium)
	fi
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing Debian packages: ${missing[*]}"
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# The Rust toolchain pieces the wasm runtime needs.
install_rust_targets() {
	if ! command -v rustup >/dev/null; then
		echo "rustup is required: see https://rustup.rs" >&2
		exit 1
	fi
	local installed
	installed="$(rustup target list --installed)"
	for target in wasm32v1-none wasm32-unknown-unknown; do
		grep -qx "$target" <<<"$installed" || rustup target add "$target"
	done
	rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
}

# The one build of the node (and the runtime's wasm): `--release`, the same profile the tests use.
build_node() {
	log "building sortition-node (release) into $CARGO_TARGET_DIR"
	(cd "$ROOT" && cargo build --release --locked -p sortition-node)
}

# "The next release" for the runtime-upgrade tests: this runtime built with the `upgrade-test`
# feature (spec_version + 1). Its own target directory, because the two builds of the runtime's
# wasm would otherwise overwrite each other's; and it is kept by a hash of the runtime's sources
# (runtime, pallets, primitives, the lockfile), so it is rebuilt only when they change. Exports
# SORTITION_UPGRADE_WASM, the compressed wasm the tests upgrade to.
UPGRADE_TARGET_DIR="${SORTITION_UPGRADE_TARGET_DIR:-$HOME/.cache/sortition-upgrade-target}"
UPGRADE_CACHE="$HOME/.cache/sortition-upgrade"
build_upgrade_runtime() {
	local hash
	hash="$(cd "$ROOT" && {
		cat Cargo.lock Cargo.toml
		find runtime pallets primitives -type f \( -name '*.rs' -o -name 'Cargo.toml' \) | LC_ALL=C sort | xargs cat
	} | sha256sum | cut -c1-16)"
	SORTITION_UPGRADE_WASM="$UPGRADE_CACHE/sortition-runtime-next-$hash.compact.compressed.wasm"
	if [ ! -f "$SORTITION_UPGRADE_WASM" ]; then
		log "building the next runtime (spec_version + 1) for the upgrade tests into $UPGRADE_TARGET_DIR"
		(cd "$ROOT" && CARGO_TARGET_DIR="$UPGRADE_TARGET_DIR" cargo build --release --locked \
			-p sortition-runtime --features upgrade-test)
		mkdir -p "$UPGRADE_CACHE"
		find "$UPGRADE_CACHE" -name 'sortition-runtime-next-*' -delete
		cp "$UPGRADE_TARGET_DIR/release/wbuild/sortition-runtime/sortition_runtime.compact.compressed.wasm" \
			"$SORTITION_UPGRADE_WASM"
	fi
	export SORTITION_UPGRADE_WASM
}

# npm packages (@polkadot/api) of the end-to-end tests, the command-line client
# (`scripts/sortition`) and the dashboard, each from its lockfile.
install_npm_packages() {
	log "installing the npm packages of the end-to-end tests, the command-line client and the dashboard"
	(cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)
	(cd "$ROOT/scripts/cli" && npm ci --no-audit --no-fund --loglevel=error)
	(cd "$ROOT/dashboard" && npm ci --no-audit --no-fund --loglevel=error)
}

# The dashboard's static files in dashboard/dist/, with the STARK verifier compiled to wasm.
build_dashboard() {
	log "building the verifier for JavaScript (wasm32-unknown-unknown) and the dashboard (Vite)"
	(cd "$ROOT" && cargo build --release --locked -p sortition-verifier-wasm --target wasm32-unknown-unknown)
	[ -d "$ROOT/dashboard/node_modules/vite" ] || (cd "$ROOT/dashboard" && npm ci --no-audit --no-fund --loglevel=error)
	(cd "$ROOT/dashboard" && npx vite build --logLevel warn)
}
