// The validator set of a running network (validators.json: Alice, Bob, Charlie and Dave from the
// keys file validators.keys; Eve's node runs with --validator but no keys). Jobs from Ferdie are
// proven by Alice and Bob throughout; each phase submits its own and waits for them:
//
//   paused   (while `dave: pause` holds Dave's node) finality goes on with three of four
//            validators, and jobs are verified;
//   join     Eve's node makes session keys (author_rotateKeysWithOwner), Eve sets them, bonds
//            and registers as a candidate; after the session boundary she is an authority of
//            BABE and GRANDPA and authors blocks, which are finalised;
//   leave    Eve leaves: after the boundary she is no authority and authors nothing; she gets
//            her bond back and purges her keys (their deposit comes back too);
//   end      every job Ferdie submitted in the run ended verified: none failed, none open.

const { UNIT, account, check, connect, nameOf, scanEvents, script, send, sleep, stateFile, submitJobs } = require('./lib.js');

const JOB = { inputs: { Fibonacci: { steps: 1 << 10 } }, fee: 2n * UNIT, collateral: 100n * UNIT, window: 20 };

/** Submit `n` jobs from Ferdie and wait until each is verified; returns their ids. */
async function jobsVerified (api, n, label) {
  const submitted = await submitJobs(api, account('ferdie'), Array(n).fill(JOB));
  const ids = new Set(submitted.map((s) => s.id));
  const verified = new Set();
  await scanEvents(api, Math.min(...submitted.map((s) => s.block)), (number, event) => {
    if (event.section !== 'jobs' || !ids.has(event.data.job?.toNumber?.())) return;
    if (event.method === 'ProofVerified') verified.add(event.data.job.toNumber());
    check(event.method !== 'JobFailed', `job ${event.data.job} failed ${label}`);
  }, () => verified.size === ids.size, { timeoutMs: 240_000, what: `${n} jobs verified ${label}` });
  console.log(`${label}: jobs ${[...ids].join(', ')} verified`);
  return [...ids];
}

const finalizedNumber = async (api) => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

/** The author of each best block from `from` on, until `until(author, number)` is true. */
async function watchAuthors (api, from, until, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  let next = from;
  for (;;) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; next <= best; next++) {
      const header = await api.derive.chain.getHeader(await api.rpc.chain.getBlockHash(next));
      if (until(header.author?.toString(), next)) return next;
    }
    check(Date.now() < deadline, `timed out waiting for ${what} (watched to #${next - 1})`);
    await sleep(1000);
  }
}

/** Wait until `condition()` holds, checking every 2 s. */
async function waitUntil (condition, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    check(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(2000);
  }
}

const validators = async (api) => (await api.query.session.validators()).map((v) => v.toString());
const babeAuthorities = async (api) => (await api.query.babe.authorities()).length;
const grandpaAuthorities = async (api) => (await api.call.grandpaApi.grandpaAuthorities()).length;

async function run (node, networkInfo, args) {
  const phase = args[0];
  return script(`validators ${phase}`, async () => {
    const api = await connect(networkInfo, node);
    const state = stateFile(networkInfo, 'validators');
    const eve = account('eve');
    try {
      if (phase === 'paused') {
        check((await validators(api)).length === 4, `four validators: ${(await validators(api)).map(nameOf)}`);
        const from = await finalizedNumber(api);
        // Blocks up to the best one now may be Dave's, from before the pause; and one he sent as
        // he was paused may still arrive.
        const paused = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
        const ids = await jobsVerified(api, 3, 'with Dave paused');
        await waitUntil(async () => (await finalizedNumber(api)) >= from + 10, { timeoutMs: 120_000, what: `finality past #${from + 10} with Dave paused` });
        const to = await finalizedNumber(api);
        // Dave's node is stopped: none of these blocks is his.
        const dave = account('dave').address;
        await watchAuthors(api, paused + 1, (author, number) => {
          check(author !== dave, `block #${number} was authored by Dave, whose node is paused`);
          return number >= to;
        }, { timeoutMs: 60_000, what: `the authors of #${paused + 1}..#${to}` });
        console.log(`with Dave paused: finalised #${from} -> #${to} by three of four validators, none of blocks #${paused + 1}..#${to} by Dave`);
        state.save({ jobs: ids });
      } else if (phase === 'join') {
        const eveApi = await connect(networkInfo, 'eve');
        try {
          // Eve's node makes her session keys and proves she holds them.
          // The owner is the account's SCALE encoding: its public key.
          const owner = `0x${Buffer.from(eve.publicKey).toString('hex')}`;
          const { keys, proof } = await eveApi._rpcCore.provider.send('author_rotateKeysWithOwner', [owner]);
          check(keys && proof, `author_rotateKeysWithOwner gave keys and a proof: ${JSON.stringify({ keys, proof })}`);
          await send(api, api.tx.session.setKeys(keys, proof), eve);
          const bond = (await api.query.collatorSelection.candidacyBond()).toBigInt();
          const reserved = (await api.query.system.account(eve.address)).data.reserved.toBigInt();
          const joined = await send(api, api.tx.collatorSelection.registerAsCandidate(), eve);
          const reservedNow = (await api.query.system.account(eve.address)).data.reserved.toBigInt();
          check(reservedNow - reserved === bond, `Eve's bond of ${bond / UNIT} SORT is reserved (${reserved} -> ${reservedNow})`);
          console.log(`Eve set her keys and registered at #${joined.number} (bond ${bond / UNIT} SORT)`);

          const ids = [];
          ids.push(...await jobsVerified(api, 3, 'while Eve joins'));
          await waitUntil(async () => (await validators(api)).includes(eve.address), { timeoutMs: 300_000, what: 'Eve in session.validators' });
          const became = (await api.rpc.chain.getHeader()).number.toNumber();
          check(await babeAuthorities(api) === 5, `BABE has 5 authorities: ${await babeAuthorities(api)}`);
          await waitUntil(async () => (await grandpaAuthorities(api)) === 5, { timeoutMs: 120_000, what: 'GRANDPA set of 5' });
          console.log(`Eve is a validator from #${became} (session ${await api.query.session.currentIndex()}); BABE and GRANDPA have 5 authorities`);
          const authored = await watchAuthors(api, became, (author) => author === eve.address, { timeoutMs: 300_000, what: 'a block authored by Eve' });
          console.log(`Eve authored block #${authored}`);
          await waitUntil(async () => (await finalizedNumber(api)) >= authored, { timeoutMs: 120_000, what: `Eve's block #${authored} finalised` });
          ids.push(...await jobsVerified(api, 3, 'with Eve a validator'));
          state.save({ jobs: [...state.load().jobs, ...ids] });
        } finally {
          await eveApi.disconnect();
        }
      } else if (phase === 'leave') {
        const reserved = (await api.query.system.account(eve.address)).data.reserved.toBigInt();
        const left = await send(api, api.tx.collatorSelection.leaveIntent(), eve);
        const bond = (await api.query.collatorSelection.candidacyBond()).toBigInt();
        const reservedNow = (await api.query.system.account(eve.address)).data.reserved.toBigInt();
        check(reserved - reservedNow === bond, `Eve's bond comes back when she leaves (${reserved} -> ${reservedNow})`);
        console.log(`Eve left at #${left.number}`);
        const ids = await jobsVerified(api, 3, 'while Eve leaves');
        await waitUntil(async () => !(await validators(api)).includes(eve.address), { timeoutMs: 300_000, what: 'Eve out of session.validators' });
        const gone = (await api.rpc.chain.getHeader()).number.toNumber();
        check(await babeAuthorities(api) === 4, `BABE has 4 authorities again: ${await babeAuthorities(api)}`);
        await waitUntil(async () => (await grandpaAuthorities(api)) === 4, { timeoutMs: 120_000, what: 'GRANDPA set of 4' });
        // She authors nothing from then on, and blocks are still finalised.
        const until = gone + 10;
        await watchAuthors(api, gone, (author, number) => {
          check(author !== eve.address, `block #${number} was authored by Eve after she left`);
          return number >= until;
        }, { timeoutMs: 300_000, what: `10 blocks after #${gone}` });
        await waitUntil(async () => (await finalizedNumber(api)) >= until, { timeoutMs: 120_000, what: `finality past #${until}` });
        await send(api, api.tx.session.purgeKeys(), eve);
        const held = (await api.query.system.account(eve.address)).data.reserved.toBigInt();
        check(held === 0n, `Eve holds nothing once she purged her keys: ${held}`);
        console.log(`Eve is out from #${gone}; blocks #${gone}..#${until} by the four, finalised; her keys purged`);
        state.save({ jobs: [...state.load().jobs, ...ids] });
      } else if (phase === 'end') {
        const { jobs } = state.load();
        for (const id of jobs) {
          const job = await api.query.jobs.jobs(id);
          const state = job.isSome ? job.unwrap().state.type : 'gone';
          check(state === 'Verified' && (await api.query.jobs.receipts(id)).isSome, `job ${id} ended verified with a receipt (state ${state})`);
        }
        const open = (await api.query.jobs.jobs.entries()).filter(([, job]) => !['Verified', 'Failed', 'Cancelled'].includes(job.unwrap().state.type));
        check(open.length === 0, `no job is open: ${open.map(([k]) => k.args[0].toString())}`);
        console.log(`all ${jobs.length} jobs of the run verified, with receipts; none failed, none open`);
      } else {
        throw new Error(`unknown phase ${phase}`);
      }
    } finally {
      await api.disconnect();
    }
  });
}

module.exports = { run };
