// A prover killed while it holds accepted jobs. Four phases, with zombienet killing Dave's node
// and starting it again 100 s later (`dave: restart after 100 seconds`) in between:
//
//   accept       Eve and Ferdie stop offering MimcVdf, so Dave is the only prover in its draw
//                and is drawn for two slow jobs: one with a 10-block proving window (a minute:
//                it closes while his node is down) and one with 40 blocks (four minutes: enough
//                to prove it again after the restart). Once Dave's node has accepted both, Eve
//                offers MimcVdf again (so the re-draw finds her) and the script returns at once,
//                so that the next line kills Dave's node before it submits either proof.
//   slashed      after the short window: Dave was slashed the whole collateral (half of it to
//                the requester) and suspended, and the job was re-routed to Eve and verified.
//   redelivered  Dave's restarted node proved the long-window job again and delivered it within
//                its window: verified, Dave paid, no second attempt, nothing slashed for it.
//   rejoined     Dave's restarted node has caught up with the chain, and the suspended Dave is
//                neither quoted nor drawn for new jobs, which Eve and Ferdie prove.

const { UNIT, account, check, connect, rpc, scanEvents, script, send, stateFile, submitJobs } = require('./lib.js');

const REQUESTER = 'charlie';
const FEE = 10n * UNIT;
const COLLATERAL = 100n * UNIT;
// About 14 s to prove: more than the worker waits in the block of the draw, so Dave accepts at
// once (a quicker proof would be his acceptance), and more than a block, so that his node can be
// killed before the proof is out.
const SLOW = { MimcVdf: { seed: 7, steps: 1 << 20 } };
// The job Dave holds across the restart: its window (4 minutes) outlasts his node's 100 s down
// and a proof after it.
const LONG_WINDOW = 40;
const LONG_COLLATERAL = 20n * UNIT;

async function accept (api, state) {
  const [dave, eve, ferdie] = ['dave', 'eve', 'ferdie'].map(account);
  // Out of MimcVdf's draw, not merely asking too much: the draw makes up to eight stake-weighted
  // picks and skips whoever cannot take the job, so with Eve and Ferdie in it all eight missed
  // Dave's sixth of the stake about one job in four (`NoProverDrawn`: the job was drawn five
  // blocks later, after Dave had proven the other, and the test failed).
  const programs = {};
  for (const [name, who] of [['eve', eve], ['ferdie', ferdie]]) {
    programs[name] = (await api.query.provers.provers(who.address)).unwrap().offers.map((offer) => offer.program.toString());
    check(programs[name].includes('MimcVdf'), `${name} offers MimcVdf`);
  }
  const without = (list) => list.filter((program) => program !== 'MimcVdf');
  await Promise.all([send(api, api.tx.provers.setPrograms(without(programs.eve)), eve), send(api, api.tx.provers.setPrograms(without(programs.ferdie)), ferdie)]);
  const stakeBefore = (await api.query.provers.provers(dave.address)).unwrap().stake.toBigInt();

  const [short, long] = await submitJobs(api, account(REQUESTER), [
    { inputs: SLOW, fee: FEE, collateral: COLLATERAL, window: 10 },
    { inputs: { MimcVdf: { seed: 8, steps: 1 << 20 } }, fee: FEE, collateral: LONG_COLLATERAL, window: LONG_WINDOW }
  ]);
  const id = short.id;
  const accepted = new Map();
  await scanEvents(api, Math.min(short.block, long.block), (number, event) => {
    if (event.section === 'jobs' && event.method === 'JobAccepted' && [short.id, long.id].includes(event.data.job.toNumber())) {
      accepted.set(event.data.job.toNumber(), { number, prover: event.data.prover.toString(), proveBy: event.data.proveBy.toNumber() });
    }
  }, () => accepted.size === 2, { timeoutMs: 120_000, what: `jobs ${short.id} and ${long.id} accepted` });
  for (const [job, { prover }] of accepted) check(prover === dave.address, `job ${job} was accepted by ${prover}, expected Dave`);
  const acceptedAt = Math.max(...[...accepted.values()].map((a) => a.number));
  // Into the pool, not waiting for a block: Dave's node must be killed within this block. (A
  // program listed again asks no minimum fee.)
  await api.tx.provers.setPrograms(programs.eve).signAndSend(eve);
  // Balances from here on: neither Dave nor the requester sends another transaction.
  const at = await api.at(await api.rpc.chain.getBlockHash(acceptedAt));
  const balances = {
    requesterFree: (await at.query.system.account(account(REQUESTER).address)).data.free.toBigInt(),
    daveReserved: (await at.query.system.account(dave.address)).data.reserved.toBigInt(),
    issuance: (await at.query.balances.totalIssuance()).toBigInt()
  };
  state.save({ id, acceptedAt, stakeBefore, programs, long: { id: long.id, proveBy: accepted.get(long.id).proveBy }, ...balances });
  console.log(`jobs ${id} (window 10) and ${long.id} (window ${LONG_WINDOW}, due by #${accepted.get(long.id).proveBy}): accepted by Dave by #${acceptedAt}; kill his node now`);
}

async function slashed (api, state) {
  const saved = state.load();
  const { id, acceptedAt } = saved;
  const [stakeBefore, requesterFree, daveReserved, issuance] =
    ['stakeBefore', 'requesterFree', 'daveReserved', 'issuance'].map((k) => BigInt(saved[k]));
  const [dave, eve, ferdie] = ['dave', 'eve', 'ferdie'].map(account);
  const seen = {};
  let fees = 0n;
  await scanEvents(api, acceptedAt, (number, event) => {
    const d = event.data;
    if (event.section === 'jobs' && d.job?.toNumber() === id) seen[event.method] = { number, data: d };
    if (event.section === 'provers' && event.method === 'Slashed' && d.prover.toString() === dave.address) seen.Slashed = { number, data: d };
    if (event.section === 'provers' && event.method === 'Suspended' && d.prover.toString() === dave.address) seen.Suspended = { number, data: d };
    // Transaction fees are burned (`FungibleAdapter<Balances, ()>`): count them out of the issuance.
    if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid' && number > acceptedAt && (!seen.ProofVerified || number === seen.ProofVerified.number)) fees += d.actualFee.toBigInt();
  }, () => seen.ProofVerified !== undefined, { timeoutMs: 300_000, what: `job ${id} re-routed and verified` });

  const failed = seen.ProverFailed;
  check(failed, 'jobs.ProverFailed for the job');
  check(failed.data.prover.toString() === dave.address, `the failed prover is Dave, not ${failed.data.prover}`);
  check(failed.data.reason.toString() === 'ProofTimeout', `failure reason ${failed.data.reason}`);
  check(failed.data.slashed.toBigInt() === COLLATERAL, `slashed ${failed.data.slashed}, expected the collateral ${COLLATERAL}`);
  check(seen.Slashed && seen.Slashed.data.beneficiary.toString() === account(REQUESTER).address, 'the requester is the slash beneficiary');
  check(seen.Slashed.data.toBeneficiary.toBigInt() === COLLATERAL / 2n, `the requester got ${seen.Slashed.data.toBeneficiary} of the slash`);
  check(seen.Suspended, 'provers.Suspended for Dave');
  check(seen.ProofVerified.data.prover.toString() === eve.address, `the job was verified by ${seen.ProofVerified.data.prover}, expected Eve`);

  const at = await api.at(await api.rpc.chain.getBlockHash(seen.ProofVerified.number));
  const record = (await at.query.provers.provers(dave.address)).unwrap();
  check(record.stake.toBigInt() === stakeBefore - COLLATERAL, `Dave's stake ${record.stake} = ${stakeBefore} - collateral`);
  // Only the long-window job's collateral is still locked, if Dave still holds it.
  const longOpen = (await at.query.jobs.proverJobs(dave.address, saved.long.id)).isSome;
  check(record.locked.toBigInt() === (longOpen ? LONG_COLLATERAL : 0n), `Dave's locked collateral ${record.locked}: the failed job's is released`);
  check(record.suspendedUntil.isSome, 'Dave is suspended');
  check(record.stats.jobsMissed.toNumber() === 1, `Dave missed ${record.stats.jobsMissed} jobs`);
  // The money: the collateral left Dave's held stake; half went to the requester, half was
  // burned; the fee went from the requester's hold to Eve (the requester's free balance only
  // gained its share).
  const requester = (await at.query.system.account(account(REQUESTER).address)).data;
  const daveAccount = (await at.query.system.account(dave.address)).data;
  check(requester.free.toBigInt() - requesterFree === COLLATERAL / 2n, `the requester's free balance rose by ${requester.free.toBigInt() - requesterFree}, expected half the collateral`);
  check(daveReserved - daveAccount.reserved.toBigInt() === COLLATERAL, `Dave's held balance fell by ${daveReserved - daveAccount.reserved.toBigInt()}, expected the collateral`);
  const burned = issuance - (await at.query.balances.totalIssuance()).toBigInt() - fees;
  check(burned === COLLATERAL / 2n, `${burned} burned besides the transaction fees, expected half the collateral`);
  const job = await rpc(api, 'job', id);
  check(job.attempts === 2, `the job took ${job.attempts} attempts`);
  check(job.failedProvers.join() === dave.address, 'Dave is the job\'s failed prover');
  console.log(`job ${id}: accepted by Dave at #${acceptedAt}, Dave slashed ${COLLATERAL / UNIT} SORT at #${failed.number} ` +
    `(${seen.Slashed.data.toBeneficiary.toBigInt() / UNIT} SORT to the requester), suspended until #${seen.Suspended.data.until}; ` +
    `re-routed to Eve, verified at #${seen.ProofVerified.number}; requester +${COLLATERAL / 2n / UNIT} SORT free, Dave -${COLLATERAL / UNIT} SORT held, ` +
    `issuance -${COLLATERAL / 2n / UNIT} SORT`);
  await send(api, api.tx.provers.setPrograms(saved.programs.ferdie), ferdie);
}

async function redelivered (api, state) {
  const { acceptedAt, long } = state.load();
  const dave = account('dave');
  const seen = {};
  await scanEvents(api, acceptedAt, (number, event) => {
    if (event.section === 'jobs' && event.data.job?.toNumber() === long.id) seen[event.method] = { number, data: event.data };
  }, () => seen.ProofVerified !== undefined, { timeoutMs: 240_000, what: `job ${long.id} verified` });
  check(!seen.ProverFailed, `job ${long.id} failed: ${JSON.stringify(seen.ProverFailed?.data.toHuman())}`);
  check(seen.ProofVerified.data.prover.toString() === dave.address, `job ${long.id} was verified by ${seen.ProofVerified.data.prover}, expected Dave`);
  check(seen.ProofVerified.number <= long.proveBy, `verified at #${seen.ProofVerified.number}, after its deadline #${long.proveBy}`);
  const job = await rpc(api, 'job', long.id);
  check(job.attempts === 1, `job ${long.id} took ${job.attempts} attempts`);
  const record = (await api.query.provers.provers(dave.address)).unwrap();
  check(record.locked.toBigInt() === 0n && record.activeJobs.toNumber() === 0, `Dave's collateral is released (locked ${record.locked}, ${record.activeJobs} jobs)`);
  console.log(`job ${long.id}: held by Dave across his node's restart, proven again and verified at #${seen.ProofVerified.number}, ` +
    `${seen.ProofVerified.number - acceptedAt} blocks after it was accepted (due by #${long.proveBy}); one attempt, fee paid to Dave`);
}

async function rejoined (api, networkInfo) {
  const dave = account('dave');
  const daveApi = await connect(networkInfo, 'dave');
  try {
    // Dave's node is back and has caught up.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [mine, theirs] = await Promise.all([daveApi.rpc.chain.getHeader(), api.rpc.chain.getHeader()]);
      const peers = (await daveApi.rpc.system.health()).peers.toNumber();
      if (peers >= 1 && mine.number.toNumber() >= theirs.number.toNumber() - 1) {
        console.log(`Dave's node: best #${mine.number} (others #${theirs.number}), ${peers} peers`);
        break;
      }
      check(Date.now() < deadline, `Dave's node did not catch up: #${mine.number} vs #${theirs.number}, ${peers} peers`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    check((await daveApi.query.provers.provers(dave.address)).unwrap().suspendedUntil.isSome, 'Dave\'s node sees the suspension');
  } finally {
    await daveApi.disconnect();
  }

  // Suspended: out of the quote, and not drawn.
  const quote = await rpc(api, 'quote', 'Fibonacci', 1 << 12, null);
  check(quote.eligibleProvers === 2, `${quote.eligibleProvers} provers quoted, expected Eve and Ferdie`);
  const jobs = Array.from({ length: 6 }, () => ({ inputs: { Fibonacci: { steps: 1 << 12 } }, fee: FEE, collateral: 10n * UNIT, window: 20 }));
  const submitted = await submitJobs(api, account(REQUESTER), jobs);
  const ids = new Set(submitted.map((s) => s.id));
  const assigned = [];
  const verified = new Set();
  await scanEvents(api, Math.min(...submitted.map((s) => s.block)), (_, event) => {
    if (event.section !== 'jobs' || !ids.has(event.data.job?.toNumber())) return;
    if (event.method === 'ProverAssigned') assigned.push(event.data.prover.toString());
    if (event.method === 'ProofVerified') verified.add(event.data.job.toNumber());
  }, () => verified.size === ids.size, { timeoutMs: 240_000, what: 'the jobs after the restart verified' });
  check(!assigned.includes(dave.address), 'the suspended Dave was not drawn');
  console.log(`${ids.size} new jobs: drawn for ${assigned.length} provers, none of them Dave; all verified`);
}

async function run (node, networkInfo, args) {
  const phase = args[0];
  return script(`reroute ${phase}`, async () => {
    const api = await connect(networkInfo, node);
    const state = stateFile(networkInfo, 'reroute');
    try {
      if (phase === 'accept') await accept(api, state);
      else if (phase === 'slashed') await slashed(api, state);
      else if (phase === 'redelivered') await redelivered(api, state);
      else if (phase === 'rejoined') await rejoined(api, networkInfo);
      else check(false, `unknown phase ${phase}`);
    } finally {
      await api.disconnect();
    }
  });
}

module.exports = { run };
