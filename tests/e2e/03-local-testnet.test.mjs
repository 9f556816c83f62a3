// `--chain local` by hand: Alice, Bob and Charlie as three validator nodes on one machine, the
// way the README describes; they connect, author with BABE and finalise with GRANDPA.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { heights, logTailsOnFailure, startLocalTestnet, waitFor } from '../lib/node.mjs';

describe('local testnet: three validators (--chain local)', () => {
  let nodes = [];
  logTailsOnFailure(() => nodes);

  before(async () => {
    nodes = await startLocalTestnet();
  });

  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('every node sees the two others', async () => {
    for (const node of nodes) {
      const api = await node.api();
      await waitFor(`${node.name} to have 2 peers`, async () => (await api.rpc.system.health()).peers.toNumber() >= 2, { timeoutMs: 60_000 });
    }
  });

  it('blocks are authored by more than one validator and finalised on every node', async () => {
    for (const node of nodes) {
      const api = await node.api();
      await waitFor(`${node.name} to finalise block #3`, async () => (await heights(api)).finalized >= 3, { timeoutMs: 180_000 });
    }
    // BABE authors come from the pre-runtime digest; over the first blocks more than one of the
    // three validators must have authored.
    const api = await nodes[0].api();
    const authors = new Set();
    const { best } = await heights(api);
    for (let n = 1; n <= best; n++) {
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      const preRuntime = header.digest.logs.find((log) => log.isPreRuntime);
      const [, data] = preRuntime.asPreRuntime;
      const digest = api.createType('RawBabePreDigest', data);
      authors.add(digest.isPrimary ? digest.asPrimary.authorityIndex.toNumber() : digest.isSecondaryPlain ? digest.asSecondaryPlain.authorityIndex.toNumber() : digest.asSecondaryVRF.authorityIndex.toNumber());
    }
    assert.ok(authors.size >= 2, `blocks 1..${best} were authored by validators ${[...authors]}`);
  });
});
