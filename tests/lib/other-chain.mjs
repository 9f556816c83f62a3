// "A node of another chain" for the dashboard's bad-input test. This machine has no node of
// another chain (no internet to fetch one, and building a second runtime would take most of an
// hour), so the test talks to a WebSocket endpoint that answers as a Polkadot node: the real
// Polkadot metadata, runtime version and chain name that @polkadot/types ships for its own
// tests, and every other call relayed to a real Sortition node. What the page must do with it
// is what it must do with any Substrate node whose runtime has no jobs market: say so.

import { WebSocket, WebSocketServer } from 'ws';
import polkadotMetadata, { version as polkadotVersion } from '@polkadot/types-support/metadata/static-polkadot';

/** Polkadot's runtime APIs but the metadata API, so that clients ask `state_getMetadata`. */
const METADATA_API = '0x37e397fc7c91f5e4';
const VERSION = { ...polkadotVersion, apis: polkadotVersion.apis.filter(([id]) => id !== METADATA_API) };
const ANSWERS = {
  state_getMetadata: polkadotMetadata,
  state_getRuntimeVersion: VERSION,
  system_chain: 'Polkadot',
  system_name: 'Parity Polkadot'
};

/** Listen on a free port; resolves `{ url, close() }`. */
export async function otherChainEndpoint (upstreamUrl) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (client) => {
    const upstream = new WebSocket(upstreamUrl);
    const queue = [];
    upstream.on('open', () => { for (const m of queue.splice(0)) upstream.send(m); });
    upstream.on('message', (data) => client.readyState === WebSocket.OPEN && client.send(data.toString()));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (data) => {
      const text = data.toString();
      const request = JSON.parse(text);
      if (request.method in ANSWERS) {
        client.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: ANSWERS[request.method] }));
      } else if (request.method === 'state_subscribeRuntimeVersion') {
        // The runtime version subscription, answered with the same version.
        const subscription = `version-${request.id}`;
        client.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: subscription }));
        client.send(JSON.stringify({ jsonrpc: '2.0', method: 'state_runtimeVersion', params: { subscription, result: VERSION } }));
      } else if (upstream.readyState === WebSocket.OPEN) {
        upstream.send(text);
      } else {
        queue.push(text);
      }
    });
    client.on('close', () => upstream.close());
  });
  const { port } = server.address();
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      for (const c of server.clients) c.terminate();
      server.close(() => resolve());
    })
  };
}
