// The same jobs proven by the bare programs-crate prover (the `prove` example) and through a dev
// node's offchain worker (its log line "job N: proven (...) in T"), on the same machine, one
// after the other. Prints the median proving times and their ratio, then proves the largest job
// (Rescue chain, 128 bits, 2^20 steps) through the node and reports its blocks to verification.
//
//   scripts/bench-prover.sh            (RUNS=3 by default)

import { Keyring } from '@polkadot/keyring';

import { startNode } from '../lib/node.mjs';
import { prove } from '../lib/prove.mjs';
import { findEvent, sendAndWait, waitForEvent } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;
const RUNS = Number(process.env.RUNS ?? 3);
const CASES = [
  { program: 'fibonacci', steps: 1 << 16, bits: 96 },
  { program: 'fibonacci', steps: 1 << 20, bits: 96 },
  { program: 'mimc-vdf', steps: 1 << 16, bits: 96 },
  { program: 'mimc-vdf', steps: 1 << 20, bits: 96 }
];
const LARGEST = { program: 'rescue-chain', steps: 1 << 20, bits: 128 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function toSeconds (text) {
  const m = text.match(/^([\d.]+)(ms|s|µs)$/);
  if (!m) throw new Error(`cannot read the duration ${text}`);
  return Number(m[1]) / ({ ms: 1e3, s: 1, µs: 1e6 })[m[2]];
}

async function proveOnNode (api, node, requester, c) {
  // The sample seeds, as the `prove` example uses them.
  const inputs = {
    fibonacci: { Fibonacci: { steps: c.steps } },
    'rescue-chain': { RescueChain: { seed: ['1', '2'], steps: c.steps } },
    'mimc-vdf': { MimcVdf: { seed: '3', steps: c.steps } }
  }[c.program];
  const submitted = await sendAndWait(api,
    api.tx.jobs.submitJob(inputs, `Bits${c.bits}`, 10n * UNIT, 10n * UNIT, 100n * UNIT, 100), requester);
  if (submitted.dispatchError) throw new Error(submitted.dispatchError);
  const id = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
  const at = (await api.rpc.chain.getHeader(submitted.blockHash)).number.toNumber();
  const verified = await waitForEvent(api, 'jobs', 'ProofVerified', (d) => d.job.toNumber() === id, { timeoutMs: 900_000 });
  const line = node.logs().match(new RegExp(`job ${id}: proven \\([^)]*\\) in (\\S+),`));
  if (!line) throw new Error(`no proving log line for job ${id}`);
  return { seconds: toSeconds(line[1]), blocks: verified.blockNumber - at };
}

const bare = {};
for (const c of CASES) {
  const key = `${c.program}/${c.bits}/2^${Math.log2(c.steps)}`;
  bare[key] = median(Array.from({ length: RUNS }, () => prove(c.program, c.steps, c.bits).provingMs / 1e3));
}

const node = await startNode(['--dev', '--tmp'], { name: 'bench' });
try {
  const api = await node.api();
  const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
  console.log(`| job | bare prover | offchain worker | ratio | blocks to verified |`);
  console.log(`|---|---|---|---|---|`);
  for (const c of CASES) {
    const key = `${c.program}/${c.bits}/2^${Math.log2(c.steps)}`;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await proveOnNode(api, node, bob, c));
    const ocw = median(runs.map((r) => r.seconds));
    console.log(`| ${key} | ${bare[key].toFixed(2)} s | ${ocw.toFixed(2)} s | ${(ocw / bare[key]).toFixed(3)} | ${median(runs.map((r) => r.blocks))} |`);
  }
  const largest = await proveOnNode(api, node, bob, LARGEST);
  console.log(`\nlargest job (${LARGEST.program}/${LARGEST.bits}/2^20) through the node: proven in ` +
    `${largest.seconds.toFixed(1)} s, verified ${largest.blocks} blocks after submission ` +
    `(proving window 100 blocks)`);
} finally {
  await node.stop();
}
