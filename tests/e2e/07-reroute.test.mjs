// A prover stopped while it holds a job: three validators on `--chain local` (Alice and Bob are
// also the registered provers, each node proving with its own `prov` key; Charlie's node does
// not prove and serves the API). Dave submits a job; the node of the drawn prover is killed as
// soon as it has accepted; after the proving window the chain slashes and suspends that prover
// and re-routes the job to the other one, whose node proves it.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { logTailsOnFailure, startNode, waitFor } from '../lib/node.mjs';
import { findEvent, sendAndWait, waitForEvent } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

describe('re-routing a stopped prover\'s job (--chain local)', () => {
  const nodes = {};
  logTailsOnFailure(() => nodes);
  let api;
  let keyring;

  before(async () => {
    const nodeKey = () => ['--node-key', randomBytes(32).toString('hex')];
    nodes.alice = await startNode(['--chain', 'local', '--alice', ...nodeKey()], { name: 'alice' });
    const peerId = (await (await nodes.alice.api()).rpc.system.localPeerId()).toString();
    const bootnode = ['--bootnodes', `/ip4/127.0.0.1/tcp/${nodes.alice.p2pPort}/p2p/${peerId}`];
    nodes.bob = await startNode(['--chain', 'local', '--bob', ...nodeKey(), ...bootnode], { name: 'bob' });
    nodes.charlie = await startNode(['--chain', 'local', '--charlie', '--no-prover', ...nodeKey(), ...bootnode], { name: 'charlie' });
    api = await nodes.charlie.api();
    keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    await waitFor('charlie to have 2 peers', async () => (await api.rpc.system.health()).peers.toNumber() >= 2, { timeoutMs: 60_000 });
  });

  after(async () => {
    await Promise.all(Object.values(nodes).map((n) => n.stop()));
  });

  it('slashes and suspends the stopped prover, and the other one proves the job', async () => {
    const dave = keyring.addFromUri('//Dave');
    const names = { [keyring.addFromUri('//Alice').address]: 'alice', [keyring.addFromUri('//Bob').address]: 'bob' };
    const collateral = 100n * UNIT;
    const submitted = await sendAndWait(api,
      // About 14 s to prove: longer than the worker waits in the block of the draw, so the drawn
      // prover accepts at once (a quicker proof would be its acceptance, with no accept to see),
      // and more than a block, so that it can be stopped before the proof is out.
      api.tx.jobs.submitJob({ MimcVdf: { seed: 7, steps: 1 << 20 } }, 'Bits96', 10n * UNIT, 10n * UNIT, collateral, 10), dave);
    assert.equal(submitted.dispatchError, null);
    const id = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
    const byJob = (d) => d.job.toNumber() === id;

    const accepted = await waitForEvent(api, 'jobs', 'JobAccepted', byJob);
    const first = accepted.event.data.prover.toString();
    const firstName = names[first];
    assert.ok(firstName, 'a genesis prover accepted');
    const stakeBefore = (await api.query.provers.provers(first)).unwrap().stake.toBigInt();
    // Stop it before its next block's worker can submit the proof.
    await nodes[firstName].stop();

    const failed = await waitForEvent(api, 'jobs', 'ProverFailed', byJob, { timeoutMs: 300_000 });
    assert.equal(failed.event.data.prover.toString(), first);
    assert.equal(failed.event.data.reason.toString(), 'ProofTimeout');
    assert.equal(failed.event.data.slashed.toBigInt(), collateral);

    const verified = await waitForEvent(api, 'jobs', 'ProofVerified', byJob, { timeoutMs: 300_000 });
    const second = verified.event.data.prover.toString();
    assert.notEqual(second, first, 'the job went to the other prover');
    assert.ok(names[second]);

    const record = (await api.query.provers.provers(first)).unwrap();
    assert.equal(record.stake.toBigInt(), stakeBefore - collateral);
    assert.equal(record.locked.toBigInt(), 0n);
    assert.ok(record.suspendedUntil.isSome, 'the stopped prover is suspended');
    assert.equal(record.stats.jobsMissed.toNumber(), 1);
    const job = (await api.query.jobs.jobs(id)).unwrap();
    assert.equal(job.attempts.toNumber(), 2);
    console.log(`job ${id}: ${firstName} stopped after accepting at block ${accepted.blockNumber}; ` +
      `slashed at ${failed.blockNumber}; verified by ${names[second]} at ${verified.blockNumber}`);
  });
});
