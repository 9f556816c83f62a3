// The dev chain a newcomer starts with `scripts/dev.sh`: it produces and finalises blocks,
// reports the token's properties, and moves balances the way polkadot.js apps shows them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { heights, startNode, waitFor } from '../lib/node.mjs';
import { findEvent, sendAndWait } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

describe('dev chain (--dev --tmp)', () => {
  let node;
  let api;

  before(async () => {
    node = await startNode(['--dev', '--tmp'], { name: 'dev' });
    api = await node.api();
  });

  after(async () => {
    await node?.stop();
  });

  it('produces blocks and finalises them', async () => {
    const { best } = await waitFor('block #3', async () => {
      const h = await heights(api);
      return h.best >= 3 && h;
    }, { timeoutMs: 90_000 });
    assert.ok(best >= 3);
    const { finalized } = await waitFor('a finalised block', async () => {
      const h = await heights(api);
      return h.finalized >= 1 && h;
    }, { timeoutMs: 90_000 });
    assert.ok(finalized >= 1);
  });

  it('reports the SORT token in system_properties, matching the runtime', async () => {
    const properties = await api.rpc.system.properties();
    assert.deepEqual(properties.tokenSymbol.unwrap().map((s) => s.toString()), ['SORT']);
    assert.deepEqual(properties.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
    assert.equal(properties.ss58Format.unwrap().toNumber(), api.consts.system.ss58Prefix.toNumber());
    assert.equal((await api.rpc.system.chain()).toString(), 'Sortition Development');
    assert.equal(api.runtimeVersion.specName.toString(), 'sortition');
  });

  it('transfers from Alice to Bob: balances and events', async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    const amount = 3n * UNIT / 2n; // 1.5 SORT

    const before = await api.query.system.account.multi([alice.address, bob.address]);
    const { blockHash, events, dispatchError } = await sendAndWait(
      api, api.tx.balances.transferKeepAlive(bob.address, amount), alice
    );
    assert.equal(dispatchError, null);

    const transfer = findEvent(events, 'balances', 'Transfer');
    assert.ok(transfer, 'a balances.Transfer event');
    assert.equal(transfer.data.from.toString(), alice.address);
    assert.equal(transfer.data.to.toString(), bob.address);
    assert.equal(transfer.data.amount.toBigInt(), amount);
    assert.ok(findEvent(events, 'system', 'ExtrinsicSuccess'), 'system.ExtrinsicSuccess');
    const feePaid = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
    assert.ok(feePaid, 'transactionPayment.TransactionFeePaid');
    const fee = feePaid.data.actualFee.toBigInt();
    assert.ok(fee > 0n, 'a non-zero fee');

    // Read the balances at the block that included the transfer, so later blocks cannot interfere.
    const at = await api.at(blockHash);
    const [aliceAfter, bobAfter] = await at.query.system.account.multi([alice.address, bob.address]);
    assert.equal(bobAfter.data.free.toBigInt(), before[1].data.free.toBigInt() + amount);
    assert.equal(aliceAfter.data.free.toBigInt(), before[0].data.free.toBigInt() - amount - fee);
  });
});
