// The soak (scripts/soak.sh): a network of three validators and three provers (separate.json)
// under a steady, mixed stream of jobs with waves, while seeded random faults hit its nodes;
// then every job must have ended and every coin must be accounted for.
//
// SOAK_MINUTES (default 60) is how long jobs are submitted and faults injected; SOAK_SEED (a
// random one if unset, printed) repeats a run's jobs and faults. After the last submission the
// script waits for every job to end, then checks and prints:
//
//   jobs      every job submitted ended: verified, or failed with its max_fee refunded; none
//             lost or stuck;
//   faults    every prover failure (a re-route and a slash) happened to a prover whose node a
//             fault hit while it held the job; no proof was rejected;
//   money     at the last block, each account's holds are its stake (ProverBond) and its open
//             jobs' max_fee (JobFee); total issuance fell by exactly the burned part of the
//             slashes, the transaction fees (burned by this runtime) and any dust;
//   CPU       the provers' proving CPU (their nodes' prover threads, read from /proc) per
//             verified job against one proof of the same jobs (the prove example, same machine,
//             same run), and the proofs made per verified job (sortition_prover_* metrics);
//   memory    each node's resident memory, its anonymous part (RssAnon), its live heap
//             (jemalloc's allocated bytes) and the trie cache in it over the run; in runs of 20
//             minutes or more, no node that lived through the last half has a live heap that
//             grows steadily (its trie cache is 8 MiB, separate.json, so it is full early):
//             compared after each flush of ParityDB's in-memory log, by less than 10% (see
//             `heapGrowth`; the resident memory also counts the database's memory-mapped
//             files, which grow with the database, and the anonymous memory what the allocator
//             keeps of what was freed);
//   disk      each node's database growth per 1,000 jobs.
//
// Faults, one at a time, at random times (each kind at least once, so a short run has all):
//   kill      a prover node killed (SIGKILL), preferably while it is proving (its metrics show
//             a proof started and not finished), and started again after a random pause, by
//             zombienet's own restart (so zombienet still tears it down);
//   cut       a prover node paused (SIGSTOP: no network, no work) for a while, then resumed;
//   validator Bob's or Charlie's node killed and restarted (Alice's carries this script's
//             connection).
// A prover that misses a window because of it is slashed and suspended; the run shortens the
// suspension period (Root: provers.setParams) to SUSPENSION blocks, so that a slashed prover is
// back within the run as it would be within a day at the genesis hour.

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { getClient } = require('@zombienet/orchestrator/dist/providers/client');
const { UNIT, account, check, connect, nameOf, percentile, script, send, sleep } = require('./lib.js');

const PROVERS = ['dave', 'eve', 'ferdie'];
const RESTARTABLE_VALIDATORS = ['bob', 'charlie'];
const DRIVER = 'alice';
const REQUESTERS = ['alice', 'bob', 'charlie'];
const PROGRAMS = ['Fibonacci', 'RescueChain', 'MimcVdf'];
const LEVELS = ['Bits96', 'Bits128'];
const FEE = 2n * UNIT;
const MAX_FEE = 4n * UNIT;
const COLLATERAL = 10n * UNIT;
const SUSPENSION = 20;
// Mean seconds between two single jobs of one requester, and between two waves.
const JOB_GAP = 12;
const WAVE_GAP = 300;
// A failure is explained by a fault on its prover's node that began before the failure and
// ended (the node back and caught up) no earlier than GRACE before the job was assigned.
const GRACE_MS = 30_000;
const DRAIN_MS = 20 * 60_000;
const CLK_TCK = 100;

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32).

function random (seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (lo, hi) => lo + (hi - lo) * next();
  return {
    next,
    between,
    int: (lo, hi) => Math.floor(between(lo, hi + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    // Exponentially distributed, with this mean.
    exp: (mean) => -mean * Math.log(1 - next())
  };
}

function randomJob (rng) {
  const program = rng.pick(PROGRAMS);
  const steps = 2 ** rng.int(10, 16);
  const seed = () => rng.int(0, 2 ** 32 - 1);
  const inputs = {
    Fibonacci: { Fibonacci: { steps } },
    RescueChain: { RescueChain: { seed: [seed(), seed()], steps } },
    MimcVdf: { MimcVdf: { seed: seed(), steps } }
  }[program];
  return { inputs, security: rng.pick(LEVELS), window: rng.int(10, 40) };
}

// ---------------------------------------------------------------------------------------------
// The nodes: processes (zombienet's native provider), /proc, JSON-RPC over HTTP, Prometheus.

class Nodes {
  constructor (networkInfo) {
    this.info = networkInfo;
    this.client = getClient();
    this.names = Object.keys(networkInfo.nodesByName);
  }

  /** The node's process: zombienet's (`bash -c` execs the node), or the node under it. */
  pid (name) {
    const pid = this.client.processMap[name]?.pid;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'bash') {
        return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]) || pid;
      }
    } catch { /* gone: a restart is under way */ }
    return pid;
  }

  basePath (name) {
    const cmd = [].concat(this.client.processMap[name]?.cmd ?? []).join(' ');
    return cmd.match(/--base-path[ =]+(\S+)/)?.[1] ?? path.join(this.info.tmpDir, name);
  }

  async rpc (name, method, params = []) {
    const url = this.info.nodesByName[name].wsUri.replace(/^ws/, 'http');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.timeout(3000)
    });
    const body = await response.json();
    if (body.error) throw new Error(`${name} ${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  }

  /**
   * The node's `sortition_prover_*` metrics, its live heap (jemalloc) and the trie cache in it
   * (MiB), or null if it does not answer.
   */
  async metrics (name) {
    try {
      const response = await fetch(this.info.nodesByName[name].prometheusUri, { signal: AbortSignal.timeout(2000) });
      const text = await response.text();
      // A metric's value, summed over its labels (0 if the node does not export it).
      const value = (metric) => [...text.matchAll(new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))]
        .reduce((a, m) => a + Number(m[1]), 0);
      return {
        started: value('sortition_prover_jobs_started_total'),
        proven: value('sortition_prover_jobs_proven_total'),
        failed: value('sortition_prover_jobs_failed_total'),
        expired: value('sortition_prover_jobs_expired_total'),
        seconds: value('sortition_prover_proving_seconds_sum'),
        live: value('sortition_memory_allocated_bytes') / 2 ** 20,
        // The shared trie cache (node and value caches), bounded by --trie-cache-size.
        trie: (value('trie_cache_shared_cache_heap_size') + value('trie_cache_shared_cache_inline_size')) / 2 ** 20
      };
    } catch {
      return null;
    }
  }

  /** CPU seconds of the node's process and of its prover threads (`sortition-prover-N`). */
  cpu (name) {
    const pid = this.pid(name);
    if (!pid) return null;
    const seconds = (stat) => {
      // Fields after the command (which may hold spaces): state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    };
    try {
      const total = seconds(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      let proving = 0;
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        try {
          if (fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('sortition-prove')) {
            proving += seconds(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
          }
        } catch { /* the thread ended */ }
      }
      return { pid, total, proving };
    } catch {
      return null;
    }
  }

  /** Resident memory of the node's process in MiB: all of it, and its anonymous part (the heap). */
  rss (name) {
    const pid = this.pid(name);
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const mib = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))[1]) / 1024;
      return { pid, mib: mib('VmRSS'), anon: mib('RssAnon') };
    } catch {
      return null;
    }
  }

  /** Bytes on disk under the node's base path (blocks in use: ParityDB's index files are sparse). */
  disk (name) {
    try {
      return 1024 * Number(execFileSync('du', ['-sk', this.basePath(name)], { encoding: 'utf8' }).split('\t')[0]);
    } catch {
      return NaN;
    }
  }

  /** Waits until `name` answers, has peers and is within a block of Alice's best. */
  async waitCaughtUp (name, api, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const [health, header] = await Promise.all([this.rpc(name, 'system_health'), this.rpc(name, 'chain_getHeader')]);
        const best = (await api.rpc.chain.getHeader()).number.toNumber();
        if (health.peers >= 1 && parseInt(header.number, 16) >= best - 1) return;
      } catch { /* not up yet */ }
      check(Date.now() < deadline, `${name}'s node did not come back within ${timeoutMs / 1000} s`);
      await sleep(1000);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The ledger: every event of every finalised block from the start, and what it says of the jobs
// and the money.

class Ledger {
  constructor (api, startBlock) {
    this.api = api;
    this.start = startBlock;
    this.next = startBlock + 1;
    this.requesters = new Set(REQUESTERS.map((r) => account(r).address));
    this.jobs = new Map();
    this.slashes = [];
    this.declines = [];
    this.rejected = [];
    this.refused = new Map();
    this.refusedJobs = 0;
    this.fees = 0n;
    this.dust = 0n;
    this.otherBalanceEvents = new Map();
    this.counts = { FeeRaised: 0, NoProverDrawn: 0 };
  }

  async scanToFinalized () {
    const api = this.api;
    const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    for (; this.next <= finalized; this.next++) {
      const number = this.next;
      const hash = await api.rpc.chain.getBlockHash(number);
      const at = await api.at(hash);
      const [events, now] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
      const time = now.toNumber();
      // What a failed transaction was, and who sent it.
      const failed = events.filter(({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed');
      const extrinsics = failed.length ? (await api.rpc.chain.getBlock(hash)).block.extrinsics : [];
      // Everything read first, then recorded at once: a block is recorded whole or not at all.
      const stored = new Map();
      for (const { event } of events) {
        if (event.section === 'jobs' && event.method === 'JobSubmitted') stored.set(event.data.job.toNumber(), (await at.query.jobs.jobs(event.data.job)).unwrap());
      }
      for (const { event, phase } of events) {
        const extrinsic = phase.isApplyExtrinsic ? extrinsics[phase.asApplyExtrinsic.toNumber()] : undefined;
        this.record(number, time, event, extrinsic, stored);
      }
    }
    return finalized;
  }

  record (number, time, event, extrinsic, stored) {
    const { section, method, data } = event;
    const job = data.job !== undefined ? this.jobs.get(data.job.toNumber()) : undefined;
    const lastAttempt = () => job.attempts[job.attempts.length - 1];
    if (section === 'jobs') {
      if (method === 'JobSubmitted' && this.requesters.has(data.requester.toString())) {
        const id = data.job.toNumber();
        const storedJob = stored.get(id);
        this.jobs.set(id, {
          id,
          requester: data.requester.toString(),
          program: data.program.toString(),
          steps: data.steps.toNumber(),
          security: storedJob.security.toString(),
          maxFee: data.maxFee.toBigInt(),
          window: storedJob.provingWindow.toNumber(),
          submitted: { number, time },
          attempts: [],
          end: null
        });
      } else if (!job) {
        // Not a job of this run.
      } else if (method === 'ProverAssigned') {
        job.attempts.push({ prover: data.prover.toString(), assigned: { number, time } });
      } else if (method === 'JobAccepted') {
        lastAttempt().accepted = { number, time, proveBy: data.proveBy.toNumber() };
      } else if (method === 'ProverFailed') {
        lastAttempt().failed = { number, time, reason: data.reason.toString(), slashed: data.slashed.toBigInt() };
      } else if (method === 'ProofRejected') {
        this.rejected.push({ job: job.id, prover: data.prover.toString(), reason: data.reason.toString(), number });
      } else if (method === 'JobDeclined') {
        this.declines.push({ job: job.id, prover: data.prover.toString(), number, time });
        lastAttempt().declined = { number, time };
      } else if (method === 'ProofVerified') {
        job.end = { kind: 'verified', number, time, prover: data.prover.toString(), fee: data.fee.toBigInt(), refunded: data.refunded.toBigInt() };
      } else if (method === 'JobFailed') {
        job.end = { kind: 'failed', number, time, reason: data.reason.toString(), refunded: data.refunded.toBigInt() };
      } else if (method === 'JobCancelled') {
        job.end = { kind: 'cancelled', number, time, refunded: data.refunded.toBigInt() };
      } else if (method in this.counts) {
        this.counts[method]++;
      }
    } else if (section === 'provers' && method === 'Slashed') {
      this.slashes.push({ prover: data.prover.toString(), amount: data.amount.toBigInt(), toBeneficiary: data.toBeneficiary.toBigInt(), reason: data.reason.toString(), number });
    } else if (section === 'transactionPayment' && method === 'TransactionFeePaid') {
      this.fees += data.actualFee.toBigInt();
    } else if (section === 'balances' && method === 'DustLost') {
      this.dust += data.amount.toBigInt();
    } else if (section === 'balances' && ['Burned', 'Minted', 'Issued', 'Rescinded', 'Slashed'].includes(method)) {
      this.otherBalanceEvents.set(method, (this.otherBalanceEvents.get(method) ?? 0n) + data.amount.toBigInt());
    } else if (section === 'system' && method === 'ExtrinsicFailed') {
      const error = data.dispatchError;
      const why = error.isModule ? (({ section, name }) => `${section}.${name}`)(this.api.registry.findMetaError(error.asModule)) : error.toString();
      const call = extrinsic ? `${extrinsic.method.section}.${extrinsic.method.method}` : 'unknown';
      const signer = extrinsic?.isSigned ? extrinsic.signer.toString() : undefined;
      if (call === 'jobs.submitJob' && this.requesters.has(signer)) this.refusedJobs++;
      const key = `${call} (${signer ? nameOf(signer) : 'unsigned'}): ${why}`;
      this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
    }
  }

  open () {
    return [...this.jobs.values()].filter((j) => !j.end);
  }
}

// ---------------------------------------------------------------------------------------------
// Samplers: CPU every 2 s, prover metrics every 5 s, memory every 10 s. A restarted node is a new
// process: its counters start again from zero, so each process's last reading is kept.

class Samplers {
  constructor (nodes) {
    this.nodes = nodes;
    this.cpu = new Map(); // name -> Map(pid -> { total, proving })
    this.metrics = new Map(); // name -> Map(pid -> the last sortition_prover_* reading)
    this.memory = new Map(); // name -> [{ t, pid, mib, anon, live, trie }]
    this.timers = [];
  }

  start () {
    const every = (ms, f) => { f(); this.timers.push(setInterval(f, ms)); };
    every(2000, () => {
      for (const name of this.nodes.names) {
        const reading = this.nodes.cpu(name);
        if (!reading) continue;
        if (!this.cpu.has(name)) this.cpu.set(name, new Map());
        this.cpu.get(name).set(reading.pid, reading);
      }
    });
    let scraping = false;
    every(5000, async () => {
      if (scraping) return;
      scraping = true;
      for (const name of PROVERS) {
        const pid = this.nodes.pid(name);
        const m = await this.nodes.metrics(name);
        // Only a reading of the process that is still the node's (a restart begins again at 0).
        if (!m || !pid || pid !== this.nodes.pid(name)) continue;
        if (!this.metrics.has(name)) this.metrics.set(name, new Map());
        this.metrics.get(name).set(pid, m);
      }
      scraping = false;
    });
    let sampling = false;
    every(10_000, async () => {
      if (sampling) return;
      sampling = true;
      for (const name of this.nodes.names) {
        const reading = this.nodes.rss(name);
        if (!reading) continue;
        // jemalloc's own figures: `live` is what the node holds (a leak shows there), not
        // what the allocator keeps of what was freed.
        const m = await this.nodes.metrics(name);
        if (!m || reading.pid !== this.nodes.pid(name)) continue;
        if (!this.memory.has(name)) this.memory.set(name, []);
        this.memory.get(name).push({ t: Date.now(), ...reading, live: m.live, trie: m.trie });
      }
      sampling = false;
    });
  }

  stop () {
    this.timers.forEach(clearInterval);
  }

  cpuOf (name) {
    const sum = { total: 0, proving: 0 };
    for (const r of (this.cpu.get(name) ?? new Map()).values()) {
      sum.total += r.total;
      sum.proving += r.proving;
    }
    return sum;
  }

  metricsOf (name) {
    const sum = { started: 0, proven: 0, failed: 0, expired: 0, seconds: 0 };
    for (const m of (this.metrics.get(name) ?? new Map()).values()) {
      for (const k of Object.keys(sum)) sum[k] += m[k];
    }
    return sum;
  }
}

// ---------------------------------------------------------------------------------------------
// The load: each requester sends single jobs at random and, every few minutes, all of them send
// a wave at once.

async function load (api, seed, until, log) {
  // One random stream per requester and one for the waves: each repeats with the seed, however
  // the streams interleave in time.
  const submitters = REQUESTERS.map((name, k) => ({ name, pair: account(name), rng: random(seed + 1 + k), queue: Promise.resolve(), sent: 0, errors: 0 }));
  const rng = random(seed);
  const submit = (s, jobs) => {
    s.queue = s.queue.then(async () => {
      let nonce = (await api.rpc.system.accountNextIndex(s.pair.address)).toNumber();
      for (const job of jobs) {
        try {
          await api.tx.jobs.submitJob(job.inputs, job.security, FEE, MAX_FEE, COLLATERAL, job.window).signAndSend(s.pair, { nonce: nonce++ });
          s.sent++;
        } catch (e) {
          s.errors++;
          log(`${s.name}: a job was not accepted into the pool: ${e.message}`);
          nonce = (await api.rpc.system.accountNextIndex(s.pair.address)).toNumber();
        }
      }
    });
    return s.queue;
  };
  const steady = submitters.map(async (s) => {
    for (;;) {
      const gap = s.rng.exp(JOB_GAP) * 1000;
      if (Date.now() + gap >= until) break;
      await sleep(gap);
      await submit(s, [randomJob(s.rng)]);
    }
  });
  const waves = (async () => {
    let count = 0;
    for (;;) {
      // The first wave comes early, so that a short run has one.
      const gap = (count === 0 ? rng.between(0.2, 0.5) * Math.min(WAVE_GAP, (until - Date.now()) / 1000) : rng.between(0.5, 1.5) * WAVE_GAP) * 1000;
      if (Date.now() + gap >= until) break;
      await sleep(gap);
      const sizes = submitters.map(() => rng.int(8, 20));
      log(`a wave of ${sizes.reduce((a, b) => a + b, 0)} jobs`);
      count++;
      await Promise.all(submitters.map((s, k) => submit(s, Array.from({ length: sizes[k] }, () => randomJob(rng)))));
    }
    return count;
  })();
  await Promise.all(steady);
  const wavesSent = await waves;
  await Promise.all(submitters.map((s) => s.queue));
  return { sent: submitters.reduce((a, s) => a + s.sent, 0), poolErrors: submitters.reduce((a, s) => a + s.errors, 0), waves: wavesSent };
}

// ---------------------------------------------------------------------------------------------
// The faults.

async function injectFaults (api, nodes, rng, until, minutes, log) {
  const faults = [];
  // Kills and restarts shorter in a short run (a quarter at 5 minutes and less), full from 20
  // minutes.
  const scale = Math.max(0.25, Math.min(1, minutes / 20));
  const seconds = (lo, hi) => Math.max(lo, Math.round(rng.between(lo, hi) * scale));
  const kinds = ['kill', 'cut', 'validator'];
  // Each kind once first, in a random order; then at random, kills the likeliest.
  const first = [...kinds].sort(() => rng.next() - 0.5);
  const total = Math.max(3, Math.round((until - Date.now()) / 120_000));
  const gap = (until - Date.now()) / (total + 1);
  for (let n = 0; ; n++) {
    await sleep(rng.between(0.5, 1.5) * gap);
    // Every kind once, however short the run.
    if (Date.now() >= until && n >= first.length) break;
    const kind = n < first.length ? first[n] : (rng.next() < 0.45 ? 'kill' : rng.next() < 0.55 ? 'cut' : 'validator');
    const node = rng.pick(kind === 'validator' ? RESTARTABLE_VALIDATORS : PROVERS);
    // A cut lasts at least an accept window (5 blocks), so that even a short run re-routes.
    const pause = kind === 'validator' ? seconds(2, 20) : kind === 'kill' ? seconds(5, 60) : rng.int(30, 60);
    const fault = { n: faults.length + 1, kind, node, pause };
    if (kind === 'kill' && rng.next() < 0.7) {
      // Wait (up to a minute) until the node is in the middle of a proof.
      const deadline = Date.now() + 60_000 * scale;
      while (Date.now() < deadline) {
        const m = await nodes.metrics(node);
        if (m && m.started > m.proven + m.failed) {
          fault.midProof = true;
          break;
        }
        await sleep(200);
      }
    }
    fault.start = Date.now();
    fault.startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    if (PROVERS.includes(node)) {
      fault.held = (await api.query.jobs.proverJobs.keys(account(node).address)).map((k) => k.args[1].toNumber());
    }
    log(`fault ${fault.n}: ${kind} ${node} for ${pause} s at #${fault.startBlock}` +
      (fault.held ? ` (holding jobs [${fault.held.join(', ')}]${fault.midProof ? ', in the middle of a proof' : ''})` : ''));
    if (kind === 'cut') {
      process.kill(nodes.pid(node), 'SIGSTOP');
      await sleep(pause * 1000);
      process.kill(nodes.pid(node), 'SIGCONT');
    } else {
      check(await nodes.client.restartNode(node, pause), `zombienet could not restart ${node}`);
    }
    await nodes.waitCaughtUp(node, api);
    fault.end = Date.now();
    fault.endBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    log(`fault ${fault.n}: ${node} back and caught up at #${fault.endBlock}, ${((fault.end - fault.start) / 1000).toFixed(0)} s after it began`);
    faults.push(fault);
  }
  return faults;
}

// ---------------------------------------------------------------------------------------------
// The reference: one proof of each kind of job the run verified, by the prove example (the same
// prover code, all cores), its CPU time read from the shell's `times`.

function referenceCpu (program, steps, security) {
  const prove = path.join(process.env.CARGO_TARGET_DIR ?? '', 'release/examples/prove');
  check(fs.existsSync(prove), `no prove example at ${prove} (scripts/soak.sh builds it)`);
  const bits = security === 'Bits128' ? '128' : '96';
  const name = { Fibonacci: 'fibonacci', RescueChain: 'rescue-chain', MimcVdf: 'mimc-vdf' }[program];
  const out = execFileSync('bash', ['-c', '"$0" "$@" > /dev/null; times', prove, name, String(steps), bits], { encoding: 'utf8' });
  // `times`: the shell's user and system time, then its children's.
  const [user, system] = out.trim().split('\n')[1].split(' ').map((t) => {
    const [, m, s] = t.match(/(\d+)m([\d.]+)s/);
    return Number(m) * 60 + Number(s);
  });
  return user + system;
}

// ---------------------------------------------------------------------------------------------

async function run (node, networkInfo) {
  return script('soak', async () => {
    const minutes = Number(process.env.SOAK_MINUTES ?? 60);
    const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    check(minutes > 0 && Number.isFinite(seed), `SOAK_MINUTES (${process.env.SOAK_MINUTES}) and SOAK_SEED (${process.env.SOAK_SEED}) must be numbers`);
    const began = Date.now();
    const log = (message) => console.log(`[soak ${((Date.now() - began) / 1000).toFixed(0).padStart(5)} s] ${message}`);
    log(`${minutes} minutes, seed ${seed} (SOAK_SEED=${seed} SOAK_MINUTES=${minutes} repeats this run's jobs and faults)`);
    const api = await connect(networkInfo, node ?? DRIVER);
    const nodes = new Nodes(networkInfo);
    const samplers = new Samplers(nodes);
    try {
      // A slashed prover is back after SUSPENSION blocks.
      const params = (await api.query.provers.params()).toJSON();
      await send(api, api.tx.sudo.sudo(api.tx.provers.setParams({ ...params, suspensionPeriod: SUSPENSION })), account('alice'));
      log(`suspension period: ${SUSPENSION} blocks (genesis: ${params.suspensionPeriod})`);

      const startBlock = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
      const startAt = await api.at(await api.rpc.chain.getBlockHash(startBlock));
      const issuanceBefore = (await startAt.query.balances.totalIssuance()).toBigInt();
      const diskBefore = Object.fromEntries(nodes.names.map((n) => [n, nodes.disk(n)]));
      const ledger = new Ledger(api, startBlock);
      samplers.start();

      const until = Date.now() + minutes * 60_000;
      // The faults' own random stream (the load has its own).
      const faultRng = random(seed + 100);
      let scanning = true;
      const scanner = (async () => {
        while (scanning) {
          try {
            await ledger.scanToFinalized();
          } catch (e) {
            log(`reading finalised blocks: ${e.message} (trying again)`);
          }
          await sleep(3000);
        }
      })();
      const [sent, faults] = await Promise.all([load(api, seed, until, log), injectFaults(api, nodes, faultRng, until, minutes, log)]);
      log(`submissions over: ${sent.sent} jobs sent (${sent.waves} waves), ${sent.poolErrors} not taken by the pool; ${faults.length} faults`);

      // Drain: every job ends.
      const drainDeadline = Date.now() + DRAIN_MS;
      let last = -1;
      for (;;) {
        await sleep(5000);
        const open = ledger.open().length;
        const submitted = ledger.jobs.size;
        if (submitted + ledger.refusedJobs >= sent.sent && open === 0) break;
        if (open !== last) log(`draining: ${open} of ${submitted} jobs open (finalised #${ledger.next - 1})`);
        last = open;
        if (Date.now() > drainDeadline) break;
      }
      scanning = false;
      await scanner;
      const finalBlock = await ledger.scanToFinalized();
      samplers.stop();
      const finalAt = await api.at(await api.rpc.chain.getBlockHash(finalBlock));
      const elapsed = (Date.now() - began) / 1000;

      // Every check from here on is collected, so that a failing run still prints every figure.
      const problems = [];
      const expect = (condition, message) => { if (!condition) problems.push(message); };

      // --- jobs ----------------------------------------------------------------------------
      const jobs = [...ledger.jobs.values()];
      const verified = jobs.filter((j) => j.end?.kind === 'verified');
      const failed = jobs.filter((j) => j.end?.kind === 'failed');
      const lost = jobs.filter((j) => !j.end);
      const latency = verified.map((j) => j.end.number - j.submitted.number);
      log(`jobs: ${jobs.length} submitted (blocks #${startBlock + 1}-#${finalBlock}), ${verified.length} verified, ${failed.length} failed and refunded, ${lost.length} lost`);
      if (verified.length) log(`submission -> verified, blocks: p50 ${percentile(latency, 50)}, p95 ${percentile(latency, 95)}, max ${Math.max(...latency)}`);
      const mix = {};
      for (const j of jobs) mix[`${j.program}/${j.security}`] = (mix[`${j.program}/${j.security}`] ?? 0) + 1;
      log(`mix: ${Object.entries(mix).map(([k, v]) => `${k} ${v}`).join(', ')}; steps 2^${Math.log2(Math.min(...jobs.map((j) => j.steps)))}..2^${Math.log2(Math.max(...jobs.map((j) => j.steps)))}`);
      log(`by requester: ${REQUESTERS.map((r) => `${r} ${jobs.filter((j) => j.requester === account(r).address).length}`).join(', ')}`);
      if (ledger.refused.size) log(`transactions refused at dispatch: ${[...ledger.refused].map(([k, v]) => `${k} ${v}`).join(', ')}`);
      log(`fee raised ${ledger.counts.FeeRaised} times; ${ledger.counts.NoProverDrawn} draws found no prover`);
      expect(jobs.length + ledger.refusedJobs === sent.sent, `${sent.sent} jobs sent to the pool: ${jobs.length} submitted on chain, ${ledger.refusedJobs} refused`);
      expect(lost.length === 0, `${lost.length} jobs did not end: ${lost.slice(0, 10).map((j) => `${j.id} (${j.attempts.length} attempts)`).join(', ')}`);
      for (const j of failed) expect(j.end.refunded === j.maxFee, `failed job ${j.id} refunded ${j.end.refunded}, not its max_fee ${j.maxFee}`);
      for (const j of verified) expect(j.end.fee + j.end.refunded === j.maxFee, `job ${j.id}: fee ${j.end.fee} + refund ${j.end.refunded} is not its max_fee`);

      // --- faults and failures ---------------------------------------------------------------
      const failures = jobs.flatMap((j) => j.attempts.filter((a) => a.failed).map((a) => ({ job: j, attempt: a })));
      const unexplained = [];
      const explainedBy = new Map();
      for (const { job, attempt } of failures) {
        const node = nameOf(attempt.prover);
        const fault = faults.find((f) => f.node === node && f.start <= attempt.failed.time && f.end + GRACE_MS >= attempt.assigned.time);
        if (fault) explainedBy.set(fault.n, [...(explainedBy.get(fault.n) ?? []), `job ${job.id} ${attempt.failed.reason}`]);
        else unexplained.push(`job ${job.id}: ${node} ${attempt.failed.reason} at #${attempt.failed.number} (assigned at #${attempt.assigned.number})`);
      }
      for (const f of faults) {
        let outcome = '';
        if (f.kind === 'kill' && f.held.length) {
          const kept = f.held.filter((id) => {
            const j = ledger.jobs.get(id);
            return j?.end?.kind === 'verified' && nameOf(j.end.prover) === f.node && j.end.time > f.start;
          });
          f.redelivered = kept.length;
          outcome = `; held ${f.held.length} jobs, ${kept.length} proven again after the restart and delivered by ${f.node}`;
        }
        log(`fault ${f.n} (${f.kind} ${f.node}, ${f.pause} s${f.midProof ? ', mid-proof' : ''}, #${f.startBlock}-#${f.endBlock}): ` +
          `${(explainedBy.get(f.n) ?? []).join(', ') || 'no failure'}${outcome}`);
      }
      const slashedTotal = ledger.slashes.reduce((a, s) => a + s.amount, 0n);
      const burned = ledger.slashes.reduce((a, s) => a + s.amount - s.toBeneficiary, 0n);
      log(`re-routes: ${failures.length} prover failures (${failures.filter((f) => f.attempt.failed.reason === 'AcceptTimeout').length} AcceptTimeout, ` +
        `${failures.filter((f) => f.attempt.failed.reason === 'ProofTimeout').length} ProofTimeout), ${ledger.slashes.length} slashes ` +
        `(${Number(slashedTotal * 100n / UNIT) / 100} SORT, ${Number(burned * 100n / UNIT) / 100} burned), ${ledger.declines.length} declines, ${ledger.rejected.length} proofs rejected`);
      expect(kinds(faults).length === 3, `every kind of fault happened (${kinds(faults).join(', ')})`);
      expect(unexplained.length === 0, `prover failures no fault explains: ${unexplained.join('; ')}`);
      expect(ledger.rejected.length === 0, `proofs rejected: ${JSON.stringify(ledger.rejected)}`);
      expect(ledger.slashes.length === failures.length + ledger.declines.length, `${ledger.slashes.length} slashes for ${failures.length} failures and ${ledger.declines.length} declines`);

      // --- money ---------------------------------------------------------------------------
      const holders = new Map((await finalAt.query.balances.holds.entries()).map(([key, list]) => [key.args[0].toString(), list]));
      for (const name of [...REQUESTERS, ...PROVERS]) {
        const who = account(name).address;
        if (!holders.has(who)) holders.set(who, await finalAt.query.balances.holds(who));
      }
      let accounts = 0;
      for (const [who, list] of holders) {
        const byReason = {};
        for (const h of list) {
          const reason = JSON.stringify(h.id.toJSON());
          byReason[reason] = (byReason[reason] ?? 0n) + h.amount.toBigInt();
        }
        const prover = await finalAt.query.provers.provers(who);
        const unbonding = (await finalAt.query.provers.unbonding(who)).toJSON().reduce((a, chunk) => a + BigInt(chunk.amount ?? chunk[0]), 0n);
        const bond = prover.isSome ? prover.unwrap().stake.toBigInt() + unbonding : 0n;
        let openFees = 0n;
        for (const id of (await finalAt.query.jobs.requesterJobs(who)).map((i) => i.toNumber())) openFees += (await finalAt.query.jobs.jobs(id)).unwrap().maxFee.toBigInt();
        expect((byReason['{"provers":"ProverBond"}'] ?? 0n) === bond, `${nameOf(who)}: ProverBond hold ${byReason['{"provers":"ProverBond"}'] ?? 0n}, stake and unbonding ${bond}`);
        const other = Object.keys(byReason).filter((r) => !['{"provers":"ProverBond"}', '{"jobs":"JobFee"}'].includes(r));
        if (other.length) log(`${nameOf(who)} has other holds: ${other.map((r) => `${r} ${byReason[r]}`).join(', ')}`);
        expect((byReason['{"jobs":"JobFee"}'] ?? 0n) === openFees, `${nameOf(who)}: JobFee hold ${byReason['{"jobs":"JobFee"}'] ?? 0n}, open jobs' max_fee ${openFees}`);
        accounts++;
      }
      const issuanceAfter = (await finalAt.query.balances.totalIssuance()).toBigInt();
      const unaccounted = issuanceBefore - issuanceAfter - burned - ledger.fees - ledger.dust;
      log(`money: holds of ${accounts} accounts = stake + open fees; issuance ${issuanceBefore} -> ${issuanceAfter}: ` +
        `-${burned} burned by slashes, -${ledger.fees} transaction fees, -${ledger.dust} dust, ${unaccounted} unaccounted`);
      if (unaccounted !== 0n) log(`other balance events: ${[...ledger.otherBalanceEvents].map(([k, v]) => `${k} ${v}`).join(', ')}`);
      expect(unaccounted === 0n, `${unaccounted} of issuance unaccounted for`);

      // --- CPU -----------------------------------------------------------------------------
      const combos = new Map();
      for (const j of verified) {
        const key = `${j.program} ${j.steps} ${j.security}`;
        combos.set(key, { program: j.program, steps: j.steps, security: j.security, jobs: (combos.get(key)?.jobs ?? 0) + 1 });
      }
      log(`reference: one proof of each of the ${combos.size} kinds of verified job (prove example)`);
      let reference = 0;
      for (const c of combos.values()) reference += c.jobs * referenceCpu(c.program, c.steps, c.security);
      const proving = PROVERS.reduce((a, p) => a + samplers.cpuOf(p).proving, 0);
      const metrics = PROVERS.map((p) => samplers.metricsOf(p));
      const proofs = metrics.reduce((a, m) => a + m.proven, 0);
      const ratio = proving / reference;
      for (const name of nodes.names) {
        const c = samplers.cpuOf(name);
        log(`cpu ${name}: ${c.total.toFixed(0)} s in all${PROVERS.includes(name) ? `, ${c.proving.toFixed(0)} s proving (${samplers.metricsOf(name).proven} proofs)` : ''}`);
      }
      log(`cpu: ${proving.toFixed(1)} s proving for ${verified.length} verified jobs (${(proving / verified.length).toFixed(3)} s each); ` +
        `one proof of each: ${reference.toFixed(1)} s (${(reference / verified.length).toFixed(3)} s each); ratio ${ratio.toFixed(2)}x; ` +
        `${proofs} proofs made for ${verified.length} verified jobs (${(proofs / verified.length).toFixed(3)} per job); ` +
        `${metrics.reduce((a, m) => a + m.expired, 0)} queued jobs dropped unproven, their deadline passed`);
      expect(verified.length > 0, 'no job was verified');
      expect(ratio < 2, `proving CPU per verified job is ${ratio.toFixed(2)}x one proof: redundant work`);

      // --- memory and disk -----------------------------------------------------------------
      const half = began + (Date.now() - began) / 2;
      for (const name of nodes.names) {
        const samples = samplers.memory.get(name) ?? [];
        if (!samples.length) continue;
        const lastPid = samples[samples.length - 1].pid;
        const lastHalf = samples.filter((s) => s.t >= half);
        const lived = samples.filter((s) => s.pid === lastPid);
        const sameProcess = lastHalf.every((s) => s.pid === lastPid) && lastHalf.length >= 3;
        let growth = '';
        if (sameProcess) {
          // Over the whole life of a process that lived through the last half. Checked: the whole
          // live heap. The shared trie cache in it fills up to --trie-cache-size by design, so the
          // network's nodes run with a small one (separate.json: 8 MiB, full in about ten minutes; the
          // default 1 GiB takes hours of this load to fill, and a cache filling up is growth an
          // hour cannot tell from a leak). The anonymous resident memory (the live heap, what the
          // allocator keeps of what was freed, thread stacks) is reported the same way.
          const live = heapGrowth(lived, 'live');
          const anon = heapGrowth(lived, 'anon');
          const describe = ({ bottoms, over, allowed }) =>
            `${over >= 0 ? '+' : ''}${over.toFixed(0)} MiB (allowed ${allowed.toFixed(0)}; at the bottom of each drop: ${bottoms.map((b) => b.toFixed(0)).join(', ') || 'none'})`;
          growth = `; growth of the live heap ${describe(live)}, of the anonymous memory ${describe(anon)}`;
          if (minutes >= 20) expect(live.over < live.allowed, `${name}'s live heap grew ${describe(live)}`);
        }
        const restarts = new Set(samples.map((s) => s.pid)).size - 1;
        const range = (key) => {
          const values = samples.map((s) => s[key]);
          return `${values[0].toFixed(0)} -> ${values[values.length - 1].toFixed(0)} MiB (max ${Math.max(...values).toFixed(0)})`;
        };
        log(`memory ${name}: resident ${range('mib')}, anonymous ${range('anon')}, live heap ${range('live')}, of it the trie cache ${range('trie')}` +
          `${growth}${restarts ? ` (${restarts} restarts)` : ''}`);
      }
      for (const name of nodes.names) {
        const grew = nodes.disk(name) - diskBefore[name];
        log(`disk ${name}: ${(diskBefore[name] / 2 ** 20).toFixed(1)} -> ${((diskBefore[name] + grew) / 2 ** 20).toFixed(1)} MiB, ${(grew / 2 ** 20 / jobs.length * 1000).toFixed(1)} MiB per 1,000 jobs`);
      }
      if (process.env.SOAK_REPORT) {
        // Everything measured, for a closer look (bigints as strings).
        const report = {
          seed,
          minutes,
          blocks: [startBlock, finalBlock],
          jobs,
          faults,
          slashes: ledger.slashes,
          refused: Object.fromEntries(ledger.refused),
          cpu: Object.fromEntries(nodes.names.map((n) => [n, { ...samplers.cpuOf(n), metrics: samplers.metricsOf(n) }])),
          reference,
          memory: Object.fromEntries(samplers.memory),
          disk: Object.fromEntries(nodes.names.map((n) => [n, [diskBefore[n], nodes.disk(n)]])),
          problems
        };
        fs.writeFileSync(process.env.SOAK_REPORT, JSON.stringify(report, (_, v) => typeof v === 'bigint' ? v.toString() : v, 1));
        log(`report: ${process.env.SOAK_REPORT}`);
      }
      log(`done in ${(elapsed / 60).toFixed(1)} minutes (seed ${seed})`);
      check(problems.length === 0, problems.join('; '));
    } finally {
      samplers.stop();
      await api.disconnect();
    }
  });
}

/**
 * Whether the heap grows steadily across `samples` (one process, `{ t, [key] }` in ms and MiB;
 * `key` names the figure: `live`, jemalloc's allocated bytes, `anon`, the process's RssAnon...).
 * ParityDB keeps what it writes in memory, as its log, until the log holds 64 MiB and is flushed
 * to its tables: the heap is a saw-tooth (about 20 minutes a tooth under the soak's load), which
 * a straight-line fit over half an hour reads as growth or shrinkage depending on where the
 * teeth fall. So the heap is compared at the bottoms of the teeth: the lowest point in the 90 s
 * after each sharp drop (more than 15 MiB between two samples), from the fifth minute on. With
 * two bottoms or more: the last must be within 10% of the first. With fewer (no flush to blur
 * the fit): the least-squares growth across the samples must be below 10% of their mean.
 */
function heapGrowth (samples, key) {
  const from = samples[0].t + 5 * 60_000;
  const bottoms = [];
  for (let i = 1; i < samples.length; i++) {
    if (samples[i].t < from || samples[i - 1][key] - samples[i][key] <= 15) continue;
    const after = samples.filter((s) => s.t >= samples[i].t && s.t <= samples[i].t + 90_000);
    const bottom = Math.min(...after.map((s) => s[key]));
    // A drop in several steps is one flush: keep its lowest point.
    if (bottoms.length && samples[i].t - bottoms[bottoms.length - 1].t <= 90_000) {
      bottoms[bottoms.length - 1].level = Math.min(bottoms[bottoms.length - 1].level, bottom);
    } else {
      bottoms.push({ t: samples[i].t, level: bottom });
    }
  }
  const levels = bottoms.map((b) => b.level);
  if (levels.length >= 2) {
    return { bottoms: levels, over: levels[levels.length - 1] - levels[0], allowed: 0.1 * levels[0] };
  }
  const n = samples.length;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mean = samples.reduce((a, s) => a + s[key], 0) / n;
  const slope = samples.reduce((a, s) => a + (s.t - mt) * (s[key] - mean), 0) / samples.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return { bottoms: levels, over: slope * (samples[n - 1].t - samples[0].t), allowed: 0.1 * mean };
}

function kinds (faults) {
  return [...new Set(faults.map((f) => f.kind))];
}

module.exports = { run, heapGrowth };
