// A runtime upgrade of the running network, the way an operator does it, while jobs are in
// flight: Root authorizes the new runtime's hash (`system.authorizeUpgrade` through sudo) and
// anyone applies it (`system.applyAuthorizedUpgrade`, an unsigned transaction carrying the
// code). The new runtime is $SORTITION_UPGRADE_WASM: this runtime built as the next release
// (`--features upgrade-test`: spec_version + 1), by scripts/common.sh's build_upgrade_runtime.
//
// Ten jobs are submitted before the upgrade is authorized, ten more just before it is applied
// (in flight across it), and ten after it. Checked: spec_version rises on every node; blocks and finality go on; all
// thirty jobs end verified with receipts; every receipt from before the upgrade is unchanged;
// and Ferdie's balance moved by exactly the fees of his jobs and his transactions.

const fs = require('fs');
const { UNIT, account, check, connect, nodeNames, scanEvents, script, send, sleep, submitJobs } = require('./lib.js');

const JOB = { inputs: { Fibonacci: { steps: 1 << 10 } }, fee: 2n * UNIT, collateral: 100n * UNIT, window: 20 };

const specVersion = async (api) => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
const finalizedNumber = async (api) => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

async function run (node, networkInfo) {
  return script('upgrade', async () => {
    const api = await connect(networkInfo, node);
    try {
      const path = process.env.SORTITION_UPGRADE_WASM;
      check(path && fs.existsSync(path), `SORTITION_UPGRADE_WASM names the next runtime's wasm (${path})`);
      const code = `0x${fs.readFileSync(path).toString('hex')}`;
      const alice = account('alice');
      const ferdie = account('ferdie');
      const before = await specVersion(api);
      const start = (await api.rpc.chain.getHeader()).number.toNumber();
      const ferdieBefore = (await api.query.system.account(ferdie.address)).data;

      // Ten jobs before the upgrade, and their receipts once they are verified.
      const ids = (await submitJobs(api, ferdie, Array(10).fill(JOB))).map((s) => s.id);
      const receipts = new Map();

      const hash = api.registry.hash(code).toHex();
      await send(api, api.tx.sudo.sudo(api.tx.system.authorizeUpgrade(hash)), alice);
      console.log(`Root authorized the runtime ${hash.slice(0, 18)}… (${Math.round((code.length - 2) / 2 / 1024)} KiB)`);

      // Ten more, included just before the upgrade is sent: they are drawn, accepted and
      // proven across it.
      ids.push(...(await submitJobs(api, ferdie, Array(10).fill(JOB))).map((s) => s.id));
      await api.tx.system.applyAuthorizedUpgrade(code).send();

      let upgradedAt;
      await scanEvents(api, start, (number, event) => {
        if (event.section === 'system' && event.method === 'CodeUpdated') upgradedAt = number;
      }, () => upgradedAt !== undefined, { timeoutMs: 120_000, what: 'system.CodeUpdated' });
      for (const name of nodeNames(networkInfo)) {
        const other = name === node ? api : await connect(networkInfo, name);
        try {
          const deadline = Date.now() + 60_000;
          while ((await specVersion(other)) !== before + 1) {
            check(Date.now() < deadline, `${name} runs spec_version ${await specVersion(other)}, not ${before + 1}`);
            await sleep(1000);
          }
        } finally {
          if (other !== api) await other.disconnect();
        }
      }
      const recorded = (await api.query.system.lastRuntimeUpgrade()).unwrap().specVersion.toNumber();
      check(recorded === before + 1, `system.lastRuntimeUpgrade says ${recorded}`);
      console.log(`the code changed in block #${upgradedAt}: spec_version ${before} -> ${before + 1} on every node`);

      // Ten after it, signed for the new runtime once the client has noticed it.
      const deadline = Date.now() + 60_000;
      while (api.runtimeVersion.specVersion.toNumber() !== before + 1) {
        check(Date.now() < deadline, `the client still signs for spec_version ${api.runtimeVersion.specVersion}`);
        await sleep(500);
      }
      ids.push(...(await submitJobs(api, ferdie, Array(10).fill(JOB))).map((s) => s.id));

      // Every job verified (none failed), each with its receipt.
      const verified = new Set();
      let feesPaid = 0n;
      let txFees = 0n;
      await scanEvents(api, start, (number, event) => {
        if (event.section === 'jobs' && ids.includes(event.data.job?.toNumber?.())) {
          check(event.method !== 'JobFailed', `job ${event.data.job} failed`);
          if (event.method === 'ProofVerified') {
            verified.add(event.data.job.toNumber());
            feesPaid += event.data.fee.toBigInt();
            if (number < upgradedAt) receipts.set(event.data.job.toNumber(), null);
          }
        }
        if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid' && event.data.who.toString() === ferdie.address) {
          txFees += event.data.actualFee.toBigInt();
        }
      }, () => ids.every((id) => verified.has(id)), { timeoutMs: 420_000, what: 'all 30 jobs verified' });
      for (const id of ids) check((await api.query.jobs.receipts(id)).isSome, `job ${id} has a receipt`);

      // The receipts of jobs verified before the upgrade are the same in the block before it
      // and now.
      const preUpgrade = await api.at(await api.rpc.chain.getBlockHash(upgradedAt - 1));
      for (const id of receipts.keys()) {
        const then = (await preUpgrade.query.jobs.receipts(id)).toHex();
        check(then === (await api.query.jobs.receipts(id)).toHex(), `job ${id}'s receipt is unchanged across the upgrade`);
      }
      const ferdieAfter = (await api.query.system.account(ferdie.address)).data;
      const spent = ferdieBefore.free.toBigInt() - ferdieAfter.free.toBigInt();
      check(spent === feesPaid + txFees, `Ferdie paid ${spent}: the jobs' fees ${feesPaid} + transaction fees ${txFees}`);
      check(ferdieAfter.reserved.toBigInt() === ferdieBefore.reserved.toBigInt(), 'Ferdie holds nothing more once his jobs are done');

      // GRANDPA finalises a few blocks behind the best one: wait for it to pass the upgrade.
      const finalDeadline = Date.now() + 120_000;
      let final = await finalizedNumber(api);
      while (final <= upgradedAt + 2) {
        check(Date.now() < finalDeadline, `finality went on past the upgrade: finalised #${final}, upgrade in #${upgradedAt}`);
        await sleep(2000);
        final = await finalizedNumber(api);
      }
      console.log(`${ids.length} jobs verified with receipts (${receipts.size} before the upgrade, unchanged); Ferdie paid ${feesPaid / UNIT} SORT in fees + ${txFees} in transaction fees; finalised #${final}`);
    } finally {
      await api.disconnect();
    }
  });
}

module.exports = { run };
