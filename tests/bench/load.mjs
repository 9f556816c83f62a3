// Jobs on a dev chain against the bare prover, in one run (scripts/bench-load.sh):
//
//   1. the bare prover (the `prove` example, all cores) on the job, `--bare` times: its rate;
//   2. a fresh `--dev` node (Alice proving with all cores), `--singles` jobs one at a time, each
//      submitted once the previous one is verified: submission -> verified, in blocks;
//   3. a burst of `--jobs` jobs from as many requesters as it takes, all submitted at once:
//      latency, proofs verified per block, jobs lost, prover failures, how full the busiest
//      block was, and the chain's throughput against the bare prover's rate.
//
//   node tests/bench/load.mjs [--jobs 1000] [--singles 20] [--program fibonacci] [--steps 1024]
//                             [--bare 20] [--idle-prover 2000] [--node-log FILE]
//                             [--node-args=-ltxpool=debug]
//
// `--idle-prover STAKE` registers Dave as a prover with STAKE units before the burst, with no
// node proving for him: the jobs drawn for him time out, he is slashed and suspended, and they
// are drawn again (for Alice). The burst then measures re-routing under load.
//
// Exit code 1 if a job failed or was lost, or a prover failed.

import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

import { Keyring } from '@polkadot/keyring';

import { startNode } from '../lib/node.mjs';
import { prove } from '../lib/prove.mjs';
import { describeJobs, followJobs, meanPerBlock, oneAtATime, percentile, submitBurst } from '../../scripts/cli/lib/load.mjs';
import { PROGRAMS } from '../../scripts/cli/lib/programs.mjs';
import { sendAndWait } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

const { values: o } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000' },
    singles: { type: 'string', default: '20' },
    program: { type: 'string', default: 'fibonacci' },
    steps: { type: 'string', default: '1024' },
    bare: { type: 'string', default: '20' },
    'idle-prover': { type: 'string', default: '0' },
    'node-log': { type: 'string' },
    'node-args': { type: 'string', default: '' }
  }
});
const [count, singles, steps, bareRuns] = [o.jobs, o.singles, o.steps, o.bare].map(Number);
const program = PROGRAMS[o.program];
if (!program) throw new Error(`--program must be one of ${Object.keys(PROGRAMS).join(', ')}`);

// 1. The bare prover, alone on the machine.
const bareMs = Array.from({ length: bareRuns }, () => prove(o.program, steps, 96).provingMs);
const bareRate = 1000 * bareRuns / bareMs.reduce((a, b) => a + b, 0);
console.log(`bare prover (\`prove\` example, ${o.program}, ${steps} steps, 96 bits), ${bareRuns} proofs: median ${percentile(bareMs, 50).toFixed(1)} ms, ${bareRate.toFixed(1)} proofs/s`);

const node = await startNode(['--dev', '--tmp', ...o['node-args'].split(' ').filter(Boolean)], { name: 'bench-load' });
if (o['node-log']) {
  const log = createWriteStream(o['node-log']);
  // Both streams into one file: neither may end it while the other still writes.
  node.process.stdout.pipe(log, { end: false });
  node.process.stderr.pipe(log, { end: false });
}
let ok = true;
try {
  const api = await node.api();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const blockSeconds = api.consts.babe.expectedBlockTime.toNumber() / 1000;
  const fee = 2n * UNIT;
  const collateral = (await api.query.jobs.params()).minCollateral.toBigInt();

  // 2. One at a time.
  if (singles > 0) {
    const { result } = await oneAtATime(api, keyring.addFromUri('//Charlie'), { count: singles, program, steps, fee, collateral });
    console.log(`\n${singles} jobs one at a time (each submitted once the previous one was verified):`);
    for (const line of describeJobs(result)) console.log(`  ${line}`);
    ok &&= result.lost === 0 && result.failed === 0 && result.failures === 0;
  }

  // 3. The burst (after an idle prover, if asked for).
  const idleStake = BigInt(o['idle-prover']);
  if (idleStake > 0n) {
    const dave = keyring.addFromUri('//Dave');
    const { dispatchError } = await sendAndWait(api, api.tx.provers.register(idleStake * UNIT, [program], []), dave);
    if (dispatchError) throw new Error(`Dave could not register: ${dispatchError.toString()}`);
    console.log(`\nDave registered as a prover with ${idleStake} units of stake, and no node proves for him`);
  }
  if (count > 0) {
    const started = Date.now();
    const submitted = await submitBurst(api, keyring, keyring.addFromUri('//Bob'), { count, program, steps, fee, collateral });
    const blocks = submitted.map((s) => s.block);
    console.log(`\na burst of ${count} jobs, in blocks #${Math.min(...blocks)}-#${Math.max(...blocks)} (${((Date.now() - started) / 1000).toFixed(1)} s to submit):`);
    const result = await followJobs(api, submitted);
    for (const line of describeJobs(result)) console.log(`  ${line}`);
    const chainRate = meanPerBlock(result) / blockSeconds;
    console.log(`  the chain's throughput: ${chainRate.toFixed(1)} proofs/s (${meanPerBlock(result).toFixed(1)} per ${blockSeconds}-second block), ` +
      `${(chainRate / bareRate).toFixed(2)}x the bare prover's ${bareRate.toFixed(1)} proofs/s (${(bareRate * blockSeconds).toFixed(0)} per block)`);
    // The idle prover's misses are the scenario; anyone else's (Alice's) are a failure.
    const idle = idleStake > 0n ? keyring.addFromUri('//Dave').address : null;
    const others = [...result.failuresBy].filter(([what]) => !idle || !what.startsWith(`${idle}:`));
    ok &&= result.lost === 0 && result.failed === 0 && others.length === 0;
  }
  await api.disconnect();
} finally {
  await node.stop();
}
process.exit(ok ? 0 : 1);
