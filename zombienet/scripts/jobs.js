// One job of every program, submitted by `args[0]` (an account that is not a prover): each is
// drawn to a registered prover, proven by that prover's node and verified on chain; the fee
// leaves the requester's hold for the prover.

const { UNIT, account, check, connect, nameOf, scanEvents, script, submitJobs } = require('./lib.js');

const FEE = 10n * UNIT;
const JOBS = [
  { inputs: { Fibonacci: { steps: 1 << 12 } }, fee: FEE, collateral: 100n * UNIT, window: 20 },
  { inputs: { RescueChain: { seed: [7, 11], steps: 1 << 10 } }, fee: FEE, collateral: 100n * UNIT, window: 20 },
  { inputs: { MimcVdf: { seed: 13, steps: 1 << 12 } }, fee: FEE, collateral: 100n * UNIT, window: 20 }
];

async function run (node, networkInfo, args) {
  return script('jobs', async () => {
    const api = await connect(networkInfo, node);
    try {
      const requester = account(args[0]);
      const provers = (await api.query.provers.provers.keys()).map((k) => k.args[0].toString());
      check(!provers.includes(requester.address), `${args[0]} must not be a prover`);
      const reservedBefore = (await api.query.system.account(requester.address)).data.reserved.toBigInt();

      const submitted = await submitJobs(api, requester, JOBS);
      const verified = new Map();
      await scanEvents(api, Math.min(...submitted.map((s) => s.block)), (number, event) => {
        if (event.section === 'jobs' && event.method === 'ProofVerified') verified.set(event.data.job.toNumber(), { number, prover: event.data.prover.toString(), output: event.data.output.toPrimitive() });
        if (event.section === 'jobs' && (event.method === 'JobFailed' || event.method === 'ProverFailed')) {
          check(!submitted.some((s) => s.id === event.data.job.toNumber()), `job ${event.data.job}: ${event.method} ${JSON.stringify(event.data.toHuman())}`);
        }
      }, () => submitted.every((s) => verified.has(s.id)), { timeoutMs: 300_000, what: 'every job verified' });

      for (const [i, { id, block }] of submitted.entries()) {
        const v = verified.get(id);
        check(provers.includes(v.prover), `job ${id} was proven by ${v.prover}, not a registered prover`);
        check((await api.query.jobs.receipts(id)).isSome, `job ${id} has a receipt`);
        console.log(`job ${id} (${Object.keys(JOBS[i].inputs)[0]}): verified by ${nameOf(v.prover)} at #${v.number}, ${v.number - block} blocks after submission; output ${JSON.stringify(v.output)}`);
      }
      const reservedAfter = (await api.query.system.account(requester.address)).data.reserved.toBigInt();
      check(reservedAfter === reservedBefore, `the requester's held fees are paid out (reserved ${reservedBefore} -> ${reservedAfter})`);
    } finally {
      await api.disconnect();
    }
  });
}

module.exports = { run };
