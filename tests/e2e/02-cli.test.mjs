// The node's command line: chain specs for zombienet and for humans, and clear messages (not
// panic traces) for bad input.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { describe, it } from 'node:test';

import { freePort, runNode } from '../lib/node.mjs';

/** A node's stderr must be one clear error, not a Rust panic. */
function assertCleanFailure ({ code, stderr }, expected) {
  assert.notEqual(code, 0, 'non-zero exit code');
  assert.match(stderr, expected);
  assert.doesNotMatch(stderr, /panicked at|RUST_BACKTRACE|stack backtrace/);
}

describe('sortition-node command line', () => {
  it('build-spec --chain local: three validators with session keys and the token properties', async () => {
    const { code, stdout, stderr } = await runNode(['build-spec', '--chain', 'local']);
    assert.equal(code, 0, stderr);
    const spec = JSON.parse(stdout);
    assert.equal(spec.id, 'sortition_local');
    assert.deepEqual(spec.properties, { tokenSymbol: 'SORT', tokenDecimals: 12, ss58Format: 42 });
    const keys = spec.genesis.runtimeGenesis.patch.session.keys;
    assert.equal(keys.length, 3);
    for (const [account, validator, sessionKeys] of keys) {
      assert.equal(account, validator);
      assert.ok(sessionKeys.babe && sessionKeys.grandpa);
    }
  });

  it('export-chain-spec --chain dev --raw: a raw spec with the runtime code', async () => {
    const { code, stdout, stderr } = await runNode(['export-chain-spec', '--chain', 'dev', '--raw']);
    assert.equal(code, 0, stderr);
    const spec = JSON.parse(stdout);
    assert.equal(spec.id, 'sortition_dev');
    assert.ok(spec.genesis.raw.top['0x3a636f6465'].length > 1000, 'the :code key holds the runtime');
  });

  it('an unknown --chain exits with a clear message', async () => {
    const result = await runNode(['--chain', 'no-such-chain', '--tmp']);
    assertCleanFailure(result, /unknown chain `no-such-chain`: use `dev`, `local`, the path of a chain-spec JSON file or of a network's keys file/);
  });

  for (const flag of ['--rpc-port', '--port']) {
    it(`a ${flag} already in use exits with a clear message`, async () => {
      const port = await freePort();
      const blocker = net.createServer().listen(port, '0.0.0.0');
      await once(blocker, 'listening');
      try {
        const others = await Promise.all([freePort(), freePort()]);
        const args = ['--dev', '--tmp', '--prometheus-port', String(others[0]), flag, String(port)];
        if (flag === '--port') args.push('--rpc-port', String(others[1]));
        const result = await runNode(args, { timeoutMs: 60_000 });
        assertCleanFailure(result, /[Aa]ddress already in use|Address in use/);
      } finally {
        blocker.close();
      }
    });
  }

  it('benchmark in a build without runtime-benchmarks says how to get it', async () => {
    const result = await runNode(['benchmark', 'pallet', '--pallet', 'pallet_balances']);
    assertCleanFailure(result, /--features runtime-benchmarks/);
  });
});
