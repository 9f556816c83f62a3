// Prove a job with the programs crate outside the node (its `prove` example), as a prover would.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';

/** The `prove` example binary: `$SORTITION_PROVE`, else the release build in `$CARGO_TARGET_DIR`. */
export const PROVE_BIN =
  process.env.SORTITION_PROVE ??
  join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/sortition-target'), 'release/examples/prove');

/**
 * Prove `program` (`fibonacci`, `rescue-chain`, `mimc-vdf`) at `steps` and `bits` (96 or 128)
 * with the sample seeds, bound to the prover `address` (an SS58 address; the proof verifies for
 * that account only; none: bound to zeros, for timing). Returns `{ inputs, security, output,
 * proof, proofSize, provingMs }`, `inputs` and `output` in the JSON form @polkadot/api takes,
 * `proof` in hex.
 */
export function prove (program, steps, bits, address) {
  const prover = address ? ['--prover', u8aToHex(decodeAddress(address))] : [];
  const out = execFileSync(PROVE_BIN, [...prover, program, String(steps), String(bits)], { encoding: 'utf8' });
  return JSON.parse(out);
}
