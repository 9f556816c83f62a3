// The prover node: on a dev chain nobody touches after submitting, Alice's node (her `prov` key
// is inserted by `--dev`) proves every job in its offchain worker (accepting first the ones it
// cannot prove at once), and the runtime verifies the proofs. Prints the block delays
// submit -> assigned -> accepted (or "-": the proof was the acceptance) -> verified.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { startNode } from '../lib/node.mjs';
import { findEvent, sendAndWait, waitForEvent } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

const JOBS = [
  { name: 'fibonacci', inputs: { Fibonacci: { steps: 1 << 10 } } },
  { name: 'fibonacci', inputs: { Fibonacci: { steps: 1 << 14 } } },
  { name: 'rescue-chain', inputs: { RescueChain: { seed: [1, 2], steps: 1 << 12 } } },
  { name: 'mimc-vdf', inputs: { MimcVdf: { seed: 3, steps: 1 << 14 } } }
];

describe('offchain prover (--dev)', () => {
  let node;
  let api;
  let alice;
  let bob;

  before(async () => {
    node = await startNode(['--dev', '--tmp'], { name: 'prover' });
    api = await node.api();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
  });

  after(async () => {
    await node?.stop();
  });

  it('has the prover on, with one prover key, and its metrics', async () => {
    assert.match(node.logs(), /prover on \d+ threads; 1 prover key\(s\) \(`prov`\) in the keystore/);
  });

  it('proves one job per program with nobody at the keyboard', async () => {
    const delays = [];
    for (const job of JOBS) {
      const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
      const fee = 10n * UNIT;
      const submitted = await sendAndWait(api,
        api.tx.jobs.submitJob(job.inputs, 'Bits96', fee, fee, 100n * UNIT, 20), bob);
      assert.equal(submitted.dispatchError, null);
      const id = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
      const at = (await api.rpc.chain.getHeader(submitted.blockHash)).number.toNumber();

      const byJob = (d) => d.job.toNumber() === id;
      const [assigned, verified] = await Promise.all([
        waitForEvent(api, 'jobs', 'ProverAssigned', byJob),
        waitForEvent(api, 'jobs', 'ProofVerified', byJob)
      ]);
      const accepted = await findJobEvent(api, 'JobAccepted', id, assigned.blockNumber, verified.blockNumber);
      assert.equal(verified.event.data.prover.toString(), alice.address);
      // Alice's account only gains: her node's accepts and proofs are fee-free (authorized).
      const aliceAfter = (await api.query.system.account(alice.address)).data.free.toBigInt();
      assert.ok(aliceAfter > aliceBefore, 'Alice was paid');
      delays.push({
        program: job.name,
        steps: Object.values(job.inputs)[0].steps,
        assigned: assigned.blockNumber - at,
        accepted: accepted === undefined ? '-' : accepted - at,
        verified: verified.blockNumber - at
      });
    }
    console.log('blocks after submission (assigned / accepted / verified):');
    for (const d of delays) console.log(`  ${d.program} ${d.steps} steps: ${d.assigned} / ${d.accepted} / ${d.verified}`);
    assert.match(node.logs(), /job \d+: proven \(fibonacci, 16384 steps, 96 bits\) in/);
    const metrics = await (await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`)).text();
    assert.match(metrics, /sortition_prover_jobs_proven_total(\{[^}]*\})? 4/);
    assert.match(metrics, /sortition_prover_proving_seconds_count(\{[^}]*\})? 4/);
  });
});

/** The block in `from ..= to` with jobs event `method` of job `id`, or undefined. */
async function findJobEvent (api, method, id, from, to) {
  for (let number = from; number <= to; number++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(number));
    const records = await at.query.system.events();
    if (records.some(({ event }) => event.section === 'jobs' && event.method === method && event.data.job.toNumber() === id)) return number;
  }
  return undefined;
}
