// The page's views: the market now, a job, submitting a job, verifying a proof file.

import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';

import { BarChart } from './chart.js';
import { jobInputs, PROGRAMS } from '../../scripts/cli/lib/programs.mjs';
import { Account, amount, clock, parseAmount, programName, SECURITY, steps } from './format.js';
import { FINISHED, STATES } from './market.js';
import { verifyProofText } from './verifier.js';

/** How many jobs the table lists at most (the counts cover all of them). */
const ROWS = 200;

const STATE_WORDS = {
  Pending: 'waiting for a prover to be drawn',
  Assigned: 'drawn prover must accept',
  Proving: 'accepted, being proven',
  Verified: 'proof verified, prover paid',
  Failed: 'no prover delivered, fee refunded',
  Cancelled: 'cancelled by the requester'
};

// ---- the market now ----------------------------------------------------------------------

export function Overview ({ market }) {
  const [filter, setFilter] = useState('open');
  const counts = market.countByState();
  const open = counts.Pending + counts.Assigned + counts.Proving;
  return html`
    <section class="counts">
      <button class=${filter === 'open' ? 'count selected' : 'count'} onClick=${() => setFilter('open')} data-state="open">
        <strong>${open}</strong><span>open</span></button>
      ${STATES.map((s) => html`
        <button class=${filter === s ? 'count selected' : 'count'} onClick=${() => setFilter(s)} data-state=${s} title=${STATE_WORDS[s]}>
          <strong>${counts[s]}</strong><span>${s.toLowerCase()}</span></button>`)}
    </section>
    <${JobsTable} market=${market} filter=${filter} />
    <${Charts} market=${market} />
    <div class="grid two">
      <${Provers} market=${market} />
      <${Failures} market=${market} />
    </div>`;
}

function JobsTable ({ market, filter }) {
  const f = (x) => amount(x, market.decimals, market.symbol);
  const all = [...market.jobs.values()]
    .filter((j) => filter === 'open' ? !FINISHED.includes(j.state) : j.state === filter)
    .sort((a, b) => b.id - a.id);
  const jobs = all.slice(0, ROWS);
  return html`
    <article>
      <header><h3>Jobs: ${filter === 'open' ? 'open' : filter.toLowerCase()} (${all.length})</h3></header>
      ${all.length === 0
        ? html`<p class="muted" data-empty="jobs">No ${filter === 'open' ? 'open' : filter.toLowerCase()} jobs in the chain.</p>`
        : html`
      <div class="scroll"><table class="striped" data-table="jobs">
        <thead><tr><th>job</th><th>state</th><th>program</th><th>size</th><th>fee</th><th>prover</th><th>age</th><th>next</th></tr></thead>
        <tbody>${jobs.map((j) => html`
          <tr key=${j.id} data-job=${j.id} data-job-state=${j.state}>
            <td><a href=${`#/job/${j.id}`}>#${j.id}</a></td>
            <td><span class=${`state ${j.state}`}>${j.state}</span></td>
            <td>${programName(j.program)}</td>
            <td>${steps(j.steps)}</td>
            <td>${f(j.fee)}</td>
            <td><${Account} id=${j.prover} /></td>
            <td>${Math.max(0, market.head - j.submittedAt)} blocks</td>
            <td>${FINISHED.includes(j.state) ? html`<span class="muted">pruned at #${j.deadline}</span>` : `#${j.deadline}`}</td>
          </tr>`)}</tbody>
      </table></div>
      ${all.length > ROWS ? html`<p class="muted">The newest ${ROWS} of ${all.length}.</p>` : ''}`}
    </article>`;
}

function Charts ({ market }) {
  const verified = market.verifiedInWindow();
  const latency = market.latencyHistogram(verified);
  const perBlock = market.proofsPerBlock(verified);
  const total = perBlock.counts.reduce((a, b) => a + b, 0);
  const sorted = [...latency.latencies].sort((a, b) => a - b);
  const p = (q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : '–';
  return html`
    <div class="grid two">
      <article>
        <header><h3>Submission to verified proof</h3>
          <small>${sorted.length} jobs verified in blocks #${market.windowStart}–#${market.head}; p50 ${p(0.5)}, p95 ${p(0.95)} blocks</small></header>
        <${BarChart} id="latency" labels=${latency.labels} data=${latency.counts} x="blocks from submission to verification" y="jobs" />
      </article>
      <article>
        <header><h3>Proofs verified per block</h3>
          <small>${total} in blocks #${market.windowStart}–#${market.head}; at most ${Math.max(0, ...perBlock.counts)} in one block</small></header>
        <${BarChart} id="per-block" labels=${perBlock.labels} data=${perBlock.counts} x="block" y="proofs" color="#16a34a" />
      </article>
    </div>`;
}

function Provers ({ market }) {
  const f = (x) => amount(x, market.decimals, market.symbol);
  const provers = [...market.provers.values()].sort((a, b) => (b.stake > a.stake ? 1 : b.stake < a.stake ? -1 : 0));
  return html`
    <article>
      <header><h3>Provers (${provers.length})</h3></header>
      <div class="scroll"><table class="striped" data-table="provers">
        <thead><tr><th>prover</th><th>stake</th><th>locked</th><th>asks</th><th title="proven / missed / invalid">record</th><th>status</th></tr></thead>
        <tbody>${provers.map((p) => {
          const status = p.suspendedUntil === null
            ? html`<span class="good">drawable</span>`
            : p.suspendedUntil > market.head
              ? html`<span class="bad">suspended until #${p.suspendedUntil}</span>`
              : html`<span class="bad">suspended, may resume</span>`;
          return html`
          <tr key=${p.account} data-prover=${p.account}>
            <td><${Account} id=${p.account} /></td>
            <td>${f(p.stake)}</td>
            <td>${f(p.locked)}<br /><small class="muted">${p.activeJobs} job(s)</small></td>
            <td><small>${p.asks.map((a) => html`<div>${programName(a.program)} ≥ ${f(a.minFee)}</div>`)}</small></td>
            <td title="proven / missed / invalid">${p.jobsDone} / ${p.jobsMissed} / ${p.invalidProofs}
              ${p.slashedTotal > 0n ? html`<br /><small class="bad">${f(p.slashedTotal)} slashed</small>` : ''}</td>
            <td>${status}</td>
          </tr>`;
        })}</tbody>
      </table></div>
    </article>`;
}

function Failures ({ market }) {
  const f = (x) => amount(x, market.decimals, market.symbol);
  return html`
    <article>
      <header><h3>Failures</h3><small>slashes, re-routes, rejected proofs in blocks #${Math.max(market.windowStart, market.historyFrom)}–#${market.head}</small></header>
      ${!market.historyLoaded ? html`<p aria-busy="true" class="muted">Reading the last ${market.window} blocks' events…</p>` : ''}
      ${market.failures.length === 0
        ? html`<p class="muted" data-empty="failures">None: every prover delivered.</p>`
        : html`<ul class="feed" data-feed="failures">${market.failures.slice(0, 50).map((e) => html`
          <li data-kind=${e.kind}>
            <small class="muted">#${e.block} ${clock(e.time)}</small>${' '}
            <strong>${e.kind.split('.')[1]}</strong>
            ${e.job !== undefined ? html` <a href=${`#/job/${e.job}`}>job #${e.job}</a>` : ''}
            ${e.prover ? html` <${Account} id=${e.prover} />` : ''}
            <span class="reason" title=${e.reason}>: ${lowerFirst(e.text || e.reason)}</span>
            ${e.amount !== undefined ? html` <span class="bad">${f(e.amount)} ${e.detail}</span>` : e.detail ? ` (${e.detail})` : ''}
          </li>`)}</ul>`}
    </article>`;
}

/** `It did ...` as `it did ...`, to follow a name and a colon. */
const lowerFirst = (text) => text.charAt(0).toLowerCase() + text.slice(1);

// ---- one job -----------------------------------------------------------------------------

const EVENT_WORDS = {
  JobSubmitted: (f, m) => `submitted with a fee of ${m.fmt(f.fee.toBigInt())}`,
  ProverAssigned: (f) => html`drawn: <${Account} id=${f.prover.toString()} /> (attempt ${f.attempt.toNumber()}), must accept or prove by #${f.acceptBy.toNumber()}`,
  JobAccepted: (f) => html`accepted by <${Account} id=${f.prover.toString()} />, proof due by #${f.proveBy.toNumber()}`,
  NoProverDrawn: (f) => `no eligible prover drawn; next draw at #${f.nextDrawAt.toNumber()}`,
  ProofVerified: (f, m) => html`proof verified; <${Account} id=${f.prover.toString()} /> paid ${m.fmt(f.fee.toBigInt())}`,
  ProofRejected: (f, m, e) => html`proof from <${Account} id=${f.prover.toString()} /> rejected: ${e.failure?.text || f.reason.type}`,
  ProverFailed: (f, m, e) => html`<${Account} id=${f.prover.toString()} /> failed (${e.failure?.text || f.reason.type}); ${m.fmt(f.slashed.toBigInt())} slashed, the job goes to another prover`,
  JobFailed: (f, m, e) => `failed: ${e.failure?.text || f.reason.type} ${m.fmt(f.refunded.toBigInt())} refunded`,
  JobCancelled: (f, m) => `cancelled; ${m.fmt(f.refunded.toBigInt())} refunded`
};

function describeState (job) {
  switch (job.state) {
    case 'Pending': return `pending: a prover is drawn in block #${job.deadline}`;
    case 'Assigned': return html`assigned to <${Account} id=${job.prover} />, who must accept or prove it by block #${job.deadline}`;
    case 'Proving': return html`being proven by <${Account} id=${job.prover} />, proof due by block #${job.deadline}`;
    case 'Verified': return html`verified: proven by <${Account} id=${job.prover} />`;
    case 'Failed': return `failed (${job.reason}): the fee was refunded`;
    default: return 'cancelled: the fee was refunded';
  }
}

/** Why there is no job `text` to show, or null if there is one. */
function missingJob (market, text) {
  if (!/^\d+$/.test(text)) return `'${text}' is not a job id: job ids are whole numbers (0, 1, 2, ...).`;
  const id = Number(text);
  if (market.jobs.has(id)) return null;
  if (id >= market.nextJobId) {
    return `There is no job #${id}: this chain has had ${market.nextJobId} job(s) so far` +
      (market.nextJobId ? ` (ids 0 to ${market.nextJobId - 1}).` : '.');
  }
  return `Job #${id} is no longer in the chain's state: finished jobs are pruned ${market.params.retentionPeriod} blocks after they end (its proof and receipt with it).`;
}

export function JobPage ({ market, idText }) {
  const missing = missingJob(market, idText);
  if (missing) {
    return html`<article class="message" data-error="job"><h3>Job ${idText}</h3><p>${missing}</p><p><a href="#/">Back to the market</a></p></article>`;
  }
  const job = market.jobs.get(Number(idText));
  const fmt = (x) => amount(x, market.decimals, market.symbol);
  return html`
    <article data-job-page=${job.id} data-job-state=${job.state}>
      <header><h2>Job #${job.id} <span class=${`state ${job.state}`}>${job.state}</span></h2>
        <p data-state-text>${describeState(job)}</p></header>
      <div class="grid two">
        <dl>
          <dt>program</dt><dd>${programName(job.program)}, ${steps(job.steps)} steps${job.seed.length ? `, seed ${job.seed.join(', ')}` : ''}</dd>
          <dt>security</dt><dd>${SECURITY[job.security] ?? job.security}</dd>
          <dt>requester</dt><dd><${Account} id=${job.requester} /></dd>
          <dt>fee</dt><dd>${fmt(job.fee)}</dd>
          <dt>collateral</dt><dd>${fmt(job.collateral)} of the prover's stake, locked while it holds the job</dd>
        </dl>
        <dl>
          <dt>submitted</dt><dd>block #${job.submittedAt}</dd>
          <dt>proving window</dt><dd>${job.provingWindow} blocks after accepting</dd>
          <dt>attempts</dt><dd>${job.attempts}${job.failed.length ? html` (failed: ${job.failed.map((a) => html`<${Account} id=${a} /> `)})` : ''}</dd>
          ${job.output ? html`<dt>output</dt><dd data-output><code>${job.output.join(', ')}</code></dd>` : ''}
          ${FINISHED.includes(job.state) ? html`<dt>pruned at</dt><dd>block #${job.deadline}</dd>` : ''}
        </dl>
      </div>
    </article>
    <${Timeline} market=${market} job=${job} fmt=${fmt} />
    ${job.state === 'Verified' ? html`<${Proof} market=${market} job=${job} />` : ''}`;
}

function Timeline ({ market, job, fmt }) {
  const [timeline, setTimeline] = useState(null);
  const [error, setError] = useState(null);
  // Read again when the job changes state (a new event) and when it is opened.
  const key = `${job.id}:${job.state}:${job.attempts}`;
  useEffect(() => {
    let live = true;
    market.timeline(job).then((t) => live && setTimeline(t), (e) => live && setError(e.message));
    return () => { live = false; };
  }, [key]);
  if (error) return html`<article class="message">Cannot read the job's blocks: ${error}</article>`;
  if (!timeline) return html`<article aria-busy="true">Reading blocks #${job.submittedAt} onwards…</article>`;
  const m = { fmt };
  return html`
    <article>
      <header><h3>Timeline</h3><small>events of blocks #${timeline.from}–#${timeline.to}</small></header>
      <ol class="timeline" data-timeline>${timeline.entries.map((e) => html`
        <li data-event=${e.method}><strong>#${e.block}</strong> <small class="muted">${clock(e.time)}</small> ${e.method}: ${EVENT_WORDS[e.method]?.(e.fields, m, e) ?? ''}</li>`)}
      </ol>
      ${timeline.unreadable ? html`<p class="muted">${timeline.unreadable} block(s) of this range are no longer kept by this node (state pruning): their events are missing here.</p>` : ''}
    </article>`;
}

/** Save `text` as a file named `name` (a download). */
function download (name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Proof ({ market, job }) {
  const [proof, setProof] = useState(null);
  const [error, setError] = useState(null);
  const [verdict, setVerdict] = useState(null);
  useEffect(() => {
    let live = true;
    market.rpc('sortition_proof', [job.id]).then(
      (p) => live && setProof({ value: p, text: `${JSON.stringify(p, null, 2)}\n` }),
      (e) => live && setError(e.message));
    return () => { live = false; };
  }, [job.id]);
  const verify = async () => {
    setVerdict({ status: 'busy' });
    setVerdict(await verifyProofText(proof.text));
  };
  return html`
    <article data-proof>
      <header><h3>Proof</h3></header>
      ${error ? html`<p class="message" data-error="proof">The node cannot give this proof: ${error}</p>` : ''}
      ${!proof && !error ? html`<p aria-busy="true">Reading the proof from its block…</p>` : ''}
      ${proof ? html`
        <p>${((proof.value.proof.length - 2) / 2).toLocaleString('en-US')} bytes, in extrinsic ${proof.value.extrinsicIndex} of block #${proof.value.block}.</p>
        <div role="group">
          <button data-action="download" onClick=${() => download(`job-${job.id}.proof.json`, proof.text)}>Download the proof</button>
          <button data-action="verify" class="secondary" onClick=${verify}>Verify it in this browser</button>
        </div>
        <${Verdict} verdict=${verdict} />
        <p><small class="muted">The verifier is the runtime's own (<code>sortition_programs::verify</code>), compiled to WebAssembly; it runs here, not on the node. Check a proof file you have: <a href="#/verify">verify a file</a>.</small></p>` : ''}
    </article>`;
}

function Verdict ({ verdict }) {
  if (!verdict) return '';
  if (verdict.status === 'busy') return html`<p aria-busy="true">Verifying…</p>`;
  const cls = verdict.status === 'valid' ? 'good' : 'bad';
  return html`<p class=${`verdict ${cls}`} data-verdict=${verdict.status}><strong>${verdict.status}</strong>${verdict.message ? `: ${verdict.message}` : ''}</p>`;
}

// ---- verify a proof file -----------------------------------------------------------------

export function VerifyPage () {
  const [verdict, setVerdict] = useState(null);
  const [name, setName] = useState('');
  const onFile = async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setName(file.name);
    setVerdict({ status: 'busy' });
    setVerdict(await verifyProofText(await file.text()));
  };
  return html`
    <article>
      <header><h2>Verify a proof file</h2>
        <p>A proof file (<code>scripts/sortition proof JOB --out FILE</code>, or "Download the proof" on a job's page) is checked in this browser by the runtime's own verifier, compiled to WebAssembly. Nothing is sent anywhere.</p></header>
      <input type="file" accept=".json,application/json" data-input="proof-file" onChange=${onFile} />
      ${name ? html`<p><small class="muted">${name}</small></p>` : ''}
      <${Verdict} verdict=${verdict} />
    </article>`;
}

// ---- submit a job ------------------------------------------------------------------------

const SIZES = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/** The job's inputs as @polkadot/api takes them, or throws an Error that says why not. */
function inputsOf (program, log, seedText) {
  const seed = seedText.split(',').map((s) => s.trim()).filter(Boolean);
  return jobInputs(program, 2 ** log, seed);
}

export function SubmitPage ({ market, accounts, connectExtension }) {
  const defaults = useMemo(() => ({
    collateral: amount(market.params.minCollateral, market.decimals, '').trim().replace(/,/g, ''),
    window: String(Math.min(Math.max(100, market.params.minProvingWindow), market.params.maxProvingWindow))
  }), [market]);
  const [form, setForm] = useState({ program: 'Fibonacci', log: 10, seed: '', security: 'Bits96', collateral: defaults.collateral, window: defaults.window, fee: '', maxFee: '', account: accounts[0]?.address ?? '' });
  const [quote, setQuote] = useState(null);
  const [status, setStatus] = useState(null);
  const set = (name) => (e) => { setForm({ ...form, [name]: e.target.value }); if (['program', 'log', 'collateral'].includes(name)) setQuote(null); };
  const fmt = (x) => amount(x, market.decimals, market.symbol);
  useEffect(() => { if (!form.account && accounts[0]) setForm({ ...form, account: accounts[0].address }); }, [accounts]);

  const getQuote = async (e) => {
    e?.preventDefault();
    setStatus(null);
    try {
      const collateral = parseAmount(form.collateral, market.decimals, 'the collateral');
      const q = await market.rpc('sortition_quote', [form.program, 2 ** Number(form.log), collateral.toString(), null]);
      setQuote(q);
      const plain = (x) => amount(BigInt(x), market.decimals, '').trim().replace(/,/g, '');
      setForm({ ...form, fee: plain(q.suggestedFee), maxFee: plain(q.suggestedMaxFee) });
    } catch (err) {
      setQuote(null);
      setStatus({ error: `No quote: ${err.message}` });
    }
  };

  const submit = async (e) => {
    e.preventDefault();
    try {
      const account = accounts.find((a) => a.address === form.account);
      if (!account) throw new Error('choose the account that pays (a development account, or one from your browser extension)');
      const inputs = inputsOf(form.program, Number(form.log), form.seed);
      const fee = parseAmount(form.fee, market.decimals, 'the fee');
      // Empty: the fee never rises.
      const maxFee = form.maxFee.trim() === '' ? fee : parseAmount(form.maxFee, market.decimals, 'the max fee');
      const collateral = parseAmount(form.collateral, market.decimals, 'the collateral');
      if (!/^\d+$/.test(form.window)) throw new Error(`the proving window is a whole number of blocks, not '${form.window}'`);
      const tx = market.api.tx.jobs.submitJob(inputs, form.security, fee, maxFee, collateral, Number(form.window));
      setStatus({ busy: 'Signing and sending…' });
      const { who, options } = await account.signer();
      const unsub = await tx.signAndSend(who, options, ({ status, events, dispatchError }) => {
        if (status.isInBlock) {
          unsub();
          if (dispatchError) {
            if (dispatchError.isModule) {
              const { section, name, docs } = market.api.registry.findMetaError(dispatchError.asModule);
              setStatus({ error: `${section}.${name}: ${docs.join(' ')}` });
            } else {
              setStatus({ error: dispatchError.toString() });
            }
            return;
          }
          const submitted = events.find(({ event }) => event.section === 'jobs' && event.method === 'JobSubmitted');
          const id = submitted.event.data[0].toNumber();
          setStatus({ done: id });
          location.hash = `#/job/${id}`;
        } else if (status.isInvalid || status.isDropped || status.isUsurped) {
          unsub();
          setStatus({ error: `the transaction was ${status.type.toLowerCase()}` });
        }
      });
    } catch (err) {
      setStatus({ error: err.message });
    }
  };

  return html`
    <article>
      <header><h2>Submit a job</h2><p>Get a quote first: it says which fees the provers take now.</p></header>
      <form onSubmit=${submit} data-form="submit">
        <div class="grid">
          <label>Program<select name="program" value=${form.program} onChange=${set('program')}>
            ${Object.values(PROGRAMS).map((p) => html`<option value=${p}>${programName(p)}</option>`)}</select></label>
          <label>Steps<select name="log" value=${form.log} onChange=${set('log')}>
            ${SIZES.map((l) => html`<option value=${l}>2^${l} = ${(2 ** l).toLocaleString('en-US')}</option>`)}</select></label>
          <label>Seed<input name="seed" placeholder=${form.program === 'Fibonacci' ? 'none' : form.program === 'RescueChain' ? '1, 2' : '3'} value=${form.seed} onInput=${set('seed')} disabled=${form.program === 'Fibonacci'} /></label>
          <label>Security<select name="security" value=${form.security} onChange=${set('security')}>
            <option value="Bits96">96-bit</option><option value="Bits128">128-bit</option></select></label>
        </div>
        <div class="grid">
          <label>Collateral (${market.symbol})<input name="collateral" value=${form.collateral} onInput=${set('collateral')} /></label>
          <label>Proving window (blocks)<input name="window" value=${form.window} onInput=${set('window')} /></label>
          <label>Fee (${market.symbol})<input name="fee" value=${form.fee} onInput=${set('fee')} placeholder="get a quote" /></label>
          <label data-tooltip="Held in full; the fee rises towards it each time the job goes back to the draw, and what is not paid is refunded">Max fee (${market.symbol})<input name="maxFee" value=${form.maxFee} onInput=${set('maxFee')} placeholder="= fee: never rises" /></label>
        </div>
        <button type="button" class="secondary" data-action="quote" onClick=${getQuote}>Get a quote</button>
        ${quote ? html`
          <table data-quote>
            <tr><td>eligible provers</td><td>${quote.eligibleProvers}, with ${fmt(BigInt(quote.eligibleStake))} of stake</td></tr>
            <tr><td>lowest fee</td><td>${fmt(BigInt(quote.lowestFee))} (the cheapest provers take it)</td></tr>
            <tr><td>median fee</td><td>${fmt(BigInt(quote.medianFee))} (provers with half of the eligible stake take it)</td></tr>
            <tr><td>full fee</td><td>${fmt(BigInt(quote.fullFee))} (every eligible prover takes it)</td></tr>
            <tr><td>chain's minimum</td><td>${fmt(BigInt(quote.minFee))}</td></tr>
          </table>` : ''}
        <label>Pay from
          <select name="account" value=${form.account} onChange=${set('account')}>
            ${accounts.length === 0 ? html`<option value="">no account: connect a browser extension</option>` : ''}
            ${accounts.map((a) => html`<option value=${a.address}>${a.name} (${a.source})</option>`)}
          </select></label>
        <div role="group">
          <button type="submit" data-action="submit" disabled=${!quote}>Submit the job</button>
          <button type="button" class="outline" data-action="extension" onClick=${async () => {
            const problem = await connectExtension();
            setStatus(problem ? { error: problem } : null);
          }}>Use a browser extension</button>
        </div>
        ${status?.error ? html`<p class="message" data-error="submit">${status.error}</p>` : ''}
        ${status?.busy ? html`<p aria-busy="true">${status.busy}</p>` : ''}
      </form>
    </article>`;
}
