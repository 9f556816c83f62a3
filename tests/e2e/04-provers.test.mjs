// The provers pallet on a dev chain, as polkadot.js apps sees it: its calls, events and errors
// with their documentation in the metadata, Alice registered at genesis, and Bob registering.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { startNode } from '../lib/node.mjs';
import { findEvent, sendAndWait } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

describe('provers pallet (--dev)', () => {
  let node;
  let api;
  let alice;
  let bob;
  let charlie;

  before(async () => {
    node = await startNode(['--dev', '--tmp'], { name: 'provers' });
    api = await node.api();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    charlie = keyring.addFromUri('//Charlie');
  });

  after(async () => {
    await node?.stop();
  });

  it('documents every call, event and error in the metadata', async () => {
    const calls = ['register', 'bondMore', 'unbond', 'withdrawUnbonded', 'setPrograms', 'setAsks',
      'deregister', 'setParams', 'resume'];
    for (const call of calls) {
      const docs = api.tx.provers[call].meta.docs.map((d) => d.toString()).join(' ');
      assert.ok(docs.length > 40, `provers.${call} has docs`);
      assert.match(docs, /Dispatch Origin/, `provers.${call} documents its origin`);
    }
    assert.match(api.tx.provers.register.meta.docs.join(' '), /Register as a prover/);
    for (const [name, error] of Object.entries(api.errors.provers)) {
      assert.ok(error.meta.docs.join(' ').length > 10, `error ${name} has docs`);
    }
    for (const [name, event] of Object.entries(api.events.provers)) {
      assert.ok(event.meta.docs.join(' ').length > 10, `event ${name} has docs`);
    }
    assert.equal(api.consts.provers.maxProvers.toNumber(), 16_384);
    const params = await api.query.provers.params();
    assert.equal(params.minStake.toBigInt(), 1_000n * UNIT);
  });

  it('has Alice registered at genesis for every program', async () => {
    const record = (await api.query.provers.provers(alice.address)).unwrap();
    assert.equal(record.stake.toBigInt(), 100_000n * UNIT);
    assert.deepEqual(record.offers.map((o) => o.program.toString()),
      ['Fibonacci', 'RescueChain', 'MimcVdf']);
    assert.equal((await api.query.provers.proverCount()).toNumber(), 1);
  });

  it('registers Bob and reads his record back', async () => {
    const stake = 2_000n * UNIT;
    const before = (await api.query.system.account(bob.address)).data;
    const { blockHash, events, dispatchError } = await sendAndWait(api,
      api.tx.provers.register(stake, ['Fibonacci', 'MimcVdf'], [{ program: 'MimcVdf', minFee: 5n * UNIT }]),
      bob);
    assert.equal(dispatchError, null);
    const registered = findEvent(events, 'provers', 'Registered');
    assert.ok(registered, 'provers.Registered');
    assert.equal(registered.data.prover.toString(), bob.address);
    assert.equal(registered.data.stake.toBigInt(), stake);

    const at = await api.at(blockHash);
    const record = (await at.query.provers.provers(bob.address)).unwrap();
    assert.equal(record.stake.toBigInt(), stake);
    assert.equal(record.locked.toBigInt(), 0n);
    assert.equal(record.slot.toNumber(), 1);
    assert.deepEqual(record.offers.toJSON(), [
      { program: 'Fibonacci', minFee: 0 },
      { program: 'MimcVdf', minFee: Number(5n * UNIT) }
    ]);
    assert.equal(record.suspendedUntil.isNone, true);
    assert.deepEqual(record.stats.toJSON(), { jobsDone: 0, jobsMissed: 0, invalidProofs: 0, slashedTotal: 0 });

    // The stake is held, not transferred: it shows as a `Provers: ProverBond` hold.
    const holds = await at.query.balances.holds(bob.address);
    assert.deepEqual(holds.map((h) => [h.id.toJSON(), h.amount.toBigInt()]),
      [[{ provers: 'ProverBond' }, stake]]);
    const after = (await at.query.system.account(bob.address)).data;
    const fee = findEvent(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    assert.equal(after.free.toBigInt(), before.free.toBigInt() - stake - fee);
    assert.equal((await at.query.provers.proverCount()).toNumber(), 2);
  });

  it('explains a failed call with the error documentation, and moves nothing but the fee', async () => {
    const before = (await api.query.system.account(charlie.address)).data;
    const { events, dispatchError } = await sendAndWait(api,
      api.tx.provers.register(10n * UNIT, ['Fibonacci'], []), charlie);
    assert.match(dispatchError, /^provers\.StakeBelowMinimum: The stake is below the minimum/);
    const fee = findEvent(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee.toBigInt();
    const after = (await api.query.system.account(charlie.address)).data;
    assert.equal(after.free.toBigInt(), before.free.toBigInt() - fee);
    assert.equal(after.reserved.toBigInt(), before.reserved.toBigInt());
    assert.equal((await api.query.provers.provers(charlie.address)).isNone, true);
  });
});
