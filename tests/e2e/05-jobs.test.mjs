// The job market on a dev chain, as a requester and a prover see it from @polkadot/api: Bob
// submits a job, the chain draws Alice (the dev chain's only prover), Alice accepts and submits
// a proof made with the programs crate outside the node, the runtime verifies it and pays her.
// The node runs with `--no-prover`, so its offchain worker leaves Alice's jobs to this test.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { startNode } from '../lib/node.mjs';
import { prove } from '../lib/prove.mjs';
import { findEvent, sendAndWait, waitForEvent } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

describe('jobs pallet (--dev)', () => {
  let node;
  let api;
  let alice;
  let bob;

  before(async () => {
    node = await startNode(['--dev', '--tmp', '--no-prover'], { name: 'jobs' });
    api = await node.api();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
  });

  after(async () => {
    await node?.stop();
  });

  it('documents every call, event and error in the metadata', async () => {
    for (const call of ['submitJob', 'cancelJob', 'acceptJob', 'submitProof', 'setParams', 'setProgramPaused', 'acceptJobAuthorized', 'submitProofAuthorized', 'resumeAuthorized', 'declineJob']) {
      const docs = api.tx.jobs[call].meta.docs.map((d) => d.toString()).join(' ');
      assert.match(docs, /Dispatch Origin/, `jobs.${call} documents its origin`);
    }
    for (const [name, error] of Object.entries(api.errors.jobs)) {
      assert.ok(error.meta.docs.join(' ').length > 10, `error ${name} has docs`);
    }
    for (const [name, event] of Object.entries(api.events.jobs)) {
      assert.ok(event.meta.docs.join(' ').length > 10, `event ${name} has docs`);
    }
    assert.equal(api.consts.jobs.maxProofSize.toNumber(), 256 * 1024);
  });

  it('refuses a job that cannot be proven, with the reason, and moves only the fee', async () => {
    const before = (await api.query.system.account(bob.address)).data;
    const { events, dispatchError } = await sendAndWait(api,
      api.tx.jobs.submitJob({ Fibonacci: { steps: 1000 } }, 'Bits96', 10n * UNIT, 10n * UNIT, 100n * UNIT, 20), bob);
    assert.match(dispatchError, /^jobs\.StepsNotPowerOfTwo: `steps` must be a power of two/);
    const fee = findEvent(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    const after = (await api.query.system.account(bob.address)).data;
    assert.equal(after.free.toBigInt(), before.free.toBigInt() - fee);
    assert.equal(after.reserved.toBigInt(), before.reserved.toBigInt());
  });

  it('runs a job from submission to a verified, paid proof', async () => {
    const fee = 10n * UNIT;
    const collateral = 100n * UNIT;
    const job = prove('fibonacci', 1024, 96, alice.address);

    // Bob submits: the fee is held.
    const submitted = await sendAndWait(api,
      api.tx.jobs.submitJob(job.inputs, job.security, fee, fee, collateral, 20), bob);
    assert.equal(submitted.dispatchError, null);
    const event = findEvent(submitted.events, 'jobs', 'JobSubmitted');
    const id = event.data.job.toNumber();
    const submittedAt = (await api.rpc.chain.getHeader(submitted.blockHash)).number.toNumber();
    const bobAfterSubmit = (await api.query.system.account(bob.address)).data;
    const holds = await api.query.balances.holds(bob.address);
    assert.deepEqual(holds.map((h) => [h.id.toJSON(), h.amount.toBigInt()]), [[{ jobs: 'JobFee' }, fee]]);

    // In the next block the chain draws Alice, the only prover, and locks her collateral.
    const assigned = await waitForEvent(api, 'jobs', 'ProverAssigned', (d) => d.job.toNumber() === id);
    assert.equal(assigned.event.data.prover.toString(), alice.address);
    assert.equal(assigned.event.data.attempt.toNumber(), 1);
    assert.ok(assigned.blockNumber >= submittedAt + 1, 'drawn after the block of submission');
    const record = (await api.query.provers.provers(alice.address)).unwrap();
    assert.equal(record.locked.toBigInt(), collateral);

    // Alice accepts (the pre-confirmation) and submits the proof.
    const accepted = await sendAndWait(api, api.tx.jobs.acceptJob(id), alice);
    assert.equal(accepted.dispatchError, null);
    assert.ok(findEvent(accepted.events, 'jobs', 'JobAccepted'));

    const aliceBefore = (await api.query.system.account(alice.address)).data;
    const proven = await sendAndWait(api, api.tx.jobs.submitProof(id, job.output, job.proof), alice);
    assert.equal(proven.dispatchError, null);
    const verified = findEvent(proven.events, 'jobs', 'ProofVerified');
    assert.ok(verified, 'jobs.ProofVerified');
    assert.equal(verified.data.prover.toString(), alice.address);
    assert.equal(verified.data.output.asFibonacci.toBigInt(), BigInt(job.output.Fibonacci));

    // A valid proof is free: Alice gets exactly the fee; her collateral is released.
    const aliceAfter = (await api.query.system.account(alice.address)).data;
    assert.equal(aliceAfter.free.toBigInt(), aliceBefore.free.toBigInt() + fee);
    assert.equal((await api.query.provers.provers(alice.address)).unwrap().locked.toBigInt(), 0n);
    assert.equal(findEvent(proven.events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt(), 0n);

    // Bob paid the fee out of the hold, nothing more.
    const bobAfter = (await api.query.system.account(bob.address)).data;
    assert.equal(bobAfter.free.toBigInt(), bobAfterSubmit.free.toBigInt());
    assert.equal(bobAfter.reserved.toBigInt(), bobAfterSubmit.reserved.toBigInt() - fee);

    // The receipt records the result.
    const receipt = (await api.query.jobs.receipts(id)).unwrap();
    assert.equal(receipt.prover.toString(), alice.address);
    assert.equal(receipt.program.toString(), 'Fibonacci');
    assert.deepEqual(receipt.output.toJSON(), verified.data.output.toJSON());
    const state = (await api.query.jobs.jobs(id)).unwrap().state;
    assert.equal(state.isVerified, true);
  });
});
