// Submit signed transactions and read their outcome: the command-line client's, and the
// end-to-end tests' (which import this file). Functions of an `api` only: no imports, so the
// tests' copy of @polkadot/api and the client's never meet in one module.

/**
 * Sign and send `tx` from `signer`, wait until it is in a block, and return
 * `{ blockHash, events, dispatchError }` where `events` are the events of this extrinsic.
 * A dispatch error is decoded into `section.name: docs`, the way polkadot.js apps shows it.
 */
export function sendAndWait (api, tx, signer, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => { unsub(); reject(new Error('transaction not included in time')); }, timeoutMs);
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        clearTimeout(timer);
        unsub();
        resolve({
          blockHash: status.isInBlock ? status.asInBlock : status.asFinalized,
          events,
          dispatchError: dispatchError ? describeError(api, dispatchError) : null
        });
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        clearTimeout(timer);
        unsub();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/** A dispatch error as `section.name: documentation`. */
export function describeError (api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}: ${docs.join(' ')}`;
  }
  return dispatchError.toString();
}

/** The first event `section.method` among `events` (as returned by `sendAndWait`), or undefined. */
export function findEvent (events, section, method) {
  return events.map(({ event }) => event).find((e) => e.section === section && e.method === method);
}

/**
 * Wait for the first event `section.method` whose data satisfies `predicate`, in blocks
 * imported from now on. Resolves `{ event, blockNumber }`.
 */
export function waitForEvent (api, section, method, predicate = () => true, { timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      unsub();
      reject(new Error(`no ${section}.${method} event within ${timeoutMs} ms`));
    }, timeoutMs);
    api.rpc.chain.subscribeNewHeads(async (header) => {
      if (done) return;
      const at = await api.at(header.hash);
      const records = await at.query.system.events();
      const found = records.map(({ event }) => event)
        .find((e) => e.section === section && e.method === method && predicate(e.data));
      if (found && !done) {
        done = true;
        clearTimeout(timer);
        unsub();
        resolve({ event: found, blockNumber: header.number.toNumber() });
      }
    }).then((u) => { unsub = u; if (done) u(); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
