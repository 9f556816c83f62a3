// Results leave the chain. On `--chain local` (three validators; Alice's and Bob's nodes prove):
// a job is verified; `sortition_proof` returns exactly the proof bytes of the extrinsic that
// verified it; `scripts/sortition proof` writes a proof file and `scripts/sortition verify`
// checks it with the runtime's verifier (wasm), valid as it is and invalid after one byte of the
// proof, the output or the inputs changes; the receipt is in the receipts root of its block,
// which is in the next block's MMR leaf, whose MMR root is in that block's header; the job's
// portable receipt verifies against the genesis authority set (`sortition-node verify-receipt`),
// and one with another output, votes of keys outside the set, a header that is not the finalised
// one or an MMR proof of another leaf is rejected with its reason. On a dev node that keeps only
// the last bodies (`--blocks-pruning`), `sortition_proof` says so.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { keccakAsHex } from '@polkadot/util-crypto';

import { heights, logTailsOnFailure, rpcHttp, run, runNode, startLocalTestnet, startNode, waitFor } from '../lib/node.mjs';
import { encodePortable, portableReceiptParts } from '../../scripts/cli/lib/receipt.mjs';
import { findEvent, sendAndWait, waitForEvent } from '../../scripts/cli/lib/tx.mjs';

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/sortition');
const UNIT = 10n ** 12n;
/** The engine id of the header digest item that carries the MMR root (`SRMR`). */
const MMR_ROOT_ENGINE = '0x53524d52';

describe('results leave the chain (--chain local, three validators)', () => {
  let nodes = [];
  logTailsOnFailure(() => nodes);
  let api;
  let port;
  let dir;
  let id;
  let verifiedIn;
  const rpc = (method, ...params) => rpcHttp(port, method, params);
  const sortition = (...args) => run(CLIENT, ['--url', `ws://127.0.0.1:${port}`, ...args], { timeoutMs: 180_000 });

  before(async () => {
    nodes = await startLocalTestnet();
    api = await nodes[2].api(); // Charlie's node: a validator that does not prove
    port = nodes[2].rpcPort;
    dir = mkdtempSync(join(tmpdir(), 'sortition-results-'));
    const dave = new Keyring({ type: 'sr25519' }).addFromUri('//Dave');
    await waitFor('block #1', async () => (await heights(api)).best >= 1, { timeoutMs: 120_000 });
    const submitted = await sendAndWait(api,
      api.tx.jobs.submitJob({ MimcVdf: { seed: 7, steps: 1024 } }, 'Bits128', 2n * UNIT, 2n * UNIT, 20n * UNIT, 50), dave, { timeoutMs: 120_000 });
    assert.equal(submitted.dispatchError, null);
    id = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
    ({ blockNumber: verifiedIn } = await waitForEvent(api, 'jobs', 'ProofVerified', (d) => d.job.toNumber() === id, { timeoutMs: 300_000 }));
  });

  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the proof: exactly the bytes of the extrinsic that verified it', async () => {
    const { result, error } = await rpc('sortition_proof', id);
    assert.equal(error, undefined, JSON.stringify(error));
    const receipt = (await api.call.sortitionApi.receipt(id)).unwrap();
    assert.equal(result.block, verifiedIn);
    assert.equal(receipt.block.toNumber(), verifiedIn);
    assert.equal(result.extrinsicIndex, receipt.extrinsicIndex.toNumber());
    assert.equal(result.blockHash, (await api.rpc.chain.getBlockHash(verifiedIn)).toHex());
    assert.deepEqual(result.inputs, { MimcVdf: { seed: '7', steps: 1024 } });
    assert.equal(result.security, 'Bits128');
    assert.equal(result.program, 'MimcVdf');

    const { block } = await api.rpc.chain.getBlock(result.blockHash);
    const extrinsic = block.extrinsics[result.extrinsicIndex];
    // The prover's node delivers it fee-free: a general transaction authorized by the prover
    // key's signature over its turn of the job.
    assert.equal(`${extrinsic.method.section}.${extrinsic.method.method}`, 'jobs.submitProofAuthorized');
    assert.equal(extrinsic.isSigned, false);
    const [turn, output, proof] = extrinsic.method.args;
    assert.equal(turn.job.toNumber(), id);
    assert.equal(turn.attempt.toNumber(), 1);
    assert.equal(api.createType('AccountId', turn.prover.asSr25519).toString(), result.prover);
    assert.equal(result.proof, proof.toHex());
    // Bound to its prover: the prover's public key.
    assert.equal(result.proverId, turn.prover.asSr25519.toHex());
    assert.deepEqual(result.output, { MimcVdf: output.asMimcVdf.toBigInt().toString() });
  });

  it('writes a proof file that the runtime\'s verifier checks offline, and catches any change', async () => {
    const file = join(dir, `job-${id}.proof.json`);
    const written = await sortition('proof', String(id), '--out', file);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, new RegExp(`^job ${id}: proof of \\d+ bytes \\(mimc-vdf, 1024 steps, seed 7, Bits128; output mimc-vdf \\d+\\), from extrinsic \\d+ of block #${verifiedIn}, written to `));
    const proofFile = JSON.parse(readFileSync(file, 'utf8'));

    const valid = await run(CLIENT, ['verify', file]);
    assert.equal(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, new RegExp(`^valid: mimc-vdf, 1024 steps, seed 7, Bits128 gives mimc-vdf \\d+ \\(job ${id}\\), bound to prover ${proofFile.prover}$`, 'm'));

    const tampered = (name, change) => {
      const copy = structuredClone(proofFile);
      change(copy);
      const path = join(dir, `${name}.json`);
      writeFileSync(path, JSON.stringify(copy));
      return path;
    };
    const flipByte = (hex, at) => {
      const i = 2 + 2 * at;
      const byte = (parseInt(hex.slice(i, i + 2), 16) ^ 0x01).toString(16).padStart(2, '0');
      return hex.slice(0, i) + byte + hex.slice(i + 2);
    };
    const cases = [
      ['a byte of the proof', (p) => { p.proof = flipByte(p.proof, (p.proof.length - 2) / 4); }],
      ['the output', (p) => { p.output.MimcVdf = (BigInt(p.output.MimcVdf) ^ 1n).toString(); }],
      ['the inputs', (p) => { p.inputs.MimcVdf.seed = '8'; }]
    ];
    for (const [what, change] of cases) {
      const { code, stdout, stderr } = await run(CLIENT, ['verify', tampered(what.replace(/ /g, '-'), change)]);
      assert.equal(code, 1, `${what}: ${stdout} ${stderr}`);
      assert.match(stdout, /^invalid for prover \w+: .+ \("\w+"\); a proof verifies only for the prover it is bound to/m, what);
    }
    // The same proof for another prover (Bob): invalid, and it says for which prover.
    // (Another prover than the one that made it: the draw may have picked Bob.)
    const bob = proofFile.prover === '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
      ? '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'
      : '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
    const forBob = await run(CLIENT, ['verify', tampered('for-bob', (p) => { p.prover = bob; delete p.proverId; })]);
    assert.equal(forBob.code, 1, forBob.stderr);
    assert.match(forBob.stdout, new RegExp(`^invalid for prover ${bob}: the proof does not prove that the inputs give this output \\("InvalidProof"\\); a proof verifies only for the prover it is bound to \\(the one that made it\\)$`, 'm'));
    // A prover id that is not the prover's key: not a proof file.
    const mismatched = await run(CLIENT, ['verify', tampered('mismatched', (p) => { p.prover = bob; })]);
    assert.equal(mismatched.code, 2);
    assert.match(mismatched.stderr, /its proverId is not the public key of its prover/);
    const json = await run(CLIENT, ['--json', 'verify', tampered('output-json', cases[1][1])]);
    assert.deepEqual(JSON.parse(json.stdout), { status: 'invalid', reason: 'InvalidProof', message: 'the proof does not prove that the inputs give this output' });

    // Not a proof file at all: exit code 2.
    const notProof = join(dir, 'not-a-proof.json');
    writeFileSync(notProof, '{"hello": 1}');
    const malformed = await run(CLIENT, ['verify', notProof]);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /is not a proof file: not a proof file: missing field `inputs`/);
    const missing = await run(CLIENT, ['verify', join(dir, 'nothing.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nothing\.json: no such file/);
  });

  it('commits to the receipt: its block\'s receipts root is in the next MMR leaf, the MMR root in the header', async () => {
    const next = verifiedIn + 1;
    await waitFor(`block #${next} finalised`, async () => (await heights(api)).finalized >= next, { timeoutMs: 180_000 });
    const nextHash = (await api.rpc.chain.getBlockHash(next)).toHex();

    // The header's digest carries the MMR root of its state.
    const header = await api.rpc.chain.getHeader(nextHash);
    const item = header.digest.logs.find((log) => log.isConsensus && log.asConsensus[0].toHex() === MMR_ROOT_ENGINE);
    assert.ok(item, 'the header has the MMR root digest item');
    const { result: root } = await rpc('mmr_root', nextHash);
    assert.equal(item.asConsensus[1].toHex(), root);

    // The leaf that block added: the receipts of block `verifiedIn`.
    const { result: proof, error } = await rpc('mmr_generateProof', [next], next, nextHash);
    assert.equal(error, undefined, JSON.stringify(error));
    const [leafBytes] = api.createType('Vec<Bytes>', proof.leaves);
    const [block, blockHash, receiptsRoot, receipts] = api.createType('(u32, H256, H256, u32)', leafBytes);
    assert.equal(block.toNumber(), verifiedIn);
    assert.equal(blockHash.toHex(), (await api.rpc.chain.getBlockHash(verifiedIn)).toHex());
    assert.equal(receipts.toNumber(), 1);
    // One receipt: the tree's root is the Keccak-256 hash of its SCALE encoding.
    const receipt = (await api.call.sortitionApi.receipt(id)).unwrap();
    assert.equal(receiptsRoot.toHex(), keccakAsHex(receipt.toU8a()));
    // The MMR proof holds against the root in the header.
    const { result: ok, error: verifyError } = await rpc('mmr_verifyProofStateless', root, proof);
    assert.equal(verifyError, undefined, JSON.stringify(verifyError));
    assert.equal(ok, true);
  });

  it('writes a portable receipt that holds against the genesis authority set, and rejects forgeries', async () => {
    const file = join(dir, `job-${id}.receipt.json`);
    const written = await sortition('receipt', String(id), '--out', file);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, new RegExp(`^job ${id}: receipt of block #${verifiedIn}, in the history finalised at block #\\d+; \\d+ bytes, written to `));
    const receiptFile = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(receiptFile.receipt.block, verifiedIn);
    assert.ok(receiptFile.finalized.number > verifiedIn);

    const valid = await runNode(['verify-receipt', file, '--chain', 'local']);
    assert.equal(valid.code, 0, valid.stdout + valid.stderr);
    assert.match(valid.stdout, new RegExp(`^valid: job ${id} \\(MimcVdf, Bits128\\) has output MimcVdf\\(\\d+\\), proven by \\w+ in block #${verifiedIn} \\(extrinsic \\d+\\); block #\\d+ is finalised by authority set 0$`, 'm'));

    // Forgeries, each made from the real parts with one thing changed.
    const send = async (method, params) => {
      const { result, error } = await rpc(method, ...params);
      if (error) throw new Error(JSON.stringify(error));
      return result;
    };
    const parts = await portableReceiptParts(api, send, id);
    const forged = (name, change) => {
      const copy = { ...parts };
      change(copy);
      const path = join(dir, `${name}.receipt.json`);
      writeFileSync(path, JSON.stringify({ portable: encodePortable(copy) }));
      return path;
    };
    const checks = [];
    // Another output: the receipt's output is at bytes 43.. (job 8, program 1, level 1,
    // inputs hash 32, output variant 1).
    checks.push([forged('other-output', (p) => { p.receipt = Uint8Array.from(p.receipt); p.receipt[43] ^= 1; }), [],
      /^invalid: the receipt is not among its block's receipts \(ReceiptNotInBlock\)$/m]);
    // Votes of keys outside the trusted set: trust Dave, Eve and Ferdie instead.
    const ed = new Keyring({ type: 'ed25519' });
    const outsiders = join(dir, 'outsiders.json');
    writeFileSync(outsiders, JSON.stringify({ setId: 0, authorities: ['//Dave', '//Eve', '//Ferdie'].map((s) => [`0x${Buffer.from(ed.addFromUri(s).publicKey).toString('hex')}`, 1]) }));
    checks.push([file, ['--authorities', outsiders], /^invalid: a vote is signed by a key outside the authority set \(UnknownAuthority\)$/m]);
    // A header that is not the one the justification finalises: the best one.
    const best = await api.rpc.chain.getHeader();
    assert.notEqual(best.hash.toHex(), parts.finalized.hash);
    checks.push([forged('not-finalised', (p) => { p.header = best.toU8a(); }), [],
      /^invalid: the justification finalises another header than the receipt's \(JustificationOfOtherHeader\)$/m]);
    // The MMR proof of another leaf (the block before).
    const leafBlock = verifiedIn + 1;
    const otherProof = await send('mmr_generateProof', [[leafBlock - 1], parts.finalized.number, parts.finalized.hash]);
    checks.push([forged('other-leaf', (p) => { p.mmrProof = api.createType('Bytes', otherProof.proof).toU8a(true); }), [],
      /^invalid: the MMR proof does not prove the leaf in the header's MMR \(LeafNotInMmr\)$/m]);
    for (const [path, extra, message] of checks) {
      const { code, stdout, stderr } = await runNode(['verify-receipt', path, '--chain', 'local', ...extra]);
      assert.equal(code, 1, `${path}: ${stdout} ${stderr}`);
      assert.match(stdout, message);
    }

    // Not a portable receipt: exit 2.
    const malformed = await runNode(['verify-receipt', forged('truncated', (p) => { p.setChanges = new Uint8Array(); }), '--chain', 'local']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /is not a portable receipt: `portable` does not decode/);
  });

  it('says why there is no proof: an unknown job, a job not verified', async () => {
    const unknown = await rpc('sortition_proof', 999);
    assert.equal(unknown.error.code, 7001);
    const keyring = new Keyring({ type: 'sr25519' });
    const eve = keyring.addFromUri('//Eve');
    const submitted = await sendAndWait(api,
      api.tx.jobs.submitJob({ Fibonacci: { steps: 1024 } }, 'Bits96', UNIT, UNIT, 10n * UNIT, 50), eve, { timeoutMs: 120_000 });
    const pending = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
    const { error } = await rpc('sortition_proof', pending, submitted.blockHash.toHex());
    assert.equal(error.code, 7003);
    assert.equal(error.message, `job ${pending} has no proof: it is Pending, not Verified`);
    const cli = await sortition('proof', String(pending));
    assert.equal(cli.code, 1);
  });
});

describe('sortition_proof on a node that prunes block bodies (--dev --blocks-pruning 2)', () => {
  let node;

  before(async () => {
    node = await startNode(['--dev', '--tmp', '--blocks-pruning', '2'], { name: 'pruned' });
  });

  after(async () => {
    await node?.stop();
  });

  it('answers that the body is gone, and where to ask', async () => {
    const api = await node.api();
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    const submitted = await sendAndWait(api, api.tx.jobs.submitJob({ Fibonacci: { steps: 64 } }, 'Bits96', UNIT, UNIT, 10n * UNIT, 20), bob);
    const id = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
    const { blockNumber: verifiedIn } = await waitForEvent(api, 'jobs', 'ProofVerified', (d) => d.job.toNumber() === id, { timeoutMs: 120_000 });
    await waitFor('the body pruned', async () => (await heights(api)).finalized >= verifiedIn + 4, { timeoutMs: 120_000 });
    const { error } = await rpcHttp(node.rpcPort, 'sortition_proof', [id]);
    assert.equal(error?.code, 7004, JSON.stringify(error));
    assert.match(error.message, new RegExp(`^this node no longer has the body of block #${verifiedIn} \\(0x[0-9a-f]+\\), which holds the proof of job ${id}: .*--blocks-pruning archive-canonical`));
  });
});
