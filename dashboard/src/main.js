// Sortition's market dashboard: connects to one node (chosen in the page) with @polkadot/api,
// reads the market once and follows it block by block. Routes: `#/` the market now,
// `#/job/ID` one job, `#/submit` submit a job, `#/verify` verify a proof file.

import '@picocss/pico/css/pico.min.css';
import './style.css';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useErrorBoundary, useLayoutEffect, useState } from 'preact/hooks';

import { CHARTS } from './chart.js';
import { KNOWN } from './format.js';
import { connect, DEFAULT_ENDPOINT, Market } from './market.js';
import { JobPage, Overview, SubmitPage, VerifyPage } from './views.js';

const MODULE_START = Math.round(performance.now());
const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** The development accounts' key pairs, derived once the market is on the page (it takes a while). */
let devPairs;
function derivePairs () {
  devPairs ??= (async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    const pairs = [];
    for (const name of DEV_ACCOUNTS) {
      // One derivation per task: a new block is shown meanwhile, not after all six.
      await new Promise((resolve) => setTimeout(resolve, 0));
      pairs.push([name, keyring.addFromUri(`//${name}`)]);
    }
    return pairs;
  })();
  return devPairs;
}

/**
 * What the page measured, for people (the footer) and for the browser tests: the time from
 * navigation to the first render of the whole market, and each block's update (from the new
 * head's arrival to the page showing it).
 */
const metrics = { firstRenderMs: null, updates: [] };
let shown = null;
window.sortitionDashboard = {
  metrics,
  /** The failures feed as the page has it: `[{ block, kind, job, prover }]`, newest first. */
  historyLoaded: () => shown?.historyLoaded === true,
  failures: () => (shown?.failures ?? []).map(({ block, kind, job, prover }) => ({ block, kind, job: job ?? null, prover: prover ?? null })),
  charts: () => Object.fromEntries([...CHARTS].map(([id, c]) => [id, { labels: [...c.data.labels], data: [...c.data.datasets[0].data] }]))
};

function endpointFromPage () {
  return new URLSearchParams(location.search).get('rpc') ?? localStorage.getItem('sortition.endpoint') ?? DEFAULT_ENDPOINT;
}

function useRoute () {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  const [, page, arg] = /^#\/([a-z]*)\/?(.*)$/.exec(hash) ?? [];
  return { page: page || 'market', arg: decodeURIComponent(arg ?? '') };
}

function App () {
  // `n` counts the Connect button's presses: pressing it again connects again.
  const [target, setTarget] = useState(() => ({ url: endpointFromPage(), n: 0 }));
  const endpoint = target.url;
  const [input, setInput] = useState(endpoint);
  const [market, setMarket] = useState(null);
  const [problem, setProblem] = useState(null);
  const [tick, setTick] = useState(null);
  const [accounts, setAccounts] = useState([]);
  const [caught] = useErrorBoundary();
  const route = useRoute();

  // Connect (again) whenever the endpoint changes; a failure is a message, never a blank page.
  useEffect(() => {
    let live = true;
    let current = null;
    setMarket(null);
    setProblem(null);
    (async () => {
      try {
        metrics.phases = { module: MODULE_START, script: Math.round(performance.now()) };
        const { api, prefetched } = await connect(endpoint);
        metrics.phases.connected = Math.round(performance.now());
        current = new Market(api);
        if (!live) return current.close();
        await current.load(prefetched);
        metrics.phases.loaded = Math.round(performance.now());
        if (!live) return current.close();
        setMarket(current);
        shown = current;
        setTick({ number: current.head, startedAt: null });
        devAccounts(current, setAccounts).then(() => {
          metrics.phases.accounts = Math.round(performance.now());
          if (live) setTick((t) => ({ ...t, startedAt: null }));
        });
        current.loadHistory().then(() => {
          metrics.phases.history = Math.round(performance.now());
          if (live) setTick((t) => ({ ...t, startedAt: null }));
        }, (e) => live && setProblem(`Cannot read the last blocks' events: ${e.message}`));
        await current.follow(
          (update) => live && setTick(update),
          (e) => live && setProblem(`Lost track of the chain: ${e.message}`));
        current.api.on('disconnected', () => live && setProblem(`The connection to ${endpoint} was lost. Connect again when the node is back.`));
      } catch (e) {
        if (live) setProblem(e.message);
        current?.close();
      }
    })();
    return () => { live = false; current?.close(); };
  }, [target]);

  // Measure the render that follows a load or a block (effects run after the DOM is updated).
  useLayoutEffect(() => {
    if (!tick || !market) return;
    const now = performance.now();
    if (metrics.firstRenderMs === null) metrics.firstRenderMs = Math.round(now);
    else if (tick.startedAt !== null) metrics.updates.push({ block: tick.number, ms: Math.round(now - tick.startedAt) });
  }, [tick, market]);

  const choose = (e) => {
    e.preventDefault();
    const url = input.trim();
    localStorage.setItem('sortition.endpoint', url);
    const params = new URLSearchParams(location.search);
    params.set('rpc', url);
    history.replaceState(null, '', `?${params}${location.hash}`);
    setTarget({ url, n: target.n + 1 });
  };

  /** Ask the browser's extensions for accounts; resolves a sentence if none can be had. */
  const connectExtension = async () => {
    try {
      const { web3Enable, web3Accounts, web3FromAddress } = await import('@polkadot/extension-dapp');
      const extensions = await web3Enable('Sortition dashboard');
      if (!extensions.length) return 'No browser extension gave this page access to accounts: install polkadot{.js} (or another Substrate wallet) and allow this page.';
      const injected = await web3Accounts();
      if (!injected.length) return 'The browser extension has no accounts to offer: create or import one there.';
      setAccounts((own) => [...own.filter((a) => a.source === 'development'), ...injected.map((a) => ({
        address: a.address,
        name: a.meta.name ?? a.address,
        source: a.meta.source,
        signer: async () => ({ who: a.address, options: { signer: (await web3FromAddress(a.address)).signer } })
      }))]);
      return null;
    } catch (e) {
      return `The browser extension failed: ${e.message}`;
    }
  };

  const last = metrics.updates[metrics.updates.length - 1];
  return html`
    <header class="container-fluid top">
      <nav>
        <ul><li><a href="#/" class="brand"><strong>Sortition</strong> market</a></li>
          <li><a href="#/submit">Submit a job</a></li><li><a href="#/verify">Verify a proof</a></li></ul>
        <ul><li>
          <form class="endpoint" onSubmit=${choose} role="group">
            <input name="endpoint" aria-label="node endpoint" value=${input} onInput=${(e) => setInput(e.target.value)} />
            <button type="submit">Connect</button>
          </form>
        </li></ul>
      </nav>
    </header>
    <main class="container-fluid">
      ${caught ? html`<article class="message" data-error="page">Something in the page failed: ${caught.message}. Reload it.</article>` : ''}
      ${problem ? html`<article class="message" data-error="connection"><strong>${problem}</strong></article>` : ''}
      ${!market && !problem ? html`<article aria-busy="true">Connecting to ${endpoint}…</article>` : ''}
      ${market && !caught ? html`
        <p class="status" data-status>
          <strong>${market.chain}</strong> at ${endpoint}: best block <strong data-head>#${market.head}</strong>, finalised #${market.finalized}${'; '}
          ${market.jobs.size} jobs in state, ${market.provers.size} provers
        </p>
        ${route.page === 'job' ? html`<${JobPage} market=${market} idText=${route.arg} />`
          : route.page === 'submit' ? html`<${SubmitPage} market=${market} accounts=${accounts} connectExtension=${connectExtension} />`
          : route.page === 'verify' ? html`<${VerifyPage} />`
          : html`<${Overview} market=${market} />`}` : ''}
      ${!market && route.page === 'verify' ? html`<${VerifyPage} />` : ''}
    </main>
    <footer class="container-fluid muted"><small data-metrics>
      ${metrics.firstRenderMs !== null ? `first render ${metrics.firstRenderMs} ms` : ''}
      ${last ? ` · block #${last.block} shown ${last.ms} ms after it arrived` : ''}
    </small></footer>`;
}

/** On a development or local chain, the well-known accounts (and their names everywhere). */
async function devAccounts (market, setAccounts) {
  const pairs = (await derivePairs()).map(([name, pair]) => [name, pair, encodeAddress(pair.publicKey, market.api.registry.chainSS58)]);
  for (const [name, , address] of pairs) KNOWN.set(address, name);
  if (!market.development) return setAccounts([]);
  setAccounts(pairs.map(([name, pair, address]) => ({
    address,
    name,
    source: 'development',
    signer: async () => ({ who: pair, options: {} })
  })));
}

render(html`<${App} />`, document.getElementById('app'));
