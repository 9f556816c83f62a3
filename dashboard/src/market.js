// The dashboard's view of the chain: jobs, provers, the last blocks' proofs and failures, kept
// up to date block by block from storage and events. Everything here is read with
// @polkadot/api from the one node the page is connected to; nothing is computed that the chain
// does not say.
//
// Updates are incremental: a block's events name the jobs and provers it changed (every change
// of a job's state has an event, `JobPruned` included), and only those are read again, so a
// block's update costs the same with ten jobs in the chain as with thousands.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';

import { rpcErrorMessage } from '../../scripts/cli/lib/rpc.mjs';
import { API_OPTIONS } from '../../scripts/cli/lib/api-options.mjs';

export const DEFAULT_ENDPOINT = 'ws://127.0.0.1:9944';

/** How many recent blocks the charts and the failures feed cover. */
export const WINDOW = 100;

/** The states a job ends in. */
export const FINISHED = ['Verified', 'Failed', 'Cancelled'];
export const STATES = ['Pending', 'Assigned', 'Proving', ...FINISHED];

/** A connection that failed, with a sentence for the page. */
export class ConnectError extends Error {}

/** The storage prefix of map `pallet.item` (as FRAME derives it). */
const prefix = (pallet, item) => u8aToHex(u8aConcat(xxhashAsU8a(stringToU8a(pallet), 128), xxhashAsU8a(stringToU8a(item), 128)));

/** Send JSON-RPC `method` through `provider`; its error as an Error with the node's message. */
async function send (provider, method, params = []) {
  try {
    return await provider.send(method, params);
  } catch (e) {
    throw Object.assign(new Error(rpcErrorMessage(e)), { code: e.code });
  }
}

/** Every `[key, value]` (hex) of the storage map under `mapPrefix` at block `at`, a page at a time. */
async function fetchMap (provider, mapPrefix, at) {
  const out = [];
  for (let start = null; ;) {
    const keys = await send(provider, 'state_getKeysPaged', [mapPrefix, 1000, start, at]);
    if (keys.length) {
      const [{ changes }] = await send(provider, 'state_queryStorageAt', [keys, at]);
      for (const [key, value] of changes) if (value !== null) out.push([key, value]);
    }
    if (keys.length < 1000) return out;
    start = keys[keys.length - 1];
  }
}

/**
 * The market's storage as raw bytes, read while @polkadot/api is still building itself from the
 * metadata (which takes the browser a few hundred milliseconds): the best block, the jobs and
 * the provers. Decoded by `Market.load` once the types are known.
 */
async function prefetch (provider) {
  const at = await send(provider, 'chain_getBlockHash', []);
  const [header, jobs, provers] = await Promise.all([
    send(provider, 'chain_getHeader', [at]),
    fetchMap(provider, prefix('Jobs', 'Jobs'), at),
    fetchMap(provider, prefix('Provers', 'Provers'), at)
  ]);
  return { at, number: Number(header.number), jobs, provers };
}

/**
 * Connect to the node at `url`, once (no retry loop behind the page's back), and check that it
 * is a Sortition chain. Resolves `{ api, prefetched }`; throws a `ConnectError` that says what
 * is wrong.
 */
export async function connect (url, { timeoutMs = 10_000 } = {}) {
  if (!/^wss?:\/\/[^/\s]+/.test(url)) {
    throw new ConnectError(`'${url}' is not a WebSocket address: give one like ws://127.0.0.1:9944 or wss://host`);
  }
  const provider = new WsProvider(url, 0);
  const unreachable = () => new ConnectError(
    `cannot reach a node at ${url}: is it running, and started with --rpc-cors all (or this page's origin)? ` +
    'A dev chain: scripts/dev.sh');
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ConnectError(`no answer from ${url} within ${timeoutMs / 1000} s`)), timeoutMs);
      provider.on('connected', () => { clearTimeout(timer); resolve(); });
      provider.on('error', () => { clearTimeout(timer); reject(unreachable()); });
      provider.connect().catch(() => { clearTimeout(timer); reject(unreachable()); });
    });
  } catch (e) {
    await provider.disconnect().catch(() => {});
    throw e;
  }
  let api;
  const prefetched = prefetch(provider);
  prefetched.catch(() => {}); // a node of another chain may refuse it: reported below
  try {
    api = await ApiPromise.create({ provider, ...API_OPTIONS });
  } catch (e) {
    await provider.disconnect().catch(() => {});
    throw new ConnectError(`${url} answered, but not as a Substrate node: ${e.message}`);
  }
  const missing = ['jobs', 'provers'].filter((pallet) => !api.query[pallet]);
  if (missing.length || !api.call.sortitionApi) {
    const chain = (await api.rpc.system.chain().catch(() => 'an unknown chain')).toString();
    const runtime = api.runtimeVersion.specName.toString();
    await api.disconnect().catch(() => {});
    throw new ConnectError(
      `${url} is a node of '${chain}' (runtime '${runtime}'), not a Sortition chain: its runtime has ` +
      `no ${missing.length ? `${missing.join(' and ')} pallet${missing.length > 1 ? 's' : ''}` : 'SortitionApi'}`);
  }
  return { api, prefetched };
}

/** `name_like_this` as `nameLikeThis`. */
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** An event's fields by name, as codecs. */
export function eventFields (event) {
  return Object.fromEntries(event.data.names.map((name, i) => [camel(name), event.data[i]]));
}

/**
 * A job from its storage codec, as plain values (balances as BigInt, seeds as strings). Its
 * accounts are SS58-encoded when first shown: with thousands of jobs, encoding them all up front
 * would be a good part of the page's load.
 */
export function jobFrom (id, c) {
  const state = c.state;
  const field = (name) => state.value.get(name);
  const prover = field('prover');
  const deadline = { Pending: 'drawAt', Assigned: 'acceptBy', Proving: 'proveBy' }[state.type] ?? 'pruneAt';
  return {
    id,
    get requester () { return c.requester.toString(); },
    program: c.inputs.type,
    steps: c.inputs.value.steps.toNumber(),
    seed: c.inputs.value.seed === undefined ? [] : [].concat(c.inputs.value.seed.toPrimitive()).map(String),
    security: c.security.type,
    fee: c.fee.toBigInt(),
    collateral: c.collateral.toBigInt(),
    provingWindow: c.provingWindow.toNumber(),
    submittedAt: c.submittedAt.toNumber(),
    expiresAt: c.expiresAt.toNumber(),
    attempts: c.attempts.toNumber(),
    get failed () { return c.failed.map((a) => a.toString()); },
    state: state.type,
    get prover () { return prover?.toString(); },
    output: state.type === 'Verified' ? [].concat(field('output').value.toPrimitive()).map(String) : undefined,
    reason: state.type === 'Failed' ? field('reason').type : undefined,
    deadline: field(deadline).toNumber()
  };
}

/** A prover from its storage codec. */
export function proverFrom (account, c) {
  return {
    account,
    stake: c.stake.toBigInt(),
    locked: c.locked.toBigInt(),
    activeJobs: c.activeJobs.toNumber(),
    asks: c.offers.map((o) => ({ program: o.program.type, minFee: o.minFee.toBigInt() })),
    suspendedUntil: c.suspendedUntil.isSome ? c.suspendedUntil.unwrap().toNumber() : null,
    registeredAt: c.registeredAt.toNumber(),
    jobsDone: c.stats.jobsDone.toNumber(),
    jobsMissed: c.stats.jobsMissed.toNumber(),
    invalidProofs: c.stats.invalidProofs.toNumber(),
    slashedTotal: c.stats.slashedTotal.toBigInt()
  };
}

/**
 * The documentation of enum value `codec` (an event field's), from the runtime's metadata: the
 * chain's own words for a failure reason or a verification error.
 */
function variantDocs (api, typeId, codec) {
  try {
    const def = api.registry.lookup.getSiType(typeId).def;
    if (!def.isVariant) return '';
    const variant = def.asVariant.variants.find((v) => v.name.toString() === codec.type);
    const own = variant?.docs.map((d) => d.toString().trim()).join(' ') ?? '';
    // A variant that wraps another enum (`InvalidInputs(InputError)`): the inner one's words.
    const inner = variant?.fields.length === 1 && codec.value?.type !== undefined
      ? variantDocs(api, variant.fields[0].type, codec.value)
      : '';
    return inner || own;
  } catch {
    return '';
  }
}

/** A failure-like event as a feed entry, or null for events that are not failures. */
function failureEntry (api, number, time, event) {
  const f = eventFields(event);
  const docs = (name) => {
    const index = event.data.names.indexOf(name);
    return variantDocs(api, event.meta.fields[index].type, event.data[index]);
  };
  const base = { block: number, time, kind: `${event.section}.${event.method}`, job: f.job?.toNumber(), prover: f.prover?.toString() };
  const key = `${event.section}.${event.method}`;
  switch (key) {
    case 'jobs.ProverFailed':
      return { ...base, reason: f.reason.type, text: docs('reason'), amount: f.slashed.toBigInt(), detail: 'slashed; the job goes to another prover' };
    case 'jobs.ProofRejected':
      return { ...base, reason: f.reason.type, text: docs('reason') };
    case 'jobs.JobFailed':
      return { ...base, reason: f.reason.type, text: docs('reason'), amount: f.refunded.toBigInt(), detail: 'refunded' };
    case 'jobs.JobDeclined':
      return { ...base, reason: 'Declined', text: `Declined by its prover${f.overQuota.isTrue ? ' (over its quota: counted as a missed job)' : ''}; drawn again at once.`, amount: f.penalty.toBigInt(), detail: 'penalty' };
    case 'jobs.NoProverDrawn':
      return { ...base, reason: 'NoProverDrawn', text: `No eligible prover was drawn; the next draw is at block #${f.nextDrawAt.toNumber()}.` };
    case 'provers.Slashed':
      return { ...base, reason: f.reason.type, text: docs('reason'), amount: f.amount.toBigInt(), detail: 'slashed' };
    case 'provers.Suspended':
      return { ...base, reason: f.reason.type, text: `${docs('reason')} Out of the draw; may resume from block #${f.until.toNumber()}.` };
    default:
      return null;
  }
}

/** How many requests run at once when reading many blocks. */
const CONCURRENCY = 16;

async function mapConcurrent (items, fn, concurrency = CONCURRENCY) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * The market as the page shows it. `load()` reads the chain once; `follow(onUpdate)` then
 * applies every new best block and calls `onUpdate(timing)`.
 */
export class Market {
  constructor (api, { window = WINDOW } = {}) {
    this.api = api;
    this.window = window;
    this.jobs = new Map();
    this.provers = new Map();
    /** Failures of the last `window` blocks, newest first. */
    this.failures = [];
    this.head = 0;
    this.finalized = 0;
    this.unsubscribes = [];
  }

  get decimals () { return this.api.registry.chainDecimals[0] ?? 12; }
  get symbol () { return this.api.registry.chainTokens[0] ?? 'UNIT'; }

  /** `rpc('sortition_proof', [7])`: any JSON-RPC method, its error as an Error with the node's message. */
  rpc (method, params = []) {
    return send(this.api._rpcCore.provider, method, params);
  }

  setParams (params) {
    this.params = {
      minFee: params.minFee.toBigInt(),
      minCollateral: params.minCollateral.toBigInt(),
      acceptWindow: params.acceptWindow.toNumber(),
      minProvingWindow: params.minProvingWindow.toNumber(),
      maxProvingWindow: params.maxProvingWindow.toNumber(),
      retentionPeriod: params.retentionPeriod.toNumber()
    };
  }

  // ---- reading storage ------------------------------------------------------------------
  //
  // Straight `state_*` calls and one decode per value: @polkadot/api's `entries()` and
  // `api.at()` cost several times more (extra requests and formatting per value), which with
  // thousands of jobs is the difference between a page that keeps up and one that does not.

  /** `entry`'s value type (a plain value's, or a map's values'). */
  valueType (entry) {
    const type = entry.creator.meta.type;
    return this.api.registry.createLookupType(type.isPlain ? type.asPlain : type.asMap.value);
  }

  /**
   * The values of storage `keys` (hex) at block `at`, decoded as `entry`'s values; an absent
   * value is null, or the default the metadata gives for a `ValueQuery` item.
   */
  async readValues (entry, keys, at) {
    if (!keys.length) return [];
    const type = this.valueType(entry);
    const { modifier, fallback } = entry.creator.meta;
    const absent = modifier.isDefault ? this.api.registry.createType(type, fallback.toU8a(true)) : null;
    const [{ changes }] = await this.rpc('state_queryStorageAt', [keys, at]);
    const values = new Map(changes);
    return keys.map((key) => {
      const value = values.get(key);
      return value === null || value === undefined ? absent : this.api.registry.createType(type, hexToU8a(value));
    });
  }

  /**
   * Raw `[key, value]` pairs of a one-key map `entry` as `[key, value]` codecs. The key is read
   * from the end of the storage key, where a `*Concat` hasher (all of Sortition's maps) leaves
   * it: after the 32-byte prefix and the hash.
   */
  decodeMap (entry, pairs) {
    const { registry } = this.api;
    const map = entry.creator.meta.type.asMap;
    const hasher = map.hashers[0];
    const skip = 32 + ({ Blake2_128Concat: 16, Twox64Concat: 8, Identity: 0 }[hasher.type] ?? NaN);
    if (Number.isNaN(skip)) throw new Error(`${entry.creator.section}.${entry.creator.method}: its keys are hashed (${hasher.type}), not readable`);
    const keyType = registry.createLookupType(map.key);
    const valueType = this.valueType(entry);
    return pairs.map(([key, value]) => [
      registry.createType(keyType, hexToU8a(key).subarray(skip)),
      registry.createType(valueType, hexToU8a(value))
    ]);
  }

  /** Read the market at the best block (`prefetched`: its storage, read while connecting). */
  async load (prefetched) {
    const api = this.api;
    const raw = await prefetched;
    const at = raw.at;
    const q = api.query;
    const [chain, chainType, finalized, [params], [nextJobId]] = await Promise.all([
      api.rpc.system.chain(),
      api.rpc.system.chainType(),
      api.rpc.chain.getFinalizedHead().then((hash) => api.rpc.chain.getHeader(hash)),
      this.readValues(q.jobs.params, [q.jobs.params.key()], at),
      this.readValues(q.jobs.nextJobId, [q.jobs.nextJobId.key()], at)
    ]);
    const jobEntries = this.decodeMap(api.query.jobs.jobs, raw.jobs);
    const proverEntries = this.decodeMap(api.query.provers.provers, raw.provers);
    this.chain = chain.toString();
    this.development = chainType.isDevelopment || chainType.isLocal;
    this.setParams(params);
    this.nextJobId = nextJobId.toNumber();
    for (const [id, value] of jobEntries) this.jobs.set(id.toNumber(), jobFrom(id.toNumber(), value));
    for (const [account, value] of proverEntries) this.provers.set(account.toString(), proverFrom(account.toString(), value));
    this.head = raw.number;
    this.finalized = finalized.number.toNumber();
    this.historyFrom = this.head + 1;
  }

  /**
   * The failures feed's history: the events of the last `window` blocks before the load, read
   * in parallel after the page is up (the charts need none: they come from the jobs' state).
   */
  async loadHistory () {
    const to = this.historyFrom - 1;
    const from = Math.max(1, to - this.window + 1);
    const numbers = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    // In the background: two blocks at a time, none while a new block is being applied (its
    // requests go first), one decoded per task, so that new blocks are shown without waiting.
    const blocks = await mapConcurrent(numbers, async (n) => {
      while (this.applying) await this.applying.catch(() => {});
      return this.readBlock(n, undefined, { yieldFirst: true });
    }, 2);
    const failures = blocks.flatMap((block) => this.digest(block).failures).reverse();
    this.failures.push(...failures);
    this.historyFrom = from;
    this.historyLoaded = true;
  }

  /** Block `number`'s hash, timestamp and event records (null records if its state is gone). */
  async readBlock (number, hash, { yieldFirst = false } = {}) {
    const api = this.api;
    hash = hash ?? (await api.rpc.chain.getBlockHash(number)).toHex();
    this.eventsType ??= api.registry.createLookupType(api.query.system.events.creator.meta.type.asPlain);
    const keys = [api.query.system.events.key(), api.query.timestamp.now.key()];
    let records = null;
    let time = null;
    try {
      const [{ changes }] = await this.rpc('state_queryStorageAt', [keys, hash]);
      if (yieldFirst) await new Promise((resolve) => setTimeout(resolve, 0));
      const value = (key) => changes.find(([k]) => k === key)?.[1] ?? null;
      records = api.registry.createType(this.eventsType, value(keys[0]) ?? '0x00');
      const now = value(keys[1]);
      time = now === null ? null : api.registry.createType('u64', hexToU8a(now)).toNumber();
    } catch {
      // The node no longer keeps this block's state (pruned): no events to show for it.
    }
    return { number, hash, time, records };
  }

  /** The jobs and provers a block's events changed, and its failures for the feed. */
  digest (block) {
    const jobs = new Set();
    const pruned = new Set();
    const provers = new Set();
    const failures = [];
    let params = false;
    for (const { event } of block.records ?? []) {
      if (event.section !== 'jobs' && event.section !== 'provers') continue;
      const f = eventFields(event);
      if (f.job !== undefined) (event.method === 'JobPruned' ? pruned : jobs).add(f.job.toNumber());
      if (f.prover !== undefined) provers.add(f.prover.toString());
      if (event.section === 'jobs' && event.method === 'ParamsSet') params = true;
      const failure = failureEntry(this.api, block.number, block.time, event);
      if (failure) failures.push(failure);
    }
    return { jobs, pruned, provers, failures, params };
  }

  /** Apply a new best block: read the jobs and provers its events changed, at that block. */
  async applyBlock (number, hash) {
    const api = this.api;
    const block = await this.readBlock(number, hash);
    const d = this.digest(block);
    const jobIds = [...d.jobs].filter((id) => !d.pruned.has(id));
    const accounts = [...d.provers];
    const q = api.query;
    const [jobs, provers, [nextJobId], [params]] = await Promise.all([
      this.readValues(q.jobs.jobs, jobIds.map((id) => q.jobs.jobs.key(id)), block.hash),
      this.readValues(q.provers.provers, accounts.map((a) => q.provers.provers.key(a)), block.hash),
      this.readValues(q.jobs.nextJobId, [q.jobs.nextJobId.key()], block.hash),
      this.readValues(q.jobs.params, d.params ? [q.jobs.params.key()] : [], block.hash)
    ]);
    for (const id of d.pruned) this.jobs.delete(id);
    jobIds.forEach((id, i) => jobs[i] ? this.jobs.set(id, jobFrom(id, jobs[i])) : this.jobs.delete(id));
    accounts.forEach((a, i) => provers[i] ? this.provers.set(a, proverFrom(a, provers[i])) : this.provers.delete(a));
    if (nextJobId) this.nextJobId = nextJobId.toNumber();
    if (params) this.setParams(params);
    this.failures.unshift(...d.failures.reverse());
    this.head = number;
    while (this.failures.length && this.failures[this.failures.length - 1].block <= this.head - this.window) this.failures.pop();
  }

  /**
   * Follow the chain: every new best block (each block once, in order, also when the
   * subscription skips one) is applied, then `onUpdate({ number, startedAt })` is called.
   */
  async follow (onUpdate, onError) {
    let queue = Promise.resolve();
    const unsubHeads = await this.api.rpc.chain.subscribeNewHeads((header) => {
      const startedAt = performance.now();
      const best = header.number.toNumber();
      queue = queue.then(async () => {
        if (best <= this.head) return;
        for (let n = this.head + 1; n <= best; n++) {
          this.applying = this.applyBlock(n, n === best ? header.hash.toHex() : undefined);
          try {
            await this.applying;
          } finally {
            this.applying = null;
          }
        }
        onUpdate({ number: best, startedAt });
      }).catch(onError);
    });
    const unsubFinalized = await this.api.rpc.chain.subscribeFinalizedHeads((header) => {
      this.finalized = header.number.toNumber();
    });
    this.unsubscribes.push(unsubHeads, unsubFinalized);
  }

  async close () {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    await this.api.disconnect().catch(() => {});
  }

  // ---- derived views -------------------------------------------------------------------

  countByState () {
    const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
    for (const job of this.jobs.values()) counts[job.state] = (counts[job.state] ?? 0) + 1;
    return counts;
  }

  /**
   * The block a finished job ended in (verified, failed or cancelled): the pallet prunes it
   * `retention_period` blocks after that. (Exact unless Root changed the period since.)
   */
  endedAt (job) {
    return FINISHED.includes(job.state) ? job.deadline - this.params.retentionPeriod : null;
  }

  /** The first block of the charts' window. */
  get windowStart () {
    return Math.max(1, this.head - this.window + 1);
  }

  /** The jobs verified in the window: `[{ job, at, latency }]`, from the jobs' state alone. */
  verifiedInWindow () {
    const from = this.windowStart;
    const out = [];
    for (const job of this.jobs.values()) {
      if (job.state !== 'Verified') continue;
      const at = this.endedAt(job);
      if (at >= from && at <= this.head) out.push({ job: job.id, at, latency: at - job.submittedAt });
    }
    return out;
  }

  /** Latency histogram over the window: `{ labels: ['1', '2', ...], counts, latencies }`, in blocks. */
  latencyHistogram (verified = this.verifiedInWindow()) {
    const latencies = verified.map((v) => v.latency);
    if (!latencies.length) return { labels: [], counts: [], latencies };
    const counts = new Array(Math.max(...latencies)).fill(0);
    for (const l of latencies) counts[Math.max(l, 1) - 1]++;
    return { labels: counts.map((_, i) => String(i + 1)), counts, latencies };
  }

  /** Proofs verified per block over the window: `{ labels: ['#n', ...], counts }`. */
  proofsPerBlock (verified = this.verifiedInWindow()) {
    const from = this.windowStart;
    const counts = new Array(this.head - from + 1).fill(0);
    for (const v of verified) counts[v.at - from]++;
    return { labels: counts.map((_, i) => `#${from + i}`), counts };
  }

  /**
   * Job `id`'s timeline: its events in blocks `from`..`to` (its submission to its end, or to the
   * head), each with block number and time. Blocks whose state the node pruned are counted.
   */
  async timeline (job) {
    let end = this.head;
    if (FINISHED.includes(job.state)) end = Math.min(this.head, job.deadline - this.params.retentionPeriod);
    const numbers = Array.from({ length: Math.max(0, end - job.submittedAt + 1) }, (_, i) => job.submittedAt + i);
    const blocks = await mapConcurrent(numbers, (n) => this.readBlock(n));
    const entries = [];
    let unreadable = 0;
    for (const block of blocks) {
      if (block.records === null) { unreadable++; continue; }
      for (const { event } of block.records) {
        if (event.section !== 'jobs') continue;
        const f = eventFields(event);
        if (f.job?.toNumber() !== job.id) continue;
        entries.push({ block: block.number, time: block.time, method: event.method, fields: f, failure: failureEntry(this.api, block.number, block.time, event) });
      }
    }
    return { entries, unreadable, from: job.submittedAt, to: end };
  }
}
