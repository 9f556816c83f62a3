// The runtime's STARK verifier for Node.js: finds (or builds) the wasm module that
// `primitives/verifier-wasm` compiles to and instantiates it with `verifier-core.mjs`, which the
// dashboard uses in the browser. No npm imports: the end-to-end tests use this file too.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { instantiateVerifier } from './verifier-core.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TARGET = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/sortition-target');

/** Where the module is built: `$SORTITION_VERIFIER_WASM`, or cargo's output for the target. */
export const VERIFIER_WASM = process.env.SORTITION_VERIFIER_WASM ??
  join(TARGET, 'wasm32-unknown-unknown/release/sortition_verifier_wasm.wasm');

/** Build the module with cargo if it is not there yet (once: about a minute). */
export function buildVerifier ({ quiet = false } = {}) {
  if (existsSync(VERIFIER_WASM)) return VERIFIER_WASM;
  if (!quiet) console.error('==> building the verifier (wasm, once): cargo build -p sortition-verifier-wasm');
  execFileSync('cargo', ['build', '--release', '--locked', '-p', 'sortition-verifier-wasm', '--target', 'wasm32-unknown-unknown'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', quiet ? 'ignore' : 'inherit'], env: { ...process.env, CARGO_TARGET_DIR: TARGET } });
  return VERIFIER_WASM;
}

/**
 * The verifier from the module's bytes (by default the built module's): `verify(text)` checks a
 * proof file's JSON text (see `verifier-core.mjs`).
 */
export function loadVerifier (bytes = readFileSync(buildVerifier())) {
  return instantiateVerifier(bytes);
}
