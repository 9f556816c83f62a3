// Start and stop real `sortition-node` processes for the end-to-end tests.
//
// Every node started here is registered in one set and killed when the test that started it
// ends (its `stop()`), and again on process exit or an interrupt, so no node outlives a run,
// even one whose assertions failed.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach } from 'node:test';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { API_OPTIONS } from '../../scripts/cli/lib/api-options.mjs';

/** The node binary: `$SORTITION_NODE`, else the release build in `$CARGO_TARGET_DIR`. */
export const NODE_BIN =
  process.env.SORTITION_NODE ??
  join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/sortition-target'), 'release/sortition-node');

const running = new Set();

function killAll () {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { killAll(); process.exit(130); });
}

/**
 * Start `command` with its output piped, registered like every process started here: killed on
 * exit and on an interrupt. Remove it with `forget(child)` once it has been stopped.
 */
export function spawnTracked (command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  return child;
}

/** Unregister a process started with `spawnTracked` (after it exited or was stopped). */
export function forget (child) {
  running.delete(child);
}

/** A TCP port that is free right now on 127.0.0.1. */
export async function freePort () {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Run the node binary to completion (for sub-commands and bad-input checks). */
export function runNode (args, options) {
  return run(NODE_BIN, args, options);
}

/**
 * Run `command` to completion (killed after `timeoutMs`, and on exit like every process started
 * here). Resolves `{ code, signal, stdout, stderr }`.
 */
export async function run (command, args, { timeoutMs = 60_000, env } = {}) {
  const child = spawnTracked(command, args, { env: env ? { ...process.env, ...env } : process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  running.delete(child);
  return { code, signal, stdout, stderr };
}

/**
 * Start a node on ports of its own choosing and wait until it listens. `args` are passed to the
 * node after the port flags. Returns `{ rpcPort, p2pPort, prometheusPort, logs(), api(),
 * stop() }` (the ports are null if the node exited before it listened; `api()` then says why).
 *
 * The node binds port 0 and the ports are read back from it (its log, `system_localListenAddresses`),
 * never chosen here: a port picked by the test, released, and bound by the node seconds later
 * could be taken in between (by another node starting, or by any outgoing connection's
 * ephemeral port), and a node that loses its P2P port keeps running without an IPv4 listener,
 * unreachable by its peers.
 */
export async function startNode (args, { name = 'node' } = {}) {
  // `--tmp` makes the node use (and delete) a temporary base path of its own.
  const basePath = args.includes('--tmp') ? null : mkdtempSync(join(tmpdir(), `sortition-${name}-`));
  const child = spawnTracked(NODE_BIN, [
    ...(basePath ? ['--base-path', basePath] : []),
    '--rpc-port', '0',
    '--port', '0',
    '--prometheus-port', '0',
    '--no-telemetry',
    ...args
  ]);

  let output = '';
  const collect = (d) => {
    output += d;
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let api;
  const node = {
    name,
    rpcPort: null,
    p2pPort: null,
    prometheusPort: null,
    basePath,
    process: child,
    logs: () => output,
    /** A connected @polkadot/api instance (one per node, made on first use). */
    async api () {
      if (!api) api = await connect(node.rpcPort, child, () => output);
      return api;
    },
    /** Disconnect, stop the node (SIGTERM, then SIGKILL after 10 s) and delete its data. */
    async stop () {
      if (api) await api.disconnect().catch(() => {});
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await once(child, 'exit');
        clearTimeout(killer);
      }
      running.delete(child);
      if (basePath) rmSync(basePath, { recursive: true, force: true });
    }
  };
  await listening(node, child, () => output);
  return node;
}

/** Wait until `node`'s process listens, and set its ports (or return once it exited). */
async function listening (node, child, logs, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (;;) {
    const rpc = logs().match(/Running JSON-RPC server: addr=127\.0\.0\.1:(\d+)/);
    const prometheus = logs().match(/Prometheus exporter started at 127\.0\.0\.1:(\d+)/);
    if (rpc) node.rpcPort = Number(rpc[1]);
    if (prometheus) node.prometheusPort = Number(prometheus[1]);
    if (rpc && prometheus) break;
    if (exited()) return;
    if (Date.now() > deadline) throw new Error(`${node.name}: not listening after ${timeoutMs} ms:\n${logs().slice(-4000)}`);
    await sleep(100);
  }
  // The P2P port, from the addresses the node reports it listens on.
  for (;;) {
    try {
      const { result } = await rpcHttp(node.rpcPort, 'system_localListenAddresses');
      const p2p = result?.map((a) => a.match(/^\/ip4\/127\.0\.0\.1\/tcp\/(\d+)\//)).find(Boolean);
      if (p2p) {
        node.p2pPort = Number(p2p[1]);
        return;
      }
    } catch { /* the RPC server is starting */ }
    if (exited()) return;
    if (Date.now() > deadline) throw new Error(`${node.name}: no IPv4 P2P listen address after ${timeoutMs} ms:\n${logs().slice(-4000)}`);
    await sleep(250);
  }
}

/**
 * `--chain local` by hand, the way the README describes: a validator node for each of `names`
 * (Alice first, the others with her as boot node), each with a node key of its own (a validator
 * needs a stable network identity). Returns the nodes; stop each one when done.
 */
export async function startLocalTestnet (names = ['alice', 'bob', 'charlie'], extraArgs = []) {
  const nodeKey = () => ['--node-key', randomBytes(32).toString('hex')];
  const [first, ...others] = names;
  const nodes = [await startNode(['--chain', 'local', `--${first}`, ...nodeKey(), ...extraArgs], { name: first })];
  try {
    const peerId = (await (await nodes[0].api()).rpc.system.localPeerId()).toString();
    const bootnode = `/ip4/127.0.0.1/tcp/${nodes[0].p2pPort}/p2p/${peerId}`;
    for (const name of others) {
      nodes.push(await startNode(['--chain', 'local', `--${name}`, ...nodeKey(), '--bootnodes', bootnode, ...extraArgs], { name }));
    }
  } catch (e) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw e;
  }
  return nodes;
}

/**
 * In a suite of several nodes: after each test that fails, print the last `lines` lines of every
 * node's log (`nodes()`: the nodes at that moment, an array or an object of them), so that a
 * failure on a network explains itself (peers, sync, finality, the prover).
 */
export function logTailsOnFailure (nodes, { lines = 60 } = {}) {
  afterEach((t) => {
    if (t.passed) return;
    for (const node of Object.values(nodes())) {
      const tail = node.logs().trimEnd().split('\n').slice(-lines).join('\n');
      console.log(`--- ${t.name} failed: the last ${lines} lines of ${node.name}'s log ---\n${tail}`);
    }
  });
}

/** Call a JSON-RPC method over HTTP (the RPC port serves HTTP and WebSocket). */
export async function rpcHttp (port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })
  });
  return response.json();
}

/**
 * Connect @polkadot/api to a node once its RPC answers; fail early, with the node's last log
 * lines, if the process dies or the RPC never comes up.
 */
async function connect (port, child, logs, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`node exited (${child.exitCode ?? child.signalCode}) before its RPC came up:\n${logs().slice(-4000)}`);
    }
    try {
      if ((await rpcHttp(port, 'system_health')).result) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`no RPC on port ${port} after ${timeoutMs} ms:\n${logs().slice(-4000)}`);
    await sleep(250);
  }
  return ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), ...API_OPTIONS });
}

/** Wait until `predicate()` resolves truthy, polling; the error names what was awaited. */
export async function waitFor (what, predicate, { timeoutMs = 120_000, intervalMs = 1000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await predicate();
    if (last) return last;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last value: ${last})`);
}

/** The best and finalized block numbers of a node. */
export async function heights (api) {
  const [best, finalizedHash] = await Promise.all([api.rpc.chain.getHeader(), api.rpc.chain.getFinalizedHead()]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  return { best: best.number.toNumber(), finalized: finalized.number.toNumber() };
}
