// A burst of 50 jobs from three requesters at once: every job is drawn, proven and verified,
// none is lost. Prints the latency from submission to verification in blocks (p50, p95) and
// how the jobs spread over the provers against their share of the stake.

const { UNIT, account, check, connect, nameOf, percentile, scanEvents, script, submitJobs } = require('./lib.js');

const JOBS = 50;
const REQUESTERS = ['alice', 'bob', 'charlie'];

function job (i) {
  const steps = 1 << (10 + (i % 3));
  const inputs = [
    { Fibonacci: { steps } },
    { RescueChain: { seed: [i, i + 1], steps } },
    { MimcVdf: { seed: i, steps } }
  ][i % 3];
  return { inputs, fee: 10n * UNIT, collateral: 10n * UNIT, window: 30 };
}

async function run (node, networkInfo) {
  return script('burst', async () => {
    const api = await connect(networkInfo, node);
    try {
      const stakes = new Map((await api.query.provers.provers.entries())
        .map(([key, record]) => [key.args[0].toString(), record.unwrap().stake.toBigInt()]));
      for (const r of REQUESTERS) check(!stakes.has(account(r).address), `${r} must not be a prover`);

      // Each requester sends its share at once (consecutive nonces): 17 + 17 + 16.
      const shares = REQUESTERS.map((_, k) => Array.from({ length: JOBS }, (_, i) => i).filter((i) => i % REQUESTERS.length === k));
      const submitted = (await Promise.all(REQUESTERS.map((r, k) => submitJobs(api, account(r), shares[k].map(job))))).flat();
      check(submitted.length === JOBS, `${submitted.length} of ${JOBS} jobs submitted`);
      const ids = new Set(submitted.map((s) => s.id));

      const verified = new Map();
      const accepted = new Map();
      const problems = [];
      await scanEvents(api, Math.min(...submitted.map((s) => s.block)), (number, event) => {
        if (event.section !== 'jobs' || !event.data.job || !ids.has(event.data.job.toNumber())) return;
        const id = event.data.job.toNumber();
        if (event.method === 'JobAccepted') accepted.set(id, number);
        if (event.method === 'ProofVerified') verified.set(id, { number, prover: event.data.prover.toString() });
        if (['ProverFailed', 'ProofRejected', 'JobFailed'].includes(event.method)) problems.push(`job ${id}: ${event.method} ${JSON.stringify(event.data.toHuman())}`);
      }, () => verified.size === JOBS, { timeoutMs: 480_000, what: `${JOBS} verified jobs` });
      check(problems.length === 0, problems.join('; '));

      const latency = submitted.map((s) => verified.get(s.id).number - s.block);
      // Pre-confirmation: the accept, or the proof itself where it came first (it is the
      // acceptance).
      const preconfirmation = submitted.map((s) => (accepted.get(s.id) ?? verified.get(s.id).number) - s.block);
      const withoutAccept = submitted.filter((s) => !accepted.has(s.id)).length;
      console.log(`${JOBS} jobs from ${REQUESTERS.length} requesters, submitted in blocks #${Math.min(...submitted.map((s) => s.block))}-#${Math.max(...submitted.map((s) => s.block))}: all verified`);
      console.log(`submission -> verified, blocks: p50 ${percentile(latency, 50)}, p95 ${percentile(latency, 95)}, max ${Math.max(...latency)}`);
      console.log(`submission -> accepted or proven (pre-confirmation), blocks: p50 ${percentile(preconfirmation, 50)}, p95 ${percentile(preconfirmation, 95)}; ${withoutAccept} of ${JOBS} proven without accept_job`);
      const total = [...stakes.values()].reduce((a, b) => a + b, 0n);
      for (const [prover, stake] of stakes) {
        const count = [...verified.values()].filter((v) => v.prover === prover).length;
        console.log(`prover ${nameOf(prover)}: ${count} jobs (${(100 * count / JOBS).toFixed(0)}%), stake share ${(Number(stake * 1000n / total) / 10).toFixed(1)}%`);
      }
      // Every job went to a registered prover, and every prover had some (the smallest, with a
      // sixth of the stake, gets none of 50 draws with probability (5/6)^50 < 1e-3).
      check([...verified.values()].every((v) => stakes.has(v.prover)), 'every job was proven by a registered prover');
      for (const prover of stakes.keys()) check([...verified.values()].some((v) => v.prover === prover), `${nameOf(prover)} was never drawn`);
    } finally {
      await api.disconnect();
    }
  });
}

module.exports = { run };
