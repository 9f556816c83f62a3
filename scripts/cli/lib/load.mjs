// A burst of jobs: fund as many requesters as it takes, submit every job at once (consecutive
// nonces, no waiting between them) and find each job's id and block. Used by the load script
// (`scripts/load.sh`) and the dashboard's browser test. Functions of an `api` and a `keyring`
// only: no npm imports, so the tests' copy of @polkadot/api and the client's never meet.

import { jobInputs, SAMPLE_SEEDS } from './programs.mjs';

/** A requester holds at most this many jobs at once (the runtime's `MaxOpenJobs` is 64). */
export const JOBS_PER_REQUESTER = 60;

/** The inputs of the `i`-th job of a burst of `program` jobs with `steps` steps: seeds i, i + 1, ... */
export function burstInputs (program, steps, i) {
  return jobInputs(program, steps, (SAMPLE_SEEDS[program] ?? []).map((_, k) => String(i + k)));
}

/**
 * Sign and send `tx` from `pair` with `nonce` (not waiting for the previous one); resolves its
 * events and block hash once it is in a block, rejects on a dispatch error or a refusal.
 */
function inBlock (tx, pair, nonce, what) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    let done = false;
    const finish = (f, value) => { if (done) return; done = true; unsubscribe(); f(value); };
    tx.signAndSend(pair, { nonce }, ({ status, events, dispatchError }) => {
      if (dispatchError) finish(reject, new Error(`${what}: ${dispatchError.toString()}`));
      else if (status.isInvalid || status.isDropped || status.isUsurped) finish(reject, new Error(`${what}: transaction ${status.type}`));
      else if (status.isInBlock) finish(resolve, { events, blockHash: status.asInBlock });
    }).then((u) => { unsubscribe = u; if (done) u(); }, (e) => finish(reject, e));
  });
}

/**
 * The requesters of a burst: `//Load//0`, `//Load//1`, ... (derived from `keyring`), each
 * funded by `funder` with `funding` plancks unless it holds that much already. Resolves once
 * every transfer is in a block.
 */
export async function fundRequesters (api, keyring, funder, count, funding) {
  const requesters = Array.from({ length: count }, (_, k) => keyring.addFromUri(`//Load//${k}`));
  const balances = await api.query.system.account.multi(requesters.map((r) => r.address));
  const poor = requesters.filter((_, k) => balances[k].data.free.toBigInt() < funding);
  let nonce = (await api.rpc.system.accountNextIndex(funder.address)).toNumber();
  await Promise.all(poor.map((r) => inBlock(api.tx.balances.transferKeepAlive(r.address, funding), funder, nonce++, `funding ${r.address}`)));
  return requesters;
}

/**
 * Submit `count` jobs of `program` with `steps` steps (fee and collateral in plancks, proving
 * window in blocks) from requesters funded by `funder`. Resolves
 * `[{ id, block, requester }]` once every job is in a block, in submission order.
 */
export async function submitBurst (api, keyring, funder, { count, program = 'Fibonacci', steps = 1024, fee, collateral, window = 100, timeoutMs = 300_000 }) {
  const requesterCount = Math.ceil(count / JOBS_PER_REQUESTER);
  const requesters = await fundRequesters(api, keyring, funder, requesterCount, BigInt(JOBS_PER_REQUESTER) * fee * 2n);
  const next = (await Promise.all(requesters.map((r) => api.rpc.system.accountNextIndex(r.address)))).map((n) => n.toNumber());
  const sent = Array.from({ length: count }, async (_, i) => {
    const k = Math.floor(i / JOBS_PER_REQUESTER);
    const tx = api.tx.jobs.submitJob(burstInputs(program, steps, i), 'Bits96', fee, fee, collateral, window);
    const { events, blockHash } = await inBlock(tx, requesters[k], next[k]++, `job ${i}`);
    const submitted = events.find(({ event }) => event.section === 'jobs' && event.method === 'JobSubmitted');
    const header = await api.rpc.chain.getHeader(blockHash);
    return { id: submitted.event.data.job.toNumber(), block: header.number.toNumber(), requester: requesters[k].address };
  });
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`not all ${count} jobs were in a block within ${timeoutMs / 1000} s`)), timeoutMs); });
  try {
    return await Promise.race([Promise.all(sent), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The `p`-th percentile of `values` (nearest rank). */
export function percentile (values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Follow the jobs `submitted` (`[{ id, block }]`) block by block from the first submission
 * until each has ended (or `timeoutMs` has passed). Resolves
 * `{ count, latencies, perBlock, failed, lost, failures, failuresBy, busiest }`: the submission ->
 * verified latency in blocks of every verified job, proofs verified per block, jobs failed or
 * cancelled, jobs not ended in time, prover failures (`ProverFailed`, `ProofRejected`; counted
 * by `'prover: reason'` in `failuresBy`), and the block with
 * the most verifications with how full it was (`{ number, proofs, length, maxLength, weight,
 * maxWeight }`, the normal class's).
 */
export async function followJobs (api, submitted, { timeoutMs = 1_800_000 } = {}) {
  const ids = new Map(submitted.map((s) => [s.id, s]));
  const ended = new Map();
  const perBlock = new Map();
  let failures = 0;
  const failuresBy = new Map();
  const deadline = Date.now() + timeoutMs;
  const first = Math.min(...submitted.map((s) => s.block));
  for (let next = first; ended.size < ids.size;) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; next <= best && ended.size < ids.size; next++) {
      const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(next));
      for (const { event } of events) {
        if (event.section !== 'jobs' || event.data.job === undefined || !ids.has(event.data.job.toNumber())) continue;
        const id = event.data.job.toNumber();
        if (event.method === 'ProofVerified') {
          ended.set(id, { verified: true, latency: next - ids.get(id).block });
          perBlock.set(next, (perBlock.get(next) ?? 0) + 1);
        } else if (event.method === 'JobFailed' || event.method === 'JobCancelled') {
          ended.set(id, { verified: false });
        } else if (event.method === 'ProverFailed' || event.method === 'ProofRejected') {
          failures++;
          const what = `${event.data.prover.toString()}: ${event.method === 'ProverFailed' ? event.data.reason.toString() : 'ProofRejected'}`;
          failuresBy.set(what, (failuresBy.get(what) ?? 0) + 1);
        }
      }
    }
    if (ended.size < ids.size) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const latencies = [...ended.values()].filter((e) => e.verified).map((e) => e.latency);
  let busiest;
  if (perBlock.size) {
    const [number, proofs] = [...perBlock.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    const hash = await api.rpc.chain.getBlockHash(number);
    const [block, weight] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.blockWeight.at(hash)]);
    busiest = {
      number,
      proofs,
      length: block.block.extrinsics.reduce((sum, x) => sum + x.encodedLength, 0),
      maxLength: api.consts.system.blockLength.max.normal.toNumber(),
      weight: weight.normal.refTime.toBigInt(),
      maxWeight: api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt()
    };
  }
  return {
    count: ids.size,
    latencies,
    perBlock,
    failed: ended.size - latencies.length,
    lost: ids.size - ended.size,
    failures,
    failuresBy,
    busiest
  };
}

/** The mean number of proofs verified per block from the first verification to the last. */
export function meanPerBlock ({ latencies, perBlock }) {
  const blocks = [...perBlock.keys()];
  return blocks.length ? latencies.length / (Math.max(...blocks) - Math.min(...blocks) + 1) : 0;
}

/** `followJobs`'s result in a few lines of text. */
export function describeJobs (result) {
  const { latencies, perBlock, failed, lost, failures, failuresBy, busiest } = result;
  const by = failuresBy?.size ? ` (${[...failuresBy].map(([what, n]) => `${what} x${n}`).join(', ')})` : '';
  const lines = [`verified ${latencies.length}, failed ${failed}, lost (not ended in time) ${lost}; prover failures ${failures}${by}`];
  if (latencies.length) {
    const span = Math.max(...perBlock.keys()) - Math.min(...perBlock.keys()) + 1;
    lines.push(`submission -> verified, blocks: p50 ${percentile(latencies, 50)}, p95 ${percentile(latencies, 95)}, max ${Math.max(...latencies)}`);
    lines.push(`proofs verified per block: max ${Math.max(...perBlock.values())}, mean ${meanPerBlock(result).toFixed(1)} over the ${span} blocks from the first verification to the last`);
    if (span <= 40) {
      const first = Math.min(...perBlock.keys());
      const each = Array.from({ length: span }, (_, i) => perBlock.get(first + i) ?? 0);
      lines.push(`  from block #${first}: ${each.join(' ')}`);
    }
  }
  if (busiest) {
    const pct = (a, b) => (100 * Number(a) / Number(b)).toFixed(0);
    lines.push(`busiest block #${busiest.number}: ${busiest.proofs} proofs, ${(busiest.length / 1024).toFixed(0)} KiB of ${(busiest.maxLength / 1024).toFixed(0)} KiB (${pct(busiest.length, busiest.maxLength)}% of the normal class's length), ` +
      `${pct(busiest.weight, busiest.maxWeight)}% of its weight`);
  }
  return lines;
}

/**
 * `count` jobs one at a time from `requester`: each submitted once the previous one is verified.
 * Resolves the jobs as `followJobs` takes them, and its result.
 */
export async function oneAtATime (api, requester, { count, program = 'Fibonacci', steps = 1024, fee, collateral, window = 100 }) {
  const submitted = [];
  const results = [];
  let nonce = (await api.rpc.system.accountNextIndex(requester.address)).toNumber();
  for (let i = 0; i < count; i++) {
    const tx = api.tx.jobs.submitJob(burstInputs(program, steps, i), 'Bits96', fee, fee, collateral, window);
    const { events, blockHash } = await inBlock(tx, requester, nonce++, `job ${i}`);
    const event = events.find(({ event }) => event.section === 'jobs' && event.method === 'JobSubmitted');
    const job = { id: event.event.data.job.toNumber(), block: (await api.rpc.chain.getHeader(blockHash)).number.toNumber() };
    submitted.push(job);
    results.push(await followJobs(api, [job], { timeoutMs: 300_000 }));
  }
  const perBlock = new Map();
  for (const r of results) for (const [block, n] of r.perBlock) perBlock.set(block, (perBlock.get(block) ?? 0) + n);
  return {
    submitted,
    result: {
      count,
      latencies: results.flatMap((r) => r.latencies),
      perBlock,
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      lost: results.reduce((sum, r) => sum + r.lost, 0),
      failures: results.reduce((sum, r) => sum + r.failures, 0),
      failuresBy: results.reduce((all, r) => {
        for (const [what, n] of r.failuresBy) all.set(what, (all.get(what) ?? 0) + n);
        return all;
      }, new Map()),
      busiest: undefined
    }
  };
}
