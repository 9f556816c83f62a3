#!/usr/bin/env node
// load: put a burst of jobs on a running chain and follow it until every job has ended.
// Prints submission -> verified latency (p50, p95, max, in blocks), proofs verified per block
// (max, mean from the first verification to the last), jobs lost and prover failures.
// Run it through `scripts/load.sh`; the dashboard's browser test uses the same burst.
//
//   load [--url URL] [--jobs N] [--program P] [--steps S] [--fee SORT] [--funder SURI]
//        [--no-wait]
//
// Exit codes: 0 every job verified, 1 a job failed, was lost or the chain refused, 2 a bad
// command line.

import { parseArgs } from 'node:util';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { describeJobs, followJobs, submitBurst } from './lib/load.mjs';
import { PROGRAMS } from './lib/programs.mjs';
import { API_OPTIONS } from './lib/api-options.mjs';

async function main () {
  const { values: o } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.SORTITION_URL ?? 'ws://127.0.0.1:9944' },
      jobs: { type: 'string', default: '1000' },
      program: { type: 'string', default: 'fibonacci' },
      steps: { type: 'string', default: '1024' },
      fee: { type: 'string', default: '2' },
      funder: { type: 'string', default: '//Bob' },
      'no-wait': { type: 'boolean' },
      timeout: { type: 'string', default: '1800' }
    }
  });
  const count = Number(o.jobs);
  const steps = Number(o.steps);
  const program = PROGRAMS[o.program];
  if (!Number.isSafeInteger(count) || count < 1) throw Object.assign(new Error(`--jobs must be a positive whole number, not '${o.jobs}'`), { usage: true });
  if (!Number.isSafeInteger(steps) || steps < 8 || (steps & (steps - 1))) throw Object.assign(new Error(`--steps must be a power of two of at least 8, not '${o.steps}'`), { usage: true });
  if (!program) throw Object.assign(new Error(`--program must be one of ${Object.keys(PROGRAMS).join(', ')}, not '${o.program}'`), { usage: true });
  if (!/^\d+$/.test(o.fee)) throw Object.assign(new Error(`--fee must be a whole number of SORT, not '${o.fee}'`), { usage: true });

  await cryptoWaitReady();
  const provider = new WsProvider(o.url, 0);
  const api = await provider.connect()
    .then(() => ApiPromise.create({ provider, ...API_OPTIONS }))
    .catch((e) => { throw new Error(`cannot reach a node at ${o.url}: ${e.message}`); });
  try {
    const unit = 10n ** BigInt(api.registry.chainDecimals[0] ?? 12);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    const params = await api.query.jobs.params();
    const started = Date.now();
    const submitted = await submitBurst(api, keyring, keyring.addFromUri(o.funder), {
      count, program, steps, fee: BigInt(o.fee) * unit, collateral: params.minCollateral.toBigInt(), window: 100
    });
    const first = Math.min(...submitted.map((s) => s.block));
    const last = Math.max(...submitted.map((s) => s.block));
    console.log(`${count} ${o.program} jobs of ${steps} steps from ${Math.ceil(count / 60)} requesters, in blocks #${first}-#${last} (${((Date.now() - started) / 1000).toFixed(1)} s to submit)`);
    if (o['no-wait']) return 0;

    const result = await followJobs(api, submitted, { timeoutMs: 1000 * Number(o.timeout) });
    for (const line of describeJobs(result)) console.log(line);
    return result.lost === 0 && result.failed === 0 ? 0 : 1;
  } finally {
    await api.disconnect();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`error: ${e.message}`);
  process.exit(e.usage ? 2 : 1);
});
