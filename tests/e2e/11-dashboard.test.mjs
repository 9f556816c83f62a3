// The market dashboard (dashboard/) in Chromium against a dev chain: a job submitted from the
// page appears and moves through its states to its verified output; its proof downloads, and
// "verify in this browser" says valid for it and invalid for a tampered copy; the charts hold
// exactly the jobs the chain verified in their window (counted here from the blocks' events);
// a prover that never proves (Dave: no node proves for him) shows in the failures feed with the
// chain's reasons, entry for entry as the blocks' events say; an unreachable endpoint, a node of
// another chain and job ids that do not exist each get a clear message; with 1,000 jobs in the
// chain the first render and each block's update are timed. No page logs a console error.
// Screenshots go to tests/artifacts/dashboard/.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { ARTIFACTS, launchBrowser, newPage, screenshot, serveDashboard } from '../lib/browser.mjs';
import { freePort, rpcHttp, startNode, waitFor } from '../lib/node.mjs';
import { otherChainEndpoint } from '../lib/other-chain.mjs';
import { submitBurst } from '../../scripts/cli/lib/load.mjs';
import { sendAndWait } from '../../scripts/cli/lib/tx.mjs';

const UNIT = 10n ** 12n;
/** The jobs of the load part (the figure). */
const BURST = Number(process.env.SORTITION_DASHBOARD_BURST ?? 1000);

describe('the dashboard in Chromium (dev chain)', () => {
  let node;
  let api;
  let server;
  let browser;
  let ws;
  const open = async (hash = '', endpoint = ws) => {
    const page = await newPage(browser);
    await page.goto(`${server.url}?rpc=${encodeURIComponent(endpoint)}${hash}`);
    return page;
  };
  /** The page's current state of the job page (`data-job-state`), or null. */
  const shownState = (page) => page.locator('[data-job-page]').getAttribute('data-job-state', { timeout: 1000 }).catch(() => null);
  const noErrors = (page) => assert.deepEqual(page.errors, [], 'the console shows no errors');

  before(async () => {
    node = await startNode(['--dev', '--tmp', '--rpc-cors', 'all'], { name: 'dashboard' });
    api = await node.api();
    ws = `ws://127.0.0.1:${node.rpcPort}`;
    server = await serveDashboard();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    server?.stop();
    await node?.stop();
  });

  let jobId;

  it('submits a job from the page with a development account, after a quote, and follows it to its verified output', async () => {
    const page = await open('#/submit');
    await page.locator('[data-form="submit"]').waitFor({ timeout: 30_000 });
    // The submit button waits for a quote.
    assert.equal(await page.locator('[data-action="submit"]').isDisabled(), true);
    await page.locator('[data-action="quote"]').click();
    await page.locator('[data-quote]').waitFor();
    assert.match(await page.locator('[data-quote]').innerText(), /eligible provers\s+1, with 100,000 SORT of stake/);
    // No browser extension in this Chromium: the page says so (and keeps the dev accounts).
    await page.locator('[data-action="extension"]').click();
    await page.locator('[data-error="submit"]').waitFor();
    assert.match(await page.locator('[data-error="submit"]').innerText(), /No browser extension gave this page access to accounts/);
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob').address;
    await page.selectOption('select[name="account"]', bob);
    await page.locator('[data-action="submit"]').click();
    await page.waitForURL(/#\/job\/\d+$/, { timeout: 60_000 });
    jobId = Number(/#\/job\/(\d+)$/.exec(page.url())[1]);

    // The chain has the job, as submitted: Bob's, fibonacci 2^10.
    const job = (await api.query.jobs.jobs(jobId)).unwrap();
    assert.equal(job.requester.toString(), bob);
    assert.equal(job.inputs.type, 'Fibonacci');
    assert.equal(job.inputs.asFibonacci.steps.toNumber(), 1024);

    // The page follows it block by block: every state it shows, in order.
    const seen = [];
    await waitFor('the page to show the job verified', async () => {
      const state = await shownState(page);
      if (state && seen[seen.length - 1] !== state) seen.push(state);
      return state === 'Verified';
    }, { timeoutMs: 120_000, intervalMs: 200 });
    // A 2^10-step proof is ready in the block of the draw: it is the acceptance, so the job
    // goes from Assigned to Verified (had the worker been slower: accepted, Proving, first).
    const accepted = seen.includes('Proving');
    assert.deepEqual(seen, ['Pending', 'Assigned', ...(accepted ? ['Proving'] : []), 'Verified'], `states shown: ${seen.join(' -> ')}`);

    const verified = (await api.query.jobs.jobs(jobId)).unwrap().state.asVerified;
    const output = verified.output.asFibonacci.toString();
    assert.equal((await page.locator('[data-output]').innerText()).trim(), output);
    await page.locator('[data-event="ProofVerified"]').waitFor({ timeout: 30_000 });
    const events = await page.locator('[data-timeline] li').evaluateAll((items) => items.map((li) => li.dataset.event));
    assert.deepEqual(events, ['JobSubmitted', 'ProverAssigned', ...(accepted ? ['JobAccepted'] : []), 'ProofVerified']);
    await screenshot(page, 'job-verified');
    noErrors(page);
    await page.close();
  });

  it('downloads the proof, verifies it in the browser, and finds a tampered copy invalid', async () => {
    const page = await open(`#/job/${jobId}`);
    await page.locator('[data-action="verify"]').click({ timeout: 30_000 });
    await page.locator('[data-verdict]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('[data-verdict]').getAttribute('data-verdict'), 'valid');
    assert.match(await page.locator('[data-verdict]').innerText(), new RegExp(`job #${jobId}: Fibonacci with 1024 steps gives`));

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download"]').click()]);
    assert.equal(download.suggestedFilename(), `job-${jobId}.proof.json`);
    const file = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const proof = JSON.parse(readFileSync(file, 'utf8'));
    const fromNode = (await rpcHttp(node.rpcPort, 'sortition_proof', [jobId])).result;
    assert.deepEqual(proof, fromNode, 'the downloaded file is the node\'s sortition_proof answer');

    // One byte of the proof changed, deep inside it.
    const tampered = join(ARTIFACTS, `job-${jobId}.tampered.proof.json`);
    const at = 2 + 2 * Math.floor((proof.proof.length - 2) / 4);
    const byte = proof.proof.slice(at, at + 2);
    writeFileSync(tampered, JSON.stringify({ ...proof, proof: proof.proof.slice(0, at) + (byte === 'ff' ? '00' : 'ff') + proof.proof.slice(at + 2) }));
    const notAProof = join(ARTIFACTS, 'not-a-proof.json');
    writeFileSync(notAProof, '{"hello": "world"}');

    await page.goto(`${server.url}?rpc=${encodeURIComponent(ws)}#/verify`);
    const input = page.locator('[data-input="proof-file"]');
    await input.setInputFiles(file);
    await page.locator('[data-verdict="valid"]').waitFor({ timeout: 30_000 });
    await input.setInputFiles(tampered);
    await page.locator('[data-verdict="invalid"]').waitFor({ timeout: 30_000 });
    const reason = await page.locator('[data-verdict]').innerText();
    assert.match(reason, /^invalid: /);
    await screenshot(page, 'verify-tampered');
    await input.setInputFiles(notAProof);
    await page.locator('[data-verdict="malformed"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-verdict]').innerText(), /not a proof file/);
    noErrors(page);
    await page.close();
  });

  it('says clearly what is wrong: an unreachable endpoint, a node of another chain, jobs that do not exist', async () => {
    // Nothing listens on this port.
    const nobody = `ws://127.0.0.1:${await freePort()}`;
    let page = await open('', nobody);
    const error = page.locator('[data-error="connection"]');
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.innerText(), new RegExp(`cannot reach a node at ${nobody}`));
    // The browser itself logs the failed WebSocket handshake; nothing else may be logged.
    assert.deepEqual(page.errors.filter((e) => !/WebSocket connection to .* failed/.test(e)), []);
    await screenshot(page, 'unreachable');
    await page.close();

    page = await open('', 'http://example');
    await page.locator('[data-error="connection"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-error="connection"]').innerText(), /'http:\/\/example' is not a WebSocket address/);
    noErrors(page);
    await page.close();

    const other = await otherChainEndpoint(ws);
    try {
      page = await open('', other.url);
      await page.locator('[data-error="connection"]').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('[data-error="connection"]').innerText(),
        /is a node of 'Polkadot' \(runtime 'polkadot'\), not a Sortition chain: its runtime has no jobs and provers pallets/);
      noErrors(page);
      await screenshot(page, 'other-chain');
      await page.close();
    } finally {
      await other.close();
    }

    // Then the same page connects to the right node, from its endpoint field.
    page = await open('', nobody);
    await page.locator('[data-error="connection"]').waitFor({ timeout: 30_000 });
    await page.fill('input[name="endpoint"]', ws);
    await page.locator('form.endpoint button').click();
    await page.locator('[data-status]').waitFor({ timeout: 30_000 });
    await page.close();

    page = await open('#/job/999999');
    await page.locator('[data-error="job"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-error="job"]').innerText(), /There is no job #999999: this chain has had \d+ job\(s\) so far/);
    await page.goto(`${server.url}?rpc=${encodeURIComponent(ws)}#/job/seven`);
    await page.locator('[data-error="job"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-error="job"]').innerText(), /'seven' is not a job id/);
    noErrors(page);
    await page.close();
  });

  it(`with ${BURST} jobs in the chain: the charts hold the chain's verified jobs; first render and block updates are timed`, async () => {
    const keyring = new Keyring({ type: 'sr25519' });
    // Dave registers as a prover, but no node proves for him: the jobs drawn for him time out,
    // he is slashed and suspended, and they go to Alice.
    const dave = keyring.addFromUri('//Dave');
    const registered = await sendAndWait(api, api.tx.provers.register(2000n * UNIT, ['Fibonacci'], []), dave);
    assert.equal(registered.dispatchError, null);
    const submitted = await submitBurst(api, keyring, keyring.addFromUri('//Bob'), {
      count: BURST, fee: 2n * UNIT, collateral: 10n * UNIT, window: 100
    });
    const ids = new Set(submitted.map((s) => s.id));
    const inBlock = Math.max(...submitted.map((s) => s.block));

    // While the chain works through the burst: a page opened now.
    let page = await open();
    await page.locator('[data-status]').waitFor({ timeout: 60_000 });
    const head = await page.evaluate(() => Number(document.querySelector('[data-head]').textContent.slice(1)));
    await waitFor('three block updates', () => page.evaluate((h) => window.sortitionDashboard.metrics.updates.filter((u) => u.block > h).length >= 3, head), { timeoutMs: 60_000, intervalMs: 500 });
    const busy = await page.evaluate(() => window.sortitionDashboard.metrics);
    console.log(`dashboard timing while the chain proves the burst: ${JSON.stringify(busy)}`);
    await screenshot(page, 'busy');
    noErrors(page);
    await page.close();

    // Every job of the burst ended. Not necessarily verified: a prover that misses a window is
    // out of the draw until its node resumes it, and a job drawn while nobody is in the draw
    // waits and can expire. The charts must show whatever the chain did, so this waits for the
    // end, and says how it ended.
    let ended;
    await waitFor(`all ${BURST} jobs ended`, async () => {
      const entries = (await api.query.jobs.jobs.entries()).filter(([k]) => ids.has(k.args[0].toNumber()));
      ended = {
        verified: entries.filter(([, v]) => v.unwrap().state.isVerified).length,
        failed: entries.filter(([, v]) => v.unwrap().state.isFailed).length
      };
      return ended.verified + ended.failed === BURST;
    }, { timeoutMs: 900_000, intervalMs: 5000 });
    console.log(`the burst ended: ${JSON.stringify(ended)}`);

    // Settled, with every job of the burst (and the first test's) in the chain's state.
    page = await open();
    await page.locator('[data-status]').waitFor({ timeout: 60_000 });
    const start = await page.evaluate(() => Number(document.querySelector('[data-head]').textContent.slice(1)));
    await waitFor('five block updates', () => page.evaluate((h) => window.sortitionDashboard.metrics.updates.filter((u) => u.block > h).length >= 5, start), { timeoutMs: 90_000, intervalMs: 500 });
    const settled = await page.evaluate(() => window.sortitionDashboard.metrics);

    // The charts against the chain: the ProofVerified events of the window's blocks, read here.
    const { charts, shownHead } = await page.evaluate(() => ({
      charts: window.sortitionDashboard.charts(),
      shownHead: Number(document.querySelector('[data-head]').textContent.slice(1))
    }));
    const window = charts['per-block'].labels.length;
    const from = shownHead - window + 1;
    const perBlock = [];
    const latencies = [];
    const failures = [];
    const FAILURES = ['jobs.ProverFailed', 'jobs.ProofRejected', 'jobs.JobFailed', 'jobs.JobDeclined', 'jobs.NoProverDrawn', 'provers.Slashed', 'provers.Suspended'];
    const submittedAt = new Map();
    const atHead = await api.at(await api.rpc.chain.getBlockHash(shownHead));
    for (const [key, value] of await atHead.query.jobs.jobs.entries()) {
      submittedAt.set(key.args[0].toNumber(), value.unwrap().submittedAt.toNumber());
    }
    for (let n = from; n <= shownHead; n++) {
      const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(n));
      for (const { event } of events) {
        const kind = `${event.section}.${event.method}`;
        if (FAILURES.includes(kind)) failures.unshift({ block: n, kind, job: event.data.job?.toNumber() ?? null, prover: event.data.prover?.toString() ?? null });
      }
      const verified = events.filter(({ event }) => event.section === 'jobs' && event.method === 'ProofVerified');
      perBlock.push(verified.length);
      for (const { event } of verified) latencies.push(n - submittedAt.get(event.data.job.toNumber()));
    }
    assert.deepEqual(charts['per-block'].labels, Array.from({ length: window }, (_, i) => `#${from + i}`));
    assert.deepEqual(charts['per-block'].data, perBlock, 'proofs verified per block: as the blocks\' events say');
    const histogram = new Array(Math.max(0, ...latencies)).fill(0);
    for (const l of latencies) histogram[l - 1]++;
    assert.deepEqual(charts.latency.data, histogram, 'latency histogram: as the blocks\' events say');
    assert.ok(perBlock.reduce((a, b) => a + b, 0) > 0 || shownHead - inBlock > window, 'the window has the burst\'s proofs');

    // The failures feed: Dave's, exactly the window's failure events, newest first, with the
    // runtime's words for the reason.
    await waitFor('the feed\'s history', () => page.evaluate(() => window.sortitionDashboard.historyLoaded()), { intervalMs: 200 });
    const feed = await page.evaluate(() => window.sortitionDashboard.failures());
    const inWindow = (f) => f.block >= from && f.block <= shownHead;
    assert.deepEqual(feed.filter(inWindow), failures, 'the failures feed: as the blocks\' events say');
    assert.ok(failures.some((f) => f.kind === 'jobs.ProverFailed' && f.prover === dave.address), 'Dave failed in the window');
    // The newest failure on the page is the chain's newest. The feed shows the 50 newest: when
    // Alice failed after Dave (see the wait above), her slashes and the redraws push his
    // entries off it, so the runtime's words are checked on the newest `ProverFailed` shown.
    const top = await page.locator('[data-feed="failures"] li').first().innerText();
    assert.match(top, new RegExp(`^#${feed[0].block} .*${feed[0].kind.split('.')[1]}`, 's'));
    const shownFailed = page.locator('[data-kind="jobs.ProverFailed"]');
    if (await shownFailed.count() > 0) {
      assert.match(await shownFailed.first().innerText(), /(Alice|Dave): it (did not accept an assigned job within the accept window|accepted a job and did not submit a proof before the deadline)/);
    }
    assert.match(await page.locator(`[data-prover="${dave.address}"]`).innerText(), /Dave.*\b0 \/ [1-9]\d* \/ 0\b/s, 'Dave\'s record: none proven, some missed');
    await screenshot(page, 'settled');
    noErrors(page);
    await page.close();

    const ms = (m) => m.updates.map((u) => u.ms);
    const report = {
      jobs: BURST,
      busy: { firstRenderMs: busy.firstRenderMs, updatesMs: ms(busy) },
      settled: { firstRenderMs: settled.firstRenderMs, updatesMs: ms(settled), phases: settled.phases }
    };
    console.log(`dashboard timing: ${JSON.stringify(report)}`);
    writeFileSync(join(ARTIFACTS, 'timing.json'), `${JSON.stringify(report, null, 2)}\n`);
    assert.ok(settled.firstRenderMs < 2000, `first render with ${BURST} jobs in the chain: ${settled.firstRenderMs} ms`);
    for (const u of settled.updates) assert.ok(u.ms < 200, `block #${u.block} shown ${u.ms} ms after it arrived`);
  });
});
