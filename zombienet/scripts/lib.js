// What the zombienet js-scripts share. zombienet `require`s each script (CommonJS) and calls its
// `run(nodeName, networkInfo, args)`. A script returns PASSED (1) when every check holds, and
// otherwise prints what failed and returns FAILED (0); the test lines say `return is 1`.
// (Not 0 for success: zombienet 1.3 skips the comparison when the expected value is falsy, so
// `return is 0` would pass whatever a script returned.)

const fs = require('fs');
const path = require('path');

const UNIT = 10n ** 12n;

/** The well-known development accounts, by node name. */
function account (name) {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  return keyring.addFromUri(`//${name[0].toUpperCase()}${name.slice(1)}`);
}

/** The development name of `address` (`dave`), or the address itself. */
function nameOf (address) {
  return ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'].find((n) => account(n).address === address.toString()) ?? address.toString();
}

/** A connected @polkadot/api (zombienet's copy) for node `name`. */
function connect (networkInfo, name) {
  const provider = new zombie.WsProvider(networkInfo.nodesByName[name].wsUri);
  // `AuthorizeCall` (the runtime's first transaction extension) adds no bytes: as in
  // scripts/cli/lib/api-options.mjs.
  return zombie.ApiPromise.create({ provider, noInitWarn: true, signedExtensions: { AuthorizeCall: { extrinsic: {}, payload: {} } } });
}

/**
 * A `sortition_*` RPC method of the node `api` is connected to. (zombienet's @polkadot/api
 * predates the runtime API `SortitionApi`, so `api.call.sortitionApi` is not decorated there;
 * the RPC is the same API in JSON.)
 */
function rpc (api, method, ...params) {
  return api._rpcCore.provider.send(`sortition_${method}`, params);
}

/** The names of the network's nodes. */
function nodeNames (networkInfo) {
  return Object.keys(networkInfo.nodesByName);
}

/** The transaction helpers of the command-line client (an ES module without imports). */
function txHelpers () {
  return import(path.join(__dirname, '../../scripts/cli/lib/tx.mjs'));
}

/** A check: throws `CheckFailed` (reported, exit code 1) unless `condition`. */
class CheckFailed extends Error {}
function check (condition, message) {
  if (!condition) throw new CheckFailed(message);
}

const PASSED = 1;
const FAILED = 0;

/** Run `body`: PASSED if it returns, FAILED (with the reason printed) if it throws. */
async function script (name, body) {
  try {
    await body();
    console.log(`${name}: every check passed`);
    return PASSED;
  } catch (e) {
    console.error(`${name}: ${e instanceof CheckFailed ? 'check failed: ' : 'error: '}${e.message}`);
    if (!(e instanceof CheckFailed)) console.error(e.stack);
    return FAILED;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Call `onEvent(blockNumber, event)` for every event of every best block from `from` on, in
 * order, until `done()` is true (checked after each block) or `timeoutMs` passes (then throws,
 * naming `what`). Returns the last block scanned.
 */
async function scanEvents (api, from, onEvent, done, { timeoutMs = 300_000, what = 'events' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let next = from;
  for (;;) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; next <= best; next++) {
      const hash = await api.rpc.chain.getBlockHash(next);
      const events = await (await api.at(hash)).query.system.events();
      for (const { event } of events) onEvent(next, event);
      if (done()) return next;
    }
    if (Date.now() > deadline) throw new CheckFailed(`timed out after ${timeoutMs / 1000} s waiting for ${what} (scanned to block #${next - 1})`);
    await sleep(1000);
  }
}

/** Sign and send `tx` from `pair` and wait until it is in a block; throws on a dispatch error. */
async function send (api, tx, pair) {
  const { sendAndWait } = await txHelpers();
  const result = await sendAndWait(api, tx, pair, { timeoutMs: 120_000 });
  if (result.dispatchError) throw new CheckFailed(`${tx.method.section}.${tx.method.method}: ${result.dispatchError}`);
  const number = (await api.rpc.chain.getHeader(result.blockHash)).number.toNumber();
  return { ...result, number };
}

/**
 * Submit `jobs` (`{ inputs, fee, collateral, window }`) from `pair` without waiting for each
 * block (consecutive nonces), and return their ids with the block each was included in.
 */
async function submitJobs (api, pair, jobs) {
  const from = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
  let nonce = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
  for (const job of jobs) {
    await api.tx.jobs.submitJob(job.inputs, job.security ?? 'Bits96', job.fee, job.maxFee ?? job.fee, job.collateral, job.window)
      .signAndSend(pair, { nonce: nonce++ });
  }
  const submitted = [];
  await scanEvents(api, from, (number, event) => {
    if (event.section === 'jobs' && event.method === 'JobSubmitted' && event.data.requester.toString() === pair.address) {
      submitted.push({ id: event.data.job.toNumber(), block: number });
    }
  }, () => submitted.length >= jobs.length, { timeoutMs: 120_000, what: `${jobs.length} JobSubmitted events` });
  return submitted;
}

/** A small state file shared by the scripts of one test run. */
function stateFile (networkInfo, name) {
  const file = path.join(networkInfo.tmpDir, `sortition-${name}.json`);
  return {
    save: (value) => fs.writeFileSync(file, JSON.stringify(value, (_, v) => typeof v === 'bigint' ? v.toString() : v, 2)),
    load: () => JSON.parse(fs.readFileSync(file, 'utf8'))
  };
}

/** The `p`-th percentile (0..100) of `values` (nearest rank). */
function percentile (values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

module.exports = {
  UNIT,
  account,
  check,
  CheckFailed,
  connect,
  nameOf,
  nodeNames,
  percentile,
  rpc,
  scanEvents,
  script,
  send,
  sleep,
  stateFile,
  submitJobs,
  txHelpers
};
