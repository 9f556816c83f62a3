// The command-line client (`scripts/sortition`) against a dev chain whose node proves: a
// requester submits a job and follows it to its verified output; jobs, quotes and provers are
// shown; a prover registers, bonds and unbonds; bad arguments and the chain's refusals come back
// as one line and a non-zero exit code.

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { run, startNode } from '../lib/node.mjs';
import { findEvent, sendAndWait } from '../../scripts/cli/lib/tx.mjs';

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/sortition');

describe('command-line client (--dev)', () => {
  let node;
  const sortition = (...args) => run(CLIENT, ['--url', `ws://127.0.0.1:${node.rpcPort}`, ...args], { timeoutMs: 180_000 });

  /** A refusal: exit code `code`, one line on stderr matching `message`, nothing on stdout. */
  function assertRefused ({ code, stdout, stderr }, expectedCode, message) {
    assert.equal(code, expectedCode, `exit code (stdout: ${stdout}, stderr: ${stderr})`);
    assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
    assert.match(stderr.trim(), message);
    assert.equal(stdout, '');
  }

  before(async () => {
    node = await startNode(['--dev', '--tmp'], { name: 'client' });
    await node.api();
  });

  after(async () => {
    await node?.stop();
  });

  let id;

  it('submits a job and follows it to its verified output', async () => {
    const { code, stdout, stderr } = await sortition('submit', 'fibonacci', '4096', '--fee', '2', '--collateral', '20', '--from', 'bob');
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0], /^#\d+ job (\d+): submitted \(fibonacci, 4096 steps; fee 2 SORT, collateral 20 SORT\)$/);
    id = Number(/job (\d+)/.exec(lines[0])[1]);
    const steps = lines.map((line) => /^#\d+ job \d+: (\w+)/.exec(line)?.[1]);
    // Alice's node proves a job this small in the block of the draw: the proof is her
    // acceptance, and it is verified in the next block (had her node been slower: an
    // 'accepted' line first).
    const accepted = steps.includes('accepted');
    assert.deepEqual(steps, ['submitted', 'assigned', ...(accepted ? ['accepted'] : []), 'verified'], stdout);
    assert.match(lines[1], /assigned to 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY \(attempt 1\), who must accept or prove it by #\d+/);
    assert.match(lines.at(-1), /verified: output fibonacci \d+, proven by 5Grwva\S+, paid 2 SORT$/);
    // Block numbers only go up.
    const blocks = lines.map((line) => Number(/^#(\d+)/.exec(line)[1]));
    assert.deepEqual([...blocks].sort((a, b) => a - b), blocks);
  });

  it('shows the job, as text and as JSON, and lists it among the requester\'s jobs', async () => {
    const shown = await sortition('job', String(id));
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^job ${id}: verified: output fibonacci \\d+, proven by 5Grwva`));
    assert.match(shown.stdout, /fee +2 SORT/);

    const json = await sortition('--json', 'job', String(id));
    const job = JSON.parse(json.stdout);
    assert.equal(job.id, id);
    assert.ok(job.state.Verified.output.Fibonacci);

    const listed = await sortition('jobs', '--from', 'bob');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^jobs submitted by 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty: 1\n/);
    assert.match(listed.stdout, new RegExp(`\\b${id}  fibonacci, 4096 steps, Bits96, fee 2 SORT: verified`));
    const held = await sortition('--json', 'jobs', '--prover', 'alice');
    assert.deepEqual(JSON.parse(held.stdout), []);
  });

  it('quotes a job, and says why it cannot', async () => {
    const { code, stdout, stderr } = await sortition('quote', 'mimc-vdf', '65536');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^mimc-vdf, 65536 steps, collateral 10 SORT:\n  1 eligible prover\(s\) with 100000 SORT of stake\n/);
    assert.match(stdout, /median fee {2}1 SORT/);
    // What to submit with: the median fee, rising up to the full fee.
    assert.match(stdout, /suggested {3}--fee 1 --max-fee 1\n/);
    assertRefused(await sortition('quote', 'mimc-vdf', '1000'), 1, /^error: steps must be a power of two \(64, 128, \.\.\., 1048576\)$/);
  });

  it('registers a prover, bonds, unbonds and shows it', async () => {
    // Charlie asks more than any job here pays, so he is never drawn (his node does not prove).
    const registered = await sortition('register', '--stake', '2000', '--programs', 'fibonacci,mimc-vdf',
      '--ask', 'fibonacci=1000', '--ask', 'mimc-vdf=1000.5', '--from', 'charlie');
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(registered.stdout, /^#\d+ registered 5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y as a prover with 2000 SORT staked$/m);

    const bonded = await sortition('bond', '100', '--from', 'charlie');
    assert.equal(bonded.code, 0, bonded.stderr);
    assert.match(bonded.stdout, /bonded 100 SORT: stake 2100 SORT/);
    const unbonded = await sortition('unbond', '50.25', '--from', 'charlie');
    assert.equal(unbonded.code, 0, unbonded.stderr);
    assert.match(unbonded.stdout, /unbonding 50\.25 SORT: withdraw it from block #\d+/);

    const shown = await sortition('prover', 'charlie');
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /stake +2049\.75 SORT \(0 SORT locked by 0 job\(s\), 2049\.75 SORT free\)/);
    assert.match(shown.stdout, /asks +fibonacci 1000 SORT, mimc-vdf 1000\.5 SORT/);
    assert.match(shown.stdout, /unbonding +50\.25 SORT from #\d+/);
    assert.match(shown.stdout, /draw weight 2049\.75 SORT \(reliability 100\.0% of the stake\)/);

    // Too early to withdraw: the chain's reason, with its documentation.
    assertRefused(await sortition('withdraw', '--from', 'charlie'), 1, /^error: provers\.\w+: /);
  });

  /** Root (Alice, the dev chain's sudo) sets the jobs pallet's re-draw interval. */
  async function setRedrawInterval (blocks) {
    const api = await node.api();
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const params = (await api.query.jobs.params()).toJSON();
    const { dispatchError, events } = await sendAndWait(api, api.tx.sudo.sudo(api.tx.jobs.setParams({ ...params, redrawInterval: blocks })), alice);
    assert.equal(dispatchError, null);
    assert.ok(findEvent(events, 'sudo', 'Sudid').data.sudoResult.isOk, 'jobs.setParams as Root');
    return params.redrawInterval;
  }

  it('raises a fee below every ask until a prover takes the job, and shows each step', async () => {
    // Alice (the only prover taking fibonacci for less than 1000 SORT) now asks 5 SORT. A job
    // at 2 SORT, up to 6: nobody at 2, 3 or 4 (the fee rises after each fruitless draw, in
    // fee_steps = 4 steps of 1), Alice at 5; she is paid 5 and Bob gets 1 back. The next draw
    // one block after a fruitless one, not five: the same steps in a fifth of the time.
    const redrawInterval = await setRedrawInterval(1);
    const asked = await sortition('set-asks', 'fibonacci=5', '--from', 'alice');
    assert.equal(asked.code, 0, asked.stderr);
    const { code, stdout, stderr } = await sortition('submit', 'fibonacci', '1024', '--fee', '2', '--max-fee', '6', '--from', 'bob');
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n').map((line) => line.replace(/^#\d+ job \d+: /, ''));
    const body = lines.filter((line) => !line.startsWith('accepted'));
    const expected = [
      /^submitted \(fibonacci, 1024 steps; fee 2 SORT rising up to 6 SORT, collateral 10 SORT\)$/,
      ...[3, 4, 5].flatMap((fee) => [
        /^no eligible prover drawn; next draw at #\d+$/,
        new RegExp(`^fee raised to ${fee} SORT \\(at most 6 SORT\\)$`)
      ]),
      /^assigned to 5Grwva\S+ \(attempt 1\)/,
      /^verified: output fibonacci \d+, proven by 5Grwva\S+, paid 5 SORT, 1 SORT refunded$/
    ];
    assert.equal(body.length, expected.length, stdout);
    body.forEach((line, i) => assert.match(line, expected[i]));
    const restored = await sortition('set-asks', 'fibonacci=0', '--from', 'alice');
    assert.equal(restored.code, 0, restored.stderr);
    await setRedrawInterval(redrawInterval);
  });

  it('gives one line and a non-zero exit code for bad arguments and chain errors', async () => {
    assertRefused(await sortition('submit', 'fibonaci', '1024', '--from', 'bob'), 2,
      /^error: unknown program 'fibonaci' \(one of: fibonacci, rescue-chain, mimc-vdf\)/);
    assertRefused(await sortition('submit', 'fibonacci', '1024'), 2, /give the account with --from/);
    assertRefused(await sortition('submit', 'fibonacci', '1024', '--fee', 'ten', '--from', 'bob'), 2, /--fee must be an amount of SORT/);
    assertRefused(await sortition('frobnicate'), 2, /^error: unknown command 'frobnicate'/);
    assertRefused(await sortition('proof'), 2, /^error: proof takes a job id/);
    assertRefused(await sortition('receipt', 'seven'), 2, /^error: the job id must be a whole number, not 'seven'/);
    assertRefused(await sortition('verify'), 2, /^error: verify takes a proof file/);
    assertRefused(await sortition('proof', '999'), 1, /^error: there is no job 999/);
    assertRefused(await sortition('receipt', '999'), 1, /^error: there is no job 999/);
    assertRefused(await sortition('job', '999'), 1, /^error: there is no job 999: it was never submitted/);
    assertRefused(await sortition('prover', 'dave'), 1, /^error: 5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy is not a registered prover$/);
    // The chain refuses the job: its error and documentation, not an index.
    assertRefused(await sortition('submit', 'fibonacci', '1000', '--fee', '2', '--from', 'bob'), 1,
      /^error: jobs\.StepsNotPowerOfTwo: `steps` must be a power of two/);
    assertRefused(await sortition('cancel', String(id), '--from', 'bob'), 1, /^error: jobs\.JobNotPending: /);
    assertRefused(await sortition('submit', 'fibonacci', '1024', '--fee', '2', '--max-fee', '1', '--from', 'bob'), 1,
      /^error: jobs\.MaxFeeBelowFee: `max_fee` is below `fee`/);
    assertRefused(await sortition('decline', String(id), '--from', 'alice'), 1, /^error: jobs\.JobNotAssigned: /);
    // No node there.
    const unreachable = await run(CLIENT, ['--url', 'ws://127.0.0.1:1', 'job', '1']);
    assertRefused(unreachable, 1, /^error: cannot reach a node at ws:\/\/127\.0\.0\.1:1/);
  });
});
