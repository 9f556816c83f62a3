// A validator restarted (`bob: restart after N seconds`, between the phases):
//
//   before  no job is open; records every account's balance, every job and receipt, and the
//           finalised block, as seen by the node the script runs on;
//   after   finality resumes on every node (GRANDPA needs all three validators), and the
//           restarted node and the others still hold exactly the recorded jobs, receipts and
//           balances: nothing was lost.

const { account, check, connect, nodeNames, script, sleep, stateFile } = require('./lib.js');

const ACCOUNTS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

async function snapshot (api, at) {
  const state = at ? await api.at(at) : api;
  const jobs = await state.query.jobs.jobs.entries();
  const receipts = await state.query.jobs.receipts.entries();
  const balances = {};
  for (const name of ACCOUNTS) balances[name] = (await state.query.system.account(account(name).address)).data.toJSON();
  return {
    nextJobId: (await state.query.jobs.nextJobId()).toNumber(),
    jobs: Object.fromEntries(jobs.map(([key, job]) => [key.args[0].toString(), job.toHex()])),
    receipts: Object.fromEntries(receipts.map(([key, receipt]) => [key.args[0].toString(), receipt.toHex()])),
    balances
  };
}

const finalized = async (api) => {
  const hash = await api.rpc.chain.getFinalizedHead();
  return { hash: hash.toHex(), number: (await api.rpc.chain.getHeader(hash)).number.toNumber() };
};

async function run (node, networkInfo, args) {
  const phase = args[0];
  return script(`restart ${phase}`, async () => {
    const file = stateFile(networkInfo, 'restart');
    if (phase === 'before') {
      const api = await connect(networkInfo, node);
      try {
        // Wait until every block we know of is final and the finalised state has no open job,
        // so that nothing already sent can change the recorded state.
        const bestNow = (await api.rpc.chain.getHeader()).number.toNumber();
        const deadline = Date.now() + 50_000;
        let hash;
        let number;
        for (;;) {
          ({ hash, number } = await finalized(api));
          const open = (await (await api.at(hash)).query.jobs.jobs.entries()).filter(([, job]) => {
            const state = job.unwrap().state;
            return !(state.isVerified || state.isFailed || state.isCancelled);
          });
          if (open.length === 0 && number >= bestNow) break;
          check(Date.now() < deadline, `finalised #${number} (best was #${bestNow}), ${open.length} jobs still open`);
          await sleep(2000);
        }
        const recorded = await snapshot(api, hash);
        file.save({ finalized: number, hash, state: recorded });
        console.log(`recorded at finalised #${number}: ${Object.keys(recorded.jobs).length} jobs, ${Object.keys(recorded.receipts).length} receipts, next job id ${recorded.nextJobId}`);
      } finally {
        await api.disconnect();
      }
      return;
    }
    check(phase === 'after', `unknown phase ${phase}`);
    const { finalized: before, state: recorded } = file.load();
    {
      // Right after the restart: finality stalled while the validator was down.
      const api = await connect(networkInfo, node);
      const best = (await api.rpc.chain.getHeader()).number.toNumber();
      console.log(`after the restart: best #${best}, finalised #${(await finalized(api)).number} (recorded at #${before})`);
      await api.disconnect();
    }
    for (const name of nodeNames(networkInfo)) {
      const api = await connect(networkInfo, name);
      try {
        const deadline = Date.now() + 180_000;
        let now = await finalized(api);
        while (now.number < before + 3) {
          check(Date.now() < deadline, `${name}: finality stuck at #${now.number} (recorded at #${before})`);
          await sleep(2000);
          now = await finalized(api);
        }
        // The state at the newly finalised head equals the recorded one: no block since
        // changed a job or a balance, and the restarted node has all of it.
        const current = await snapshot(api, now.hash);
        check(JSON.stringify(current) === JSON.stringify(recorded), `${name}: the state at #${now.number} differs from the one recorded at #${before}`);
        console.log(`${name}: finalised #${now.number} (was #${before} before the restart); jobs, receipts and balances unchanged`);
      } finally {
        await api.disconnect();
      }
    }
  });
}

module.exports = { run };
