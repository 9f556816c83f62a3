#!/usr/bin/env node
// sortition: the command-line client of a Sortition chain, for requesters and provers.
//
// Reads go through the node's `sortition_*` RPC (a thin wrapper over the runtime API
// `SortitionApi`), writes are signed extrinsics, both with @polkadot/api. Run it through
// `scripts/sortition`, which installs its npm packages on first use. `sortition help` lists the
// commands.
//
// Exit codes: 0 done (a followed job verified); 1 the chain said no (a dispatch error, an
// invalid transaction, an unknown job or prover, a job that failed or was cancelled); 2 a bad
// command line.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, isAddress } from '@polkadot/util-crypto';

import { describeError, findEvent, sendAndWait } from './lib/tx.mjs';
import { encodePortable, portableReceiptParts } from './lib/receipt.mjs';
import { cliName, jobInputs as programInputs, PROGRAMS } from './lib/programs.mjs';
import { rpcErrorMessage } from './lib/rpc.mjs';
import { loadVerifier } from './lib/verifier.mjs';
import { API_OPTIONS } from './lib/api-options.mjs';

const USAGE = `Usage: sortition [options] <command> [arguments]

Requesters:
  submit <program> <steps> [--seed N[,N]] [--security 96|128] [--fee SORT]
         [--max-fee SORT] [--collateral SORT] [--window BLOCKS] [--no-wait]
                          submit a job and follow it to its verified output. The fee
                          rises towards --max-fee each time the job goes back to the
                          draw (default: the quote's suggested fee and max fee, or, with
                          --fee, --max-fee = --fee: no rise; collateral: the chain's
                          minimum; window: 100 blocks)
  follow <job>            follow a job until it is verified, fails or is cancelled
  cancel <job>            cancel a job no prover has been drawn for yet
  job <job>               show a job
  jobs [--requester ACCOUNT | --prover ACCOUNT]
                          list jobs (default: the jobs the --from account submitted)
  quote <program> <steps> [--collateral SORT]
                          the fees at which provers take such a job now

Results:
  proof <job> [--out FILE]
                          the proof of a verified job, read from its block, as a proof
                          file (JSON: program, inputs, security, output, proof, ...)
  verify <FILE>           check a proof file on this machine with the runtime's own
                          verifier (no node needed): exit 0 valid, 1 invalid, 2 not a
                          proof file
  receipt <job> [--out FILE]
                          a verified job's portable receipt: the receipt, its Merkle path,
                          the MMR proof of its block's leaf and a finalised header with
                          its GRANDPA justification, in one file (check it with
                          sortition-node verify-receipt FILE --chain CHAIN)

Provers:
  register --stake SORT --programs P[,P...] [--ask P=SORT ...]
                          register as a prover (programs without an ask take any fee)
  bond <SORT>             add stake
  unbond <SORT>           start unbonding stake (withdraw it after the unbonding period)
  withdraw                release the unbonded stake whose period has ended
  resume                  return to the draw after a suspension (a prover's node does it by itself)
  decline <job>           decline a job you were drawn for and have not accepted: it is drawn
                          again at once (you pay the chain's decline penalty)
  set-asks P=SORT ...     set the minimum fee per program
  prover [ACCOUNT]        show a prover (default: the --from account)

Programs: fibonacci, rescue-chain, mimc-vdf. Amounts are in SORT ("10", "0.5").
Accounts: an SS58 address or a development name (alice, bob, ...).

Options:
  --url URL       the node's WebSocket RPC (default: $SORTITION_URL or ws://127.0.0.1:9944)
  --from SURI     the signing account: a secret phrase, a URI (//Alice) or a development
                  name (alice) (default: $SORTITION_SURI)
  --json          print results as JSON (one object per line when following a job)
  --timeout SECS  give up following a job after this long (default: 900)
  --out FILE      write the result to FILE instead of printing it
  -h, --help      this text`;

const OPTIONS = {
  url: { type: 'string' },
  from: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  seed: { type: 'string' },
  security: { type: 'string' },
  fee: { type: 'string' },
  'max-fee': { type: 'string' },
  collateral: { type: 'string' },
  window: { type: 'string' },
  'no-wait': { type: 'boolean' },
  requester: { type: 'string' },
  prover: { type: 'string' },
  stake: { type: 'string' },
  programs: { type: 'string' },
  ask: { type: 'string', multiple: true },
  out: { type: 'string' }
};

/** A bad command line: printed with a pointer to `--help`, exit code 2. */
class UsageError extends Error {}
/** The chain refused or reported a failure: printed as is, exit code 1. */
class ChainError extends Error {}

/** The states a job ends in (it is pruned from storage later, a verified job's receipt with it). */
const FINISHED = ['Verified', 'Failed', 'Cancelled'];

const DEV_ACCOUNTS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

function program (name) {
  const normal = String(name).toLowerCase().replace(/_/g, '-');
  const found = PROGRAMS[normal] ?? Object.values(PROGRAMS).find((p) => p.toLowerCase() === normal.replace(/-/g, ''));
  if (!found) throw new UsageError(`unknown program '${name}' (one of: ${Object.keys(PROGRAMS).join(', ')})`);
  return found;
}

function integer (text, what, { min = 0 } = {}) {
  if (!/^\d+$/.test(String(text ?? ''))) throw new UsageError(`${what} must be a whole number, not '${text ?? ''}'`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${what} must be a whole number of at least ${min}, not '${text}'`);
  return value;
}

/** A decimal field element: a string, because seeds go up to 2^64. */
function fieldElement (text) {
  if (!/^\d+$/.test(text)) throw new UsageError(`a seed must be a whole number, not '${text}'`);
  return text;
}

/** The inputs of a job of `name` with `steps` steps, as @polkadot/api takes them. */
function jobInputs (name, stepsText, seedText) {
  const chain = program(name);
  const steps = integer(stepsText, 'steps', { min: 1 });
  const seeds = seedText === undefined ? [] : seedText.split(',').map((s) => fieldElement(s.trim()));
  try {
    return programInputs(chain, steps, seeds);
  } catch (e) {
    throw new UsageError(e.message);
  }
}

/** An event's fields by name, balances as decimal strings (`{ job: 3, fee: '10000000000000' }`). */
function eventData (data) {
  return Object.fromEntries(data.names.map((name, i) => [camel(name), data[i].toPrimitive()]));
}

function camel (name) {
  return name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

class Client {
  constructor (url, options) {
    this.url = url;
    this.options = options;
  }

  /** Connect (once). Commands check their arguments first, so a typo needs no node. */
  async chain () {
    if (!this.api) {
      const api = await connect(this.url);
      this.api = api;
      this.decimals = api.registry.chainDecimals[0] ?? 12;
      this.symbol = api.registry.chainTokens[0] ?? 'UNIT';
      this.keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    }
    return this.api;
  }

  async close () {
    await this.api?.disconnect().catch(() => {});
  }

  // ---- amounts and accounts --------------------------------------------------------------

  /** `text` SORT in plancks (a BigInt). */
  amount (text, what) {
    const match = /^(\d+)(?:\.(\d*))?$/.exec(String(text ?? ''));
    if (!match || (match[2] ?? '').length > this.decimals) {
      throw new UsageError(`${what} must be an amount of ${this.symbol} with at most ${this.decimals} decimals, not '${text ?? ''}'`);
    }
    const fraction = (match[2] ?? '').padEnd(this.decimals, '0');
    return BigInt(match[1]) * 10n ** BigInt(this.decimals) + BigInt(fraction || '0');
  }

  /** Plancks as `1.5 SORT`. */
  format (plancks) {
    const value = BigInt(plancks);
    const unit = 10n ** BigInt(this.decimals);
    const fraction = (value % unit).toString().padStart(this.decimals, '0').replace(/0+$/, '');
    return `${value / unit}${fraction ? `.${fraction}` : ''} ${this.symbol}`;
  }

  /** An SS58 address, or a development name's. */
  account (text, what) {
    if (isAddress(text)) return this.keyring.encodeAddress(text);
    if (DEV_ACCOUNTS.includes(String(text).toLowerCase())) return this.pair(text).address;
    throw new UsageError(`${what} must be an SS58 address or a development name (${DEV_ACCOUNTS.join(', ')}), not '${text}'`);
  }

  pair (suri) {
    const uri = DEV_ACCOUNTS.includes(suri.toLowerCase()) ? `//${suri[0].toUpperCase()}${suri.slice(1).toLowerCase()}` : suri;
    try {
      return this.keyring.addFromUri(uri);
    } catch (e) {
      throw new UsageError(`--from is not a secret phrase, URI or development name: ${e.message}`);
    }
  }

  /** The signing account from `--from` (or `$SORTITION_SURI`); checked before connecting. */
  signer () {
    const suri = this.options.from ?? process.env.SORTITION_SURI;
    if (!suri) throw new UsageError('this command signs a transaction: give the account with --from (e.g. --from bob)');
    return this.keyring ? this.pair(suri) : undefined;
  }

  /** The `--from` account's address, if one was given. */
  self () {
    const suri = this.options.from ?? process.env.SORTITION_SURI;
    return suri ? this.pair(suri).address : undefined;
  }

  // ---- the chain -------------------------------------------------------------------------

  /** A `sortition_*` RPC method; its errors become one-line `ChainError`s. */
  rpc (method, ...params) {
    return this.rawRpc(`sortition_${method}`, params);
  }

  /** Any JSON-RPC method; its errors become one-line `ChainError`s. */
  async rawRpc (method, params) {
    try {
      return await this.api._rpcCore.provider.send(method, params);
    } catch (e) {
      if (e.code !== undefined && typeof e.message === 'string') throw new ChainError(rpcErrorMessage(e));
      throw e;
    }
  }

  /** Sign and send `tx`; resolve its events once in a block, or throw the chain's reason. */
  async send (tx) {
    let result;
    try {
      result = await sendAndWait(this.api, tx, this.signer());
    } catch (e) {
      if (e instanceof UsageError) throw e;
      // An invalid transaction (e.g. `1010: Invalid Transaction: Inability to pay some fees`).
      throw new ChainError(`the transaction was refused: ${e.message}`);
    }
    if (result.dispatchError) throw new ChainError(result.dispatchError);
    const number = (await this.api.rpc.chain.getHeader(result.blockHash)).number.toNumber();
    return { ...result, number };
  }

  /**
   * Check `--from`, connect, sign and send the extrinsic `makeTx()` builds, and print the event
   * `section.method` it emits, as `describe(fields)`.
   */
  async transact (makeTx, section, method, describe) {
    this.signer();
    await this.chain();
    const { events, number } = await this.send(makeTx());
    const data = eventData(findEvent(events, section, method).data);
    this.print(`#${number} ${describe(data)}`, { block: number, event: method, ...data });
    return 0;
  }

  print (human, json) {
    console.log(this.options.json ? JSON.stringify(json) : human);
  }

  // ---- descriptions ----------------------------------------------------------------------

  describeInputs (inputs) {
    const [name, fields] = Object.entries(inputs)[0];
    const seed = fields.seed === undefined ? '' : `, seed ${[].concat(fields.seed).join(',')}`;
    return `${cliName(name)}, ${fields.steps} steps${seed}`;
  }

  describeOutput (output) {
    const [name, value] = Object.entries(output)[0];
    return `${cliName(name)} ${[].concat(value).join(',')}`;
  }

  /** A job's state (as the RPC returns it) in words. */
  describeState (state) {
    const [name, s] = Object.entries(state)[0];
    switch (name) {
      case 'Pending': return `pending: a prover is drawn in block #${s.drawAt}`;
      case 'Assigned': return `assigned to ${s.prover}, who must accept or prove it by block #${s.acceptBy}`;
      case 'Proving': return `accepted by ${s.prover}, proof due by block #${s.proveBy}`;
      case 'Verified': return `verified: output ${this.describeOutput(s.output)}, proven by ${s.prover}`;
      case 'Failed': return `failed (${s.reason}): the fee was refunded`;
      case 'Cancelled': return 'cancelled: the fee was refunded';
      default: return name;
    }
  }

  describeJob (job) {
    return [
      `job ${job.id}: ${this.describeState(job.state)}`,
      `  requester     ${job.requester}`,
      `  inputs        ${this.describeInputs(job.inputs)}, ${job.security}`,
      `  fee           ${this.format(job.fee)}${BigInt(job.maxFee) > BigInt(job.fee) ? ` (rises up to ${this.format(job.maxFee)})` : ''}`,
      `  collateral    ${this.format(job.collateral)}`,
      `  window        ${job.provingWindow} blocks to prove after accepting`,
      `  submitted     block #${job.submittedAt}; expires (no prover) at #${job.expiresAt}`,
      `  attempts      ${job.attempts}${job.failedProvers.length ? ` (failed: ${job.failedProvers.join(', ')})` : ''}`,
      `  ${FINISHED.includes(Object.keys(job.state)[0]) ? 'pruned at    ' : 'next deadline'} block #${job.nextDeadline}`
    ].join('\n');
  }

  /** A jobs-pallet event of a followed job as one line, or null for events it does not note. */
  describeEvent (number, { method, data }) {
    const d = eventData(data);
    const prefix = `#${number} job ${d.job}`;
    switch (method) {
      case 'JobSubmitted': return `${prefix}: submitted (${cliName(d.program)}, ${d.steps} steps; fee ${this.format(d.fee)}${BigInt(d.maxFee) > BigInt(d.fee) ? ` rising up to ${this.format(d.maxFee)}` : ''}, collateral ${this.format(d.collateral)})`;
      case 'ProverAssigned': return `${prefix}: assigned to ${d.prover} (attempt ${d.attempt}), who must accept or prove it by #${d.acceptBy}`;
      case 'JobAccepted': return `${prefix}: accepted by ${d.prover}, proof due by #${d.proveBy}`;
      case 'NoProverDrawn': return `${prefix}: no eligible prover drawn; next draw at #${d.nextDrawAt}`;
      case 'FeeRaised': return `${prefix}: fee raised to ${this.format(d.fee)} (at most ${this.format(d.maxFee)})`;
      case 'JobDeclined': return `${prefix}: declined by ${d.prover} (${this.format(d.penalty)} penalty${d.overQuota ? ', over its quota: counted as a miss' : ''}); drawn again`;
      case 'ProofRejected': return `${prefix}: proof from ${d.prover} rejected (${JSON.stringify(d.reason)})`;
      case 'ProverFailed': return `${prefix}: ${d.prover} failed (${d.reason}), ${this.format(d.slashed)} slashed; the job goes to another prover`;
      case 'ProofVerified': return `${prefix}: verified: output ${this.describeOutput(d.output)}, proven by ${d.prover}, paid ${this.format(d.fee)}${BigInt(d.refunded) > 0n ? `, ${this.format(d.refunded)} refunded` : ''}`;
      case 'JobFailed': return `${prefix}: failed (${d.reason}), ${this.format(d.refunded)} refunded`;
      case 'JobCancelled': return `${prefix}: cancelled, ${this.format(d.refunded)} refunded`;
      default: return null;
    }
  }

  // ---- following a job -------------------------------------------------------------------

  /**
   * Print a line for each event of job `id` in every best block from `from` on, until the job
   * ends. Resolves the exit code: 0 verified, 1 failed or cancelled.
   */
  follow (id, from) {
    const api = this.api;
    const timeoutMs = 1000 * integer(this.options.timeout ?? '900', '--timeout', { min: 1 });
    return new Promise((resolve, reject) => {
      let next = from;
      let scanning = Promise.resolve();
      let done = false;
      let unsubscribe = () => {};
      const finish = (outcome, error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        error ? reject(error) : resolve(outcome);
      };
      const timer = setTimeout(() => finish(null, new ChainError(`job ${id} has not ended after ${timeoutMs / 1000} s (see it with: sortition follow ${id})`)), timeoutMs);
      // Blocks are scanned in order, each once, even if the subscription skips one.
      const scanTo = async (best) => {
        for (; next <= best && !done; next++) {
          const hash = await api.rpc.chain.getBlockHash(next);
          const events = await (await api.at(hash)).query.system.events();
          for (const { event } of events) {
            if (event.section !== 'jobs' || event.data.job === undefined || event.data.job.toString() !== String(id)) continue;
            const line = this.describeEvent(next, event);
            if (line) this.print(line, { block: next, event: event.method, ...eventData(event.data) });
            if (event.method === 'ProofVerified') return finish(0);
            if (event.method === 'JobFailed' || event.method === 'JobCancelled') return finish(1);
          }
        }
      };
      api.rpc.chain.subscribeNewHeads((header) => {
        const best = header.number.toNumber();
        scanning = scanning.then(() => scanTo(best)).catch((e) => finish(null, e));
      }).then((u) => { unsubscribe = u; if (done) u(); }, (e) => finish(null, e));
    });
  }

  // ---- commands --------------------------------------------------------------------------

  async submit ([name, steps, ...rest]) {
    if (!name || !steps || rest.length) throw new UsageError('submit takes a program and a number of steps: submit fibonacci 16384');
    const inputs = jobInputs(name, steps, this.options.seed);
    const bits = this.options.security ?? '96';
    if (!['96', '128'].includes(bits)) throw new UsageError(`--security must be 96 or 128, not '${bits}'`);
    this.signer(); // before anything is asked of the chain: a missing --from is a usage error
    await this.chain();
    const collateral = this.options.collateral === undefined ? undefined : this.amount(this.options.collateral, '--collateral');
    let fee;
    let maxFee = this.options['max-fee'] === undefined ? undefined : this.amount(this.options['max-fee'], '--max-fee');
    if (this.options.fee !== undefined) {
      fee = this.amount(this.options.fee, '--fee');
    } else {
      const quote = await this.rpc('quote', Object.keys(inputs)[0], Object.values(inputs)[0].steps, collateral?.toString() ?? null);
      fee = BigInt(quote.suggestedFee);
      maxFee ??= BigInt(quote.suggestedMaxFee);
    }
    maxFee ??= fee;
    const params = (await this.api.query.jobs.params()).toJSON();
    const window = integer(this.options.window ?? String(Math.min(Math.max(100, params.minProvingWindow), params.maxProvingWindow)), '--window', { min: 1 });
    const { events, number } = await this.send(this.api.tx.jobs.submitJob(
      inputs, `Bits${bits}`, fee, maxFee, collateral ?? BigInt(params.minCollateral), window));
    const submitted = findEvent(events, 'jobs', 'JobSubmitted');
    const id = submitted.data.job.toNumber();
    this.print(this.describeEvent(number, submitted), { block: number, event: 'JobSubmitted', ...eventData(submitted.data) });
    if (this.options['no-wait']) return 0;
    return this.follow(id, number + 1);
  }

  async followCommand ([id, ...rest]) {
    if (id === undefined || rest.length) throw new UsageError('follow takes a job id: follow 7');
    const jobId = integer(id, 'the job id');
    await this.chain();
    const job = await this.rpc('job', jobId);
    const number = (await this.api.rpc.chain.getHeader()).number.toNumber();
    this.print(`#${number} job ${job.id}: ${this.describeState(job.state)}`, { block: number, job });
    const state = Object.keys(job.state)[0];
    if (FINISHED.includes(state)) return state === 'Verified' ? 0 : 1;
    return this.follow(job.id, number + 1);
  }

  async cancel ([id, ...rest]) {
    if (id === undefined || rest.length) throw new UsageError('cancel takes a job id: cancel 7');
    const jobId = integer(id, 'the job id');
    return this.transact(() => this.api.tx.jobs.cancelJob(jobId), 'jobs', 'JobCancelled',
      (d) => `job ${d.job}: cancelled, ${this.format(d.refunded)} refunded`);
  }

  async job ([id, ...rest]) {
    if (id === undefined || rest.length) throw new UsageError('job takes a job id: job 7');
    const jobId = integer(id, 'the job id');
    await this.chain();
    const job = await this.rpc('job', jobId);
    this.print(this.describeJob(job), job);
    return 0;
  }

  async jobs (rest) {
    if (rest.length) throw new UsageError('jobs takes no arguments (--requester ACCOUNT or --prover ACCOUNT)');
    const { requester, prover } = this.options;
    if (requester && prover) throw new UsageError('jobs takes --requester or --prover, not both');
    await this.chain();
    let jobs;
    let whose;
    if (prover) {
      whose = this.account(prover, '--prover');
      jobs = await this.rpc('proverJobs', whose);
    } else {
      whose = requester ? this.account(requester, '--requester') : this.self();
      if (!whose) throw new UsageError('whose jobs? give --requester ACCOUNT, --prover ACCOUNT or --from');
      jobs = await this.rpc('requesterJobs', whose);
    }
    const title = prover ? `jobs held by prover ${whose}` : `jobs submitted by ${whose}`;
    const lines = jobs.map((job) => `  ${String(job.id).padStart(6)}  ${this.describeInputs(job.inputs)}, ${job.security}, fee ${this.format(job.fee)}: ${this.describeState(job.state)}`);
    this.print([`${title}: ${jobs.length}`, ...lines].join('\n'), jobs);
    return 0;
  }

  async quote ([name, steps, ...rest]) {
    if (!name || !steps || rest.length) throw new UsageError('quote takes a program and a number of steps: quote fibonacci 16384');
    const chain = program(name);
    const size = integer(steps, 'steps');
    await this.chain();
    const collateral = this.options.collateral === undefined ? null : this.amount(this.options.collateral, '--collateral').toString();
    const q = await this.rpc('quote', chain, size, collateral);
    this.print([
      `${cliName(q.program)}, ${q.steps} steps, collateral ${this.format(q.collateral)}:`,
      `  ${q.eligibleProvers} eligible prover(s) with ${this.format(q.eligibleStake)} of stake`,
      `  lowest fee  ${this.format(q.lowestFee)}  (the cheapest provers take it)`,
      `  median fee  ${this.format(q.medianFee)}  (provers with half of the eligible stake take it)`,
      `  full fee    ${this.format(q.fullFee)}  (every eligible prover takes it)`,
      `  suggested   --fee ${this.format(q.suggestedFee).replace(/ \S+$/, '')} --max-fee ${this.format(q.suggestedMaxFee).replace(/ \S+$/, '')}`,
      `  the chain's minimum fee is ${this.format(q.minFee)}`
    ].join('\n'), q);
    return 0;
  }

  async proof ([id, ...rest]) {
    if (id === undefined || rest.length) throw new UsageError('proof takes a job id: proof 7 [--out job-7.proof.json]');
    const jobId = integer(id, 'the job id');
    await this.chain();
    const proof = await this.rpc('proof', jobId);
    const bytes = (proof.proof.length - 2) / 2;
    return this.writeFile(proof, `job ${proof.job}: proof of ${bytes} bytes (${this.describeInputs(proof.inputs)}, ${proof.security}; output ${this.describeOutput(proof.output)}), from extrinsic ${proof.extrinsicIndex} of block #${proof.block}`);
  }

  /** `value` as JSON to `--out` (and `summary` on stderr), or to stdout. */
  writeFile (value, summary) {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    if (this.options.out) {
      writeFileSync(this.options.out, text);
      console.error(`${summary}, written to ${this.options.out}`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  }

  async receipt ([id, ...rest]) {
    if (id === undefined || rest.length) throw new UsageError('receipt takes a job id: receipt 7 [--out job-7.receipt.json]');
    const jobId = integer(id, 'the job id');
    await this.chain();
    const parts = await portableReceiptParts(this.api, (method, params) => this.rawRpc(method, params), jobId);
    if (!parts) {
      const job = await this.rpc('job', jobId);
      throw new ChainError(`job ${jobId} has no receipt: it is ${Object.keys(job.state)[0]}, not Verified`);
    }
    const portable = encodePortable(parts);
    const file = { version: 1, job: jobId, receipt: parts.receiptJson, finalized: parts.finalized, portable };
    return this.writeFile(file, `job ${jobId}: receipt of block #${parts.receiptJson.block}, in the history finalised at block #${parts.finalized.number}; ${(portable.length - 2) / 2} bytes`);
  }

  async verify ([file, ...rest]) {
    if (file === undefined || rest.length) throw new UsageError('verify takes a proof file: verify job-7.proof.json');
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    }
    // A proof is bound to its prover: the file's `proverId` (the prover's public key) is what
    // the verifier checks against; a file with only the prover's address gets it from there.
    let claimed = null;
    try {
      const p = JSON.parse(text);
      if (p && typeof p === 'object' && typeof p.prover === 'string') {
        claimed = p.prover;
        const id = u8aToHex(decodeAddress(p.prover));
        if (p.proverId === undefined) {
          text = JSON.stringify({ ...p, proverId: id });
        } else if (String(p.proverId).toLowerCase() !== id) {
          console.error(`error: ${file} is not a proof file: its proverId is not the public key of its prover ${p.prover}`);
          return 2;
        }
      }
    } catch (e) {
      // Not JSON, or not an address: the verifier says what is wrong with it.
    }
    const verdict = (await loadVerifier())(text);
    const by = claimed ? ` for prover ${claimed}` : '';
    if (this.options.json) {
      console.log(JSON.stringify(verdict));
    } else if (verdict.status === 'valid') {
      const p = JSON.parse(text);
      console.log(`valid: ${this.describeInputs(p.inputs)}, ${p.security} gives ${this.describeOutput(p.output)}${p.job === undefined ? '' : ` (job ${p.job})`}, bound to prover ${claimed ?? p.proverId}`);
    } else if (verdict.status === 'invalid') {
      console.log(`invalid${by}: ${verdict.message} (${JSON.stringify(verdict.reason)}); a proof verifies only for the prover it is bound to (the one that made it)`);
    } else {
      console.error(`error: ${file} is not a proof file: ${verdict.message}`);
    }
    return { valid: 0, invalid: 1 }[verdict.status] ?? 2;
  }

  asks (list) {
    return list.map((text) => {
      const [name, fee, extra] = String(text).split('=');
      if (fee === undefined || extra !== undefined) throw new UsageError(`an ask is PROGRAM=SORT (e.g. fibonacci=2), not '${text}'`);
      return { program: program(name), minFee: this.amount(fee, `the ask for ${name}`) };
    });
  }

  async register (rest) {
    if (rest.length) throw new UsageError('register takes options only: register --stake 1000 --programs fibonacci,mimc-vdf');
    if (this.options.stake === undefined) throw new UsageError('register needs --stake SORT');
    if (this.options.programs === undefined) throw new UsageError('register needs --programs P[,P...]');
    const programs = this.options.programs.split(',').map((p) => program(p.trim()));
    return this.transact(
      () => this.api.tx.provers.register(this.amount(this.options.stake, '--stake'), programs, this.asks(this.options.ask ?? [])),
      'provers', 'Registered', (d) => `registered ${d.prover} as a prover with ${this.format(d.stake)} staked`);
  }

  async setAsks (list) {
    if (!list.length) throw new UsageError('set-asks takes PROGRAM=SORT pairs: set-asks fibonacci=2 mimc-vdf=5');
    return this.transact(() => this.api.tx.provers.setAsks(this.asks(list)), 'provers', 'OffersChanged',
      (d) => `asks of ${d.prover}: ${d.offers.map((o) => `${cliName(o.program)} ${this.format(o.minFee)}`).join(', ')}`);
  }

  async bond ([amount, ...rest]) {
    if (amount === undefined || rest.length) throw new UsageError('bond takes an amount: bond 100');
    return this.transact(() => this.api.tx.provers.bondMore(this.amount(amount, 'the amount')), 'provers', 'Bonded',
      (d) => `bonded ${this.format(d.amount)}: stake ${this.format(d.stake)}`);
  }

  async unbond ([amount, ...rest]) {
    if (amount === undefined || rest.length) throw new UsageError('unbond takes an amount: unbond 100');
    return this.transact(() => this.api.tx.provers.unbond(this.amount(amount, 'the amount')), 'provers', 'Unbonded',
      (d) => `unbonding ${this.format(d.amount)}: withdraw it from block #${d.unlockAt}`);
  }

  async withdraw (rest) {
    if (rest.length) throw new UsageError('withdraw takes no arguments');
    return this.transact(() => this.api.tx.provers.withdrawUnbonded(), 'provers', 'Withdrawn',
      (d) => `withdrew ${this.format(d.amount)}`);
  }

  async resume (rest) {
    if (rest.length) throw new UsageError('resume takes no arguments');
    return this.transact(() => this.api.tx.provers.resume(), 'provers', 'Resumed',
      () => 'back in the draw');
  }

  async decline ([id, ...rest]) {
    if (id === undefined || rest.length) throw new UsageError('decline takes a job id: decline 7');
    const jobId = integer(id, 'the job id');
    return this.transact(() => this.api.tx.jobs.declineJob(jobId), 'jobs', 'JobDeclined',
      (d) => `job ${d.job}: declined, ${this.format(d.penalty)} penalty${d.overQuota ? ' (over your quota: counted as a missed job)' : ''}; it is drawn again`);
  }

  async prover ([account, ...rest]) {
    if (rest.length) throw new UsageError('prover takes at most one account');
    await this.chain();
    const who = account ? this.account(account, 'the prover') : this.self();
    if (!who) throw new UsageError('which prover? give an account, or --from');
    const p = await this.rpc('prover', who);
    const asks = p.asks.map((a) => `${cliName(a.program)} ${this.format(a.minFee)}`).join(', ');
    const unbonding = p.unbonding.map((u) => `${this.format(u.amount)} from #${u.unlockAt}`).join(', ');
    const status = !p.suspended
      ? ''
      : p.mayResume
        ? ` (suspended: may resume since block #${p.suspendedUntil})`
        : ` (suspended: may resume from block #${p.suspendedUntil})`;
    // Perbill: parts per billion.
    const reliability = `${(Number(p.reliability) / 1e7).toFixed(1)}%`;
    this.print([
      `prover ${who}${status}`,
      `  stake       ${this.format(p.stake)} (${this.format(p.locked)} locked by ${p.activeJobs} job(s), ${this.format(p.freeStake)} free)`,
      `  asks        ${asks}`,
      `  record      ${p.jobsDone} proven, ${p.jobsMissed} missed, ${p.invalidProofs} invalid; ${this.format(p.slashedTotal)} slashed`,
      `  draw weight ${this.format(p.drawWeight)} (reliability ${reliability} of the stake${p.suspended ? '; zero while suspended' : ''})`,
      `  unbonding   ${unbonding || 'nothing'}`,
      `  registered  block #${p.registeredAt}`
    ].join('\n'), p);
    return 0;
  }
}

const COMMANDS = {
  submit: 'submit',
  follow: 'followCommand',
  cancel: 'cancel',
  job: 'job',
  jobs: 'jobs',
  quote: 'quote',
  register: 'register',
  'set-asks': 'setAsks',
  bond: 'bond',
  unbond: 'unbond',
  withdraw: 'withdraw',
  resume: 'resume',
  decline: 'decline',
  prover: 'prover',
  proof: 'proof',
  verify: 'verify',
  receipt: 'receipt'
};

/**
 * Connect to the node at `url`, once: a client that cannot reach its node says so at once, and
 * one that loses it mid-command stops, instead of retrying forever.
 */
async function connect (url) {
  await cryptoWaitReady();
  const provider = new WsProvider(url, 0);
  let closing = false;
  const connected = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer in 15 s')), 15_000);
    provider.on('connected', () => { clearTimeout(timer); resolve(); });
    provider.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
  try {
    await provider.connect();
    await connected;
  } catch (e) {
    await provider.disconnect().catch(() => {});
    throw new ChainError(`cannot reach a node at ${url} (${e?.message || 'connection refused'}); start one with scripts/dev.sh, or give --url`);
  }
  provider.on('disconnected', () => {
    if (closing) return;
    console.error(`error: lost the connection to the node at ${url}`);
    process.exit(1);
  });
  const api = await ApiPromise.create({ provider, ...API_OPTIONS });
  const disconnect = api.disconnect.bind(api);
  api.disconnect = () => { closing = true; return disconnect(); };
  return api;
}

async function main (argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message.split('\n')[0].replace(/\. To specify a positional.*$/, ''));
  }
  const { values: options, positionals: [command, ...args] } = parsed;
  if (options.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !options.help ? 2 : 0;
  }
  const method = COMMANDS[command];
  if (!method) throw new UsageError(`unknown command '${command}'`);

  const client = new Client(options.url ?? process.env.SORTITION_URL ?? 'ws://127.0.0.1:9944', options);
  try {
    return await client[method](args);
  } finally {
    await client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message} (see: sortition --help)`);
      process.exit(2);
    }
    console.error(`error: ${e instanceof ChainError ? e.message : (e?.message ?? e)}`);
    process.exit(1);
  }
);
