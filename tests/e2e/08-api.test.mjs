// The programmatic surface on a dev chain: the runtime API `SortitionApi` through
// @polkadot/api's `api.call` (what polkadot.js apps' "Runtime calls" uses) and through raw
// `state_call`, and the node's `sortition_*` JSON-RPC methods over it, with their errors. The
// node runs with `--no-prover`, so Bob's job stays with Alice where the test can look at it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { rpcHttp, startNode, waitFor } from '../lib/node.mjs';
import { findEvent, sendAndWait, waitForEvent } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;
const FEE = 10n * UNIT;
const COLLATERAL = 100n * UNIT;
const METHODS = ['job', 'requesterJobs', 'proverJobs', 'prover', 'quote', 'receipt', 'receiptProof'];
/** The `sortition_*` RPC methods: the runtime API's, and `proof` (which reads a block body). */
const RPC_METHODS = ['job', 'requesterJobs', 'proverJobs', 'prover', 'quote', 'proof'];
const README = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

/** The README's text from heading `from` to the next second-level heading. */
function section (from) {
  const start = README.indexOf(`## ${from}`);
  assert.ok(start >= 0, `README has "## ${from}"`);
  const end = README.indexOf('\n## ', start + 3);
  return README.slice(start, end < 0 ? undefined : end);
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

describe('runtime API and sortition_* RPC (--dev)', () => {
  let node;
  let api;
  let alice;
  let bob;
  let charlie;
  let id;
  let beforeSubmission;

  /** A `sortition_*` method over HTTP: `{ result }` or `{ error: { code, message, data } }`. */
  const rpc = (method, ...params) => rpcHttp(node.rpcPort, `sortition_${method}`, params);

  before(async () => {
    node = await startNode(['--dev', '--tmp', '--no-prover'], { name: 'api' });
    api = await node.api();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    charlie = keyring.addFromUri('//Charlie');

    // Bob submits a job; the chain draws Alice, who does not accept (her node does not prove).
    beforeSubmission = (await api.rpc.chain.getHeader()).hash.toHex();
    const submitted = await sendAndWait(api,
      api.tx.jobs.submitJob({ Fibonacci: { steps: 1024 } }, 'Bits96', FEE, FEE, COLLATERAL, 20), bob);
    assert.equal(submitted.dispatchError, null);
    id = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
  });

  after(async () => {
    await node?.stop();
  });

  it('puts the runtime API and its documentation in the metadata', async () => {
    const declared = api.runtimeMetadata.asLatest.apis.find((a) => a.name.toString() === 'SortitionApi');
    assert.ok(declared, 'SortitionApi is in the metadata');
    assert.match(declared.docs.join(' '), /jobs, provers and fees/);
    assert.deepEqual(declared.methods.map((m) => m.name.toString()).sort(),
      ['job', 'prover', 'prover_jobs', 'quote', 'receipt', 'receipt_proof', 'requester_jobs']);
    for (const method of METHODS) {
      // What apps shows under Developer > Runtime calls.
      const { meta } = api.call.sortitionApi[method];
      assert.ok(meta.description.length > 30, `sortitionApi.${method} has docs`);
    }
    assert.match(api.call.sortitionApi.job.meta.description, /`None` if there is no such job/);
    assert.deepEqual(api.call.sortitionApi.quote.meta.params.map((p) => p.name), ['program', 'steps', 'collateral']);
  });

  it('matches the README: the polkadot.js apps walkthrough and the RPC table', async () => {
    const walkthrough = section('Submit a job with polkadot.js apps');
    const [, call, args] = /pallet \*\*jobs\*\*,\s+call \*\*(\w+)\(([^)]*)\)\*\*/.exec(walkthrough);
    const { meta } = api.tx.jobs[call];
    assert.deepEqual(args.split(', '), meta.args.map((a) => camel(a.name.toString())));
    // Each field with the type apps shows for it.
    for (const [, name, type] of walkthrough.matchAll(/^ {3}- `(\w+)` \(`([^`]+)`\)/gm)) {
      const arg = meta.args.find((a) => camel(a.name.toString()) === name);
      assert.ok(arg, `submitJob has a field ${name}`);
      assert.equal(arg.type.toString(), type, `the type of ${name}`);
    }
    // The variants it names.
    for (const variant of ['Fibonacci', 'RescueChain', 'MimcVdf']) assert.ok(api.createType('SortitionProgramsInputs', { [variant]: {} }));
    for (const variant of ['Bits96', 'Bits128']) assert.equal(api.createType('SortitionProgramsSecurityLevel', variant).type, variant);
    // Every `jobs.X` it mentions is a call, event, error or storage item of the pallet.
    for (const [, item] of walkthrough.matchAll(/`jobs\.(\w+)`/g)) {
      const known = api.tx.jobs[item] || api.events.jobs[item] || api.errors.jobs[item] || api.query.jobs[item];
      assert.ok(known, `jobs.${item} exists`);
    }
    assert.ok(api.query.jobs.receipts && api.call.sortitionApi.job && api.call.sortitionApi.quote);

    // Every RPC method of the table is served.
    const served = (await api.rpc.rpc.methods()).methods.map((m) => m.toString());
    const table = [...section('Query jobs, provers and fees').matchAll(/\| `(sortition_\w+)\(/g)].map((m) => m[1]);
    assert.deepEqual(table, RPC_METHODS.map((m) => `sortition_${m}`));
    for (const method of table) assert.ok(served.includes(method), `${method} is served`);
  });

  it('shows a pending job the same way through api.call, state_call and sortition_job', async () => {
    const job = (await api.call.sortitionApi.job(id)).unwrap();
    assert.equal(job.id.toNumber(), id);
    assert.equal(job.requester.toString(), bob.address);
    assert.equal(job.fee.toBigInt(), FEE);
    assert.equal(job.collateral.toBigInt(), COLLATERAL);
    assert.equal(job.provingWindow.toNumber(), 20);
    assert.deepEqual(job.inputs.toJSON(), { fibonacci: { steps: 1024 } });

    // Raw state_call, decoded with the type the metadata gives the method's result.
    const bytes = await api.rpc.state.call('SortitionApi_job', api.createType('u64', id).toHex());
    const decoded = api.createType(api.call.sortitionApi.job.meta.type, bytes);
    assert.deepEqual(decoded.toJSON(), (await api.call.sortitionApi.job(id)).toJSON());

    // The RPC: balances as decimal strings, accounts in SS58, variants by their names.
    const { result } = await rpc('job', id);
    assert.equal(result.id, id);
    assert.equal(result.requester, bob.address);
    assert.equal(result.fee, FEE.toString());
    assert.equal(result.collateral, COLLATERAL.toString());
    assert.deepEqual(result.inputs, { Fibonacci: { steps: 1024 } });
    assert.equal(result.security, 'Bits96');
    assert.ok(result.state.Pending || result.state.Assigned, JSON.stringify(result.state));
  });

  it('lists the job among the requester\'s and, once drawn, the prover\'s', async () => {
    const requesterJobs = await api.call.sortitionApi.requesterJobs(bob.address);
    assert.deepEqual(requesterJobs.map((j) => j.id.toNumber()), [id]);
    assert.deepEqual((await rpc('requesterJobs', bob.address)).result.map((j) => j.id), [id]);
    assert.deepEqual((await rpc('requesterJobs', charlie.address)).result, []);

    await waitFor('Alice drawn', async () => (await api.call.sortitionApi.proverJobs(alice.address)).length === 1);
    const { result: [held] } = await rpc('proverJobs', alice.address);
    assert.equal(held.id, id);
    assert.equal(held.state.Assigned.prover, alice.address);
    assert.equal(held.attempts, 1);
    assert.equal(held.nextDeadline, held.state.Assigned.acceptBy + 1);
    assert.deepEqual((await rpc('proverJobs', bob.address)).result, []);
  });

  it('shows a prover\'s record, with the job\'s collateral locked', async () => {
    await waitFor('Alice holding the job', async () => (await rpc('prover', alice.address)).result.activeJobs === 1);
    const { result } = await rpc('prover', alice.address);
    assert.equal(result.stake, (100_000n * UNIT).toString());
    assert.equal(result.locked, COLLATERAL.toString());
    assert.equal(result.freeStake, (100_000n * UNIT - COLLATERAL).toString());
    assert.deepEqual(result.asks.map((a) => a.program), ['Fibonacci', 'RescueChain', 'MimcVdf']);
    assert.equal(result.suspended, false);
    assert.deepEqual(result.unbonding, []);

    const viaCall = (await api.call.sortitionApi.prover(alice.address)).unwrap();
    assert.equal(viaCall.locked.toBigInt(), COLLATERAL);
    assert.equal(viaCall.activeJobs.toNumber(), 1);
  });

  it('quotes fees from the eligible provers\' asks', async () => {
    const params = (await api.query.jobs.params()).toJSON();
    const quote = (await api.call.sortitionApi.quote('Fibonacci', 16384, null)).asOk;
    assert.equal(quote.collateral.toBigInt(), BigInt(params.minCollateral));
    // Alice asks nothing: every fee is the chain's minimum.
    assert.equal(quote.lowestFee.toBigInt(), BigInt(params.minFee));
    assert.equal(quote.medianFee.toBigInt(), BigInt(params.minFee));
    assert.equal(quote.eligibleProvers.toNumber(), 1);

    const { result } = await rpc('quote', 'Fibonacci', 16384, (200n * UNIT).toString());
    assert.equal(result.collateral, (200n * UNIT).toString());
    assert.equal(result.medianFee, BigInt(params.minFee).toString());
    assert.equal(result.eligibleStake, (100_000n * UNIT).toString());
    // A number works too, for small amounts.
    assert.equal((await rpc('quote', 'Fibonacci', 64, 10 ** 14)).result.collateral, (100n * UNIT).toString());
  });

  it('says why there is no job, no prover or no quote', async () => {
    assert.equal((await api.call.sortitionApi.job(999)).isNone, true);
    assert.equal((await api.call.sortitionApi.prover(charlie.address)).isNone, true);
    const invalid = await api.call.sortitionApi.quote('Fibonacci', 1000, null);
    assert.equal(invalid.asErr.asInvalidSteps.toString(), 'StepsNotPowerOfTwo');

    const unknownJob = await rpc('job', 999);
    assert.equal(unknownJob.error.code, 7001);
    assert.match(unknownJob.error.message, /^there is no job 999: it was never submitted, or it finished and was pruned/);
    // `at`: before the submission the job did not exist.
    assert.equal((await rpc('job', id, beforeSubmission)).error.code, 7001);
    assert.ok((await rpc('job', id, null)).result, 'at = null is the best block');

    const unknownProver = await rpc('prover', charlie.address);
    assert.equal(unknownProver.error.code, 7002);
    assert.equal(unknownProver.error.message, `${charlie.address} is not a registered prover`);

    const cases = [
      [['Fibonacci', 1000, null], 7010, /^steps must be a power of two/, { InvalidSteps: 'StepsNotPowerOfTwo' }],
      [['Fibonacci', 32, null], 7010, /^steps must be at least 64/, { InvalidSteps: 'TooFewSteps' }],
      [['RescueChain', 1 << 21, null], 7010, /^steps must be at most 1048576/, { InvalidSteps: 'TooManySteps' }],
      [['Fibonacci', 1024, '1'], 7011, /^the collateral is below the chain's minimum/, 'CollateralTooLow'],
      [['MimcVdf', 1024, (200_000n * UNIT).toString()], 7013, /^no prover can take this job now/, 'NoEligibleProver']
    ];
    for (const [params, code, message, data] of cases) {
      const { error } = await rpc('quote', ...params);
      assert.equal(error?.code, code, `quote ${JSON.stringify(params)}: ${JSON.stringify(error)}`);
      assert.match(error.message, message);
      assert.deepEqual(error.data, data);
    }

    // Malformed parameters are JSON-RPC's invalid params, with serde's reason.
    const badAddress = await rpc('prover', 'not-an-address');
    assert.equal(badAddress.error.code, -32602);
    const badProgram = await rpc('quote', 'Sha256', 1024, null);
    assert.equal(badProgram.error.code, -32602);
    assert.match(badProgram.error.message + (badProgram.error.data ?? ''), /unknown variant `Sha256`/);
    const badBalance = await rpc('quote', 'Fibonacci', 1024, '12 SORT');
    assert.equal(badBalance.error.code, -32602);
  });

  it('quotes a paused program as paused', async () => {
    const paused = await sendAndWait(api, api.tx.sudo.sudo(api.tx.jobs.setProgramPaused('MimcVdf', true)), alice);
    assert.equal(paused.dispatchError, null);
    assert.ok(findEvent(paused.events, 'jobs', 'ProgramPauseSet'));
    const { error } = await rpc('quote', 'MimcVdf', 1024, null);
    assert.equal(error.code, 7012);
    assert.match(error.message, /^the program is paused/);
    assert.equal((await api.call.sortitionApi.quote('MimcVdf', 1024, null)).asErr.isProgramPaused, true);
  });

  it('follows the job to its timeout: Alice is suspended and the record says so', async () => {
    await waitForEvent(api, 'jobs', 'ProverFailed', (d) => d.job.toNumber() === id, { timeoutMs: 90_000 });
    const { result } = await rpc('prover', alice.address);
    assert.equal(result.suspended, true);
    assert.equal(result.jobsMissed, 1);
    assert.equal(result.locked, '0');
    // The only prover is suspended: nobody can take a job now.
    assert.equal((await rpc('quote', 'Fibonacci', 1024, null)).error.code, 7013);
    const job = (await rpc('job', id)).result;
    assert.equal(job.failedProvers[0], alice.address);
    // Out of the draw until she resumes (her node would, from suspendedUntil on; this one
    // has no prover), and one miss costs her a third of her weight: reliability 10/15.
    assert.equal(result.mayResume, false);
    assert.equal(result.drawWeight, '0');
    assert.ok(Math.abs(result.reliability - 666_666_667) <= 1, `reliability ${result.reliability}`);
  });

  it('draws new jobs to a small prover at once while the largest is suspended', async () => {
    // Dave registers with 2% of Alice's stake. Each job is drawn in the block after its
    // submission, to Dave: Alice's suspended stake is out of the draw.
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    const dave = keyring.addFromUri('//Dave');
    const registered = await sendAndWait(api,
      api.tx.provers.register(2_000n * UNIT, ['Fibonacci', 'RescueChain', 'MimcVdf'], []), dave);
    assert.equal(registered.dispatchError, null);
    for (let i = 0; i < 3; i++) {
      const submitted = await sendAndWait(api,
        api.tx.jobs.submitJob({ Fibonacci: { steps: 1024 } }, 'Bits96', FEE, FEE, 10n * UNIT, 20), charlie);
      assert.equal(submitted.dispatchError, null);
      const job = findEvent(submitted.events, 'jobs', 'JobSubmitted').data.job.toNumber();
      const submittedAt = (await api.rpc.chain.getHeader(submitted.blockHash)).number.toNumber();
      const drawBlock = await waitFor(`block #${submittedAt + 1}`, async () => {
        const hash = await api.rpc.chain.getBlockHash(submittedAt + 1);
        return hash.isEmpty ? null : hash;
      });
      const state = (await api.query.jobs.jobs.at(drawBlock, job)).unwrap().state;
      assert.ok(state.isAssigned, `job ${job} is drawn in block #${submittedAt + 1}: ${state.type}`);
      assert.equal(state.asAssigned.prover.toString(), dave.address);
    }
  });
});
