// Validators as operators meet them: a network launched from its operators' keys file, and every
// bad input of joining the validator set and of a runtime upgrade (on a dev chain), each with its
// specific error and nothing changed. The set changing on a running network (join, leave, one of four down) is
// the zombienet test zombienet/0002-validators.zndsl.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { heights, logTailsOnFailure, rpcHttp, runNode, startNode, waitFor } from '../lib/node.mjs';
import { sendAndWait } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;

await cryptoWaitReady();
const sr = new Keyring({ type: 'sr25519' });
const ed = new Keyring({ type: 'ed25519' });
const dev = (name) => ({ account: sr.addFromUri(`//${name}`), babe: sr.addFromUri(`//${name}`), grandpa: ed.addFromUri(`//${name}`) });

/** A keys file: Dave and Eve validate, Dave proves, Ferdie is sudo. */
function keysFile ({ extra = '' } = {}) {
  const [dave, eve, ferdie] = ['Dave', 'Eve', 'Ferdie'].map(dev);
  return [
    '# a network of two operators',
    'name Two Operators',
    'id two_operators',
    'session 5',
    `sudo ${ferdie.account.address}`,
    `validator ${dave.account.address} ${dave.babe.address} ${dave.grandpa.address}`,
    `validator ${eve.account.address} ${eve.babe.address} ${u8aToHex(eve.grandpa.publicKey)}`,
    `prover ${dave.account.address} 5000`,
    ...[dave, eve, ferdie].map((v) => `balance ${v.account.address} 100000`),
    extra
  ].join('\n');
}

describe('a network launched from a keys file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sortition-keys-'));
  let nodes = [];
  logTailsOnFailure(() => nodes);

  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('boots with exactly the keys of the file as authorities', async () => {
    writeFileSync(join(dir, 'network.keys'), keysFile());
    const built = await runNode(['build-spec', '--chain', join(dir, 'network.keys'), '--raw', '--disable-default-bootnode']);
    assert.equal(built.code, 0, built.stderr);
    const spec = JSON.parse(built.stdout);
    assert.equal(spec.name, 'Two Operators');
    assert.equal(spec.id, 'two_operators');
    assert.equal(spec.chainType, 'Live');
    writeFileSync(join(dir, 'spec.json'), built.stdout);

    const nodeKey = () => ['--node-key', randomBytes(32).toString('hex')];
    nodes.push(await startNode(['--chain', join(dir, 'spec.json'), '--dave', ...nodeKey()], { name: 'dave' }));
    const api = await nodes[0].api();
    const peerId = (await api.rpc.system.localPeerId()).toString();
    nodes.push(await startNode(['--chain', join(dir, 'spec.json'), '--eve', ...nodeKey(),
      '--bootnodes', `/ip4/127.0.0.1/tcp/${nodes[0].p2pPort}/p2p/${peerId}`], { name: 'eve' }));

    const [dave, eve] = [dev('Dave'), dev('Eve')];
    assert.deepEqual((await api.query.session.validators()).map(String), [dave.account.address, eve.account.address]);
    assert.deepEqual((await api.query.collatorSelection.invulnerables()).map(String), [dave.account.address, eve.account.address]);
    const babe = (await api.query.babe.authorities()).map(([id]) => u8aToHex(id));
    assert.deepEqual(babe, [dave.babe, eve.babe].map((k) => u8aToHex(k.publicKey)));
    const grandpa = (await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => u8aToHex(id));
    assert.deepEqual(grandpa, [dave.grandpa, eve.grandpa].map((k) => u8aToHex(k.publicKey)));
    assert.equal((await api.query.sudo.key()).toString(), dev('Ferdie').account.address);
    assert.equal((await api.query.sessionLength.blocks()).toNumber(), 5);
    assert.equal((await api.query.provers.provers(dave.account.address)).unwrap().stake.toBigInt(), 5000n * UNIT);

    // The two authorities author, and GRANDPA (two of two) finalises, past the first session
    // boundary (#5) with the same authority set: the set did not change, so GRANDPA's did not.
    const authors = new Set();
    let seen = 0;
    await waitFor('both validators authored, and block #7 finalised', async () => {
      const { finalized } = await heights(api);
      for (; seen < finalized; seen++) {
        authors.add((await api.derive.chain.getHeader(await api.rpc.chain.getBlockHash(seen + 1))).author.toString());
      }
      return finalized >= 7 && authors.size === 2;
    }, { timeoutMs: 240_000 });
    assert.deepEqual([...authors].sort(), [dave.account.address, eve.account.address].sort(), 'both validators authored');
    assert.equal((await api.query.grandpa.currentSetId()).toNumber(), 0, 'the GRANDPA set is still the genesis one');
  });

  it('refuses a keys file with a malformed or duplicate key, naming the line', async () => {
    const eve = dev('Eve');
    const cases = [
      // line 12: the extra line after the 11 of the file.
      [`validator ${eve.account.address} 0x1234 ${eve.grandpa.address}`, /line 12: `0x1234` is not a BABE public key/],
      [`prover ${dev('Dave').account.address} 10`, /line 12: duplicate prover 5DAAnrj7\S+ \(already on line 8\)/],
      [`validator ${dev('Charlie').account.address} ${eve.babe.address} ${dev('Charlie').grandpa.address}`, /line 12: duplicate BABE key \S+ \(already on line 7\)/],
      ['validator 5Grw', /line 12: `validator` takes 3 field\(s\)/]
    ];
    for (const [line, expected] of cases) {
      writeFileSync(join(dir, 'bad.keys'), keysFile({ extra: line }));
      const result = await runNode(['build-spec', '--chain', join(dir, 'bad.keys')]);
      assert.equal(result.code, 1, `${line}: exit code`);
      assert.match(result.stderr, expected);
      assert.equal(result.stdout, '', 'no chain spec is printed');
    }
  });
});

describe('joining the validator set: bad input (--dev)', () => {
  let node;
  let api;
  const alice = sr.addFromUri('//Alice');
  const bob = sr.addFromUri('//Bob');
  const poor = sr.addFromUri('//Poor');

  before(async () => {
    node = await startNode(['--dev', '--tmp'], { name: 'validators' });
    api = await node.api();
    // An account with 100 SORT, far below the candidacy bond.
    const { dispatchError } = await sendAndWait(api, api.tx.balances.transferKeepAlive(poor.address, 100n * UNIT), alice);
    assert.equal(dispatchError, null);
  });

  after(async () => {
    await node?.stop();
  });

  /** Send `tx` from `who`; assert it failed with `expected`, and that nothing but the fee moved. */
  async function refused (tx, who, expected) {
    const before = (await api.query.system.account(who.address)).data;
    const candidates = (await api.query.collatorSelection.candidateList()).toHex();
    const nextKeys = (await api.query.session.nextKeys(who.address)).toHex();
    const { dispatchError, events } = await sendAndWait(api, tx, who);
    assert.match(dispatchError ?? 'no error', expected);
    const fee = events.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid').event.data.actualFee.toBigInt();
    const now = (await api.query.system.account(who.address)).data;
    assert.equal(now.free.toBigInt(), before.free.toBigInt() - fee, 'only the fee left the free balance');
    assert.equal(now.reserved.toBigInt(), before.reserved.toBigInt(), 'nothing was reserved or held');
    assert.equal((await api.query.collatorSelection.candidateList()).toHex(), candidates, 'the candidates are unchanged');
    assert.equal((await api.query.session.nextKeys(who.address)).toHex(), nextKeys, 'the keys are unchanged');
  }

  /** New session keys from the node's keystore, with their proof for `owner`. */
  async function rotateKeys (owner) {
    const { result, error } = await rpcHttp(node.rpcPort, 'author_rotateKeysWithOwner', [u8aToHex(owner.publicKey)]);
    assert.ok(result?.keys && result?.proof, `author_rotateKeysWithOwner: ${JSON.stringify(error)}`);
    return result;
  }

  it('documents the calls a validator uses', async () => {
    for (const call of ['registerAsCandidate', 'leaveIntent', 'updateBond']) {
      assert.ok(api.tx.collatorSelection[call].meta.docs.join(' ').length > 40, `collatorSelection.${call} has docs`);
    }
    assert.ok(api.tx.session.setKeys.meta.docs.join(' ').length > 40);
    assert.equal((await api.query.collatorSelection.candidacyBond()).toBigInt(), 10_000n * UNIT);
    assert.deepEqual((await api.query.collatorSelection.invulnerables()).map(String), [alice.address]);
    assert.equal((await api.query.sessionLength.blocks()).toNumber(), 10);
  });

  // Each from an account of its own, so they go in the same blocks.
  describe('refusals that change nothing, at once', { concurrency: true }, () => {
    it('refuses a candidate without session keys', async () => {
      await refused(api.tx.collatorSelection.registerAsCandidate(), sr.addFromUri('//Charlie'), /^collatorSelection\.ValidatorNotRegistered/);
    });

    it('refuses keys of the wrong type (the BABE and GRANDPA keys swapped)', async () => {
      const dave = sr.addFromUri('//Dave');
      const { keys, proof } = await rotateKeys(dave);
      const bytes = Buffer.from(keys.slice(2), 'hex');
      const swapped = u8aToHex(Buffer.concat([bytes.subarray(32, 64), bytes.subarray(0, 32)]));
      await refused(api.tx.session.setKeys(swapped, proof), dave, /^session\.InvalidProof/);
    });

    it('refuses keys proven for another account', async () => {
      const { keys, proof } = await rotateKeys(alice);
      await refused(api.tx.session.setKeys(keys, proof), sr.addFromUri('//Eve'), /^session\.InvalidProof/);
    });

    it('refuses keys another validator already uses', async () => {
      // Alice's own session keys (//Alice), with a valid proof that Ferdie holds them: only
      // their use by Alice stands in the way.
      const ferdie = sr.addFromUri('//Ferdie');
      const statement = u8aConcat(stringToU8a('POP_'), ferdie.publicKey);
      const aliceBabe = sr.addFromUri('//Alice');
      const aliceGrandpa = ed.addFromUri('//Alice');
      const keys = u8aConcat(aliceBabe.publicKey, aliceGrandpa.publicKey);
      // (As hex: a `Bytes` argument given as a Uint8Array is read as already length-prefixed.)
      const proof = u8aToHex(u8aConcat(aliceBabe.sign(statement), aliceGrandpa.sign(statement)));
      await refused(api.tx.session.setKeys(keys, proof), ferdie, /^session\.DuplicatedKey/);
    });

    it('refuses a candidate who cannot bond enough', async () => {
      const { keys, proof } = await rotateKeys(poor);
      const { dispatchError } = await sendAndWait(api, api.tx.session.setKeys(keys, proof), poor);
      assert.equal(dispatchError, null);
      await refused(api.tx.collatorSelection.registerAsCandidate(), poor, /^balances\.InsufficientBalance/);
    });
  });

  it('refuses an invulnerable validator as a candidate, and a candidate twice', async () => {
    await refused(api.tx.collatorSelection.registerAsCandidate(), alice, /^collatorSelection\.AlreadyInvulnerable/);
    const { keys, proof } = await rotateKeys(bob);
    assert.equal((await sendAndWait(api, api.tx.session.setKeys(keys, proof), bob)).dispatchError, null);
    const reserved = (await api.query.system.account(bob.address)).data.reserved.toBigInt();
    assert.equal((await sendAndWait(api, api.tx.collatorSelection.registerAsCandidate(), bob)).dispatchError, null);
    assert.equal((await api.query.system.account(bob.address)).data.reserved.toBigInt() - reserved, 10_000n * UNIT, 'the bond is reserved');
    await refused(api.tx.collatorSelection.registerAsCandidate(), bob, /^collatorSelection\.AlreadyCandidate/);
    await refused(api.tx.collatorSelection.updateBond(1n * UNIT), bob, /^collatorSelection\.DepositTooLow/);
    await refused(api.tx.collatorSelection.leaveIntent(), sr.addFromUri('//Charlie'), /^collatorSelection\.NotCandidate/);
    // Leaving gives the bond back at once.
    assert.equal((await sendAndWait(api, api.tx.collatorSelection.leaveIntent(), bob)).dispatchError, null);
    assert.equal((await api.query.system.account(bob.address)).data.reserved.toBigInt(), reserved);
    // Alice, the only validator left, cannot leave: invulnerables leave by Root.
    await refused(api.tx.collatorSelection.leaveIntent(), alice, /^collatorSelection\.TooFewEligibleCollators/);
  });

  /** Root runs `call` through sudo: the error it failed with, as `section.Name`, or null. */
  async function asRoot (call) {
    const { dispatchError, events } = await sendAndWait(api, api.tx.sudo.sudo(call), alice);
    assert.equal(dispatchError, null);
    const result = events.find(({ event }) => event.section === 'sudo' && event.method === 'Sudid').event.data.sudoResult;
    if (result.isOk) return null;
    const error = result.asErr;
    if (!error.isModule) return error.toString();
    const { section, name } = api.registry.findMetaError(error.asModule);
    return `${section}.${name}`;
  }

  it('refuses runtime upgrades that are not a Sortition runtime or do not raise spec_version', async () => {
    const spec = async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
    const version = await spec();
    const code = (await api.rpc.state.getStorage(':code')).toHex();
    // A valid wasm module that is not a runtime (the smallest one), and garbage.
    assert.equal(await asRoot(api.tx.system.setCode('0x0061736d01000000')), 'system.FailedToExtractRuntimeVersion');
    assert.equal(await asRoot(api.tx.system.setCode('0x0102030405')), 'system.FailedToExtractRuntimeVersion');
    // The running runtime again: its spec_version does not rise.
    assert.equal(await asRoot(api.tx.system.setCode(code)), 'system.SpecVersionNeedsToIncrease');
    assert.equal(await spec(), version, 'nothing changed');
    assert.equal((await api.rpc.state.getStorage(':code')).toHex(), code);

    // The next release, authorized by Root and applied by anyone; then the old one is refused.
    const next = process.env.SORTITION_UPGRADE_WASM;
    if (!next) return console.log('SORTITION_UPGRADE_WASM unset (scripts/test.sh sets it): not upgrading to spec_version + 1');
    const nextCode = `0x${readFileSync(next).toString('hex')}`;
    assert.equal(await asRoot(api.tx.system.authorizeUpgrade(api.registry.hash(nextCode))), null);
    await api.tx.system.applyAuthorizedUpgrade(nextCode).send();
    await waitFor('spec_version + 1', async () => (await spec()) === version + 1, { timeoutMs: 60_000 });
    // The client signs for the runtime it knows: wait until it has noticed the new one.
    await waitFor('the client on the new runtime', async () => api.runtimeVersion.specVersion.toNumber() === version + 1, { timeoutMs: 60_000 });
    assert.equal(await asRoot(api.tx.system.setCode(code)), 'system.SpecVersionNeedsToIncrease');
    assert.equal(await spec(), version + 1);
  });
});
