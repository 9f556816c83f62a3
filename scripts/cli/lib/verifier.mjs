// The runtime's STARK verifier in JavaScript: the wasm module that
// `primitives/verifier-wasm` compiles to (the same `sortition_programs::verify` the chain runs
// in `submit_proof`). Standard `WebAssembly` only, so the same lines work in a browser (with
// `fetch` for the bytes). No imports: the end-to-end tests use this file too.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * Instantiate the module from its bytes; returns `verify(text)`, which checks a proof file
 * (its JSON text) and resolves `{ status: 'valid' | 'invalid' | 'malformed', reason?, message? }`.
 */
export async function loadVerifier (bytes = readFileSync(buildVerifier())) {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const wasm = instance.exports;
  return (text) => {
    const input = new TextEncoder().encode(text);
    const ptr = wasm.sortition_input(input.length);
    new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
    wasm.sortition_verify();
    const output = new Uint8Array(wasm.memory.buffer, wasm.sortition_output_ptr(), wasm.sortition_output_len());
    return JSON.parse(new TextDecoder().decode(output));
  };
}
