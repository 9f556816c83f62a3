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
    const tx = api.tx.jobs.submitJob(burstInputs(program, steps, i), 'Bits96', fee, collateral, window);
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
