// Portable receipts: everything another chain needs to check that a Sortition result is in
// Sortition's finalised history, fetched from a node and put in one file. The node is not
// trusted: `sortition-node verify-receipt` (the `sortition-receipts` crate) checks the file
// against an authority set it trusts. Functions of an `api` only (no imports): the end-to-end
// tests use them too.

/**
 * The parts of job `id`'s portable receipt, each SCALE-encoded (`Uint8Array`), in the order of
 * `sortition_receipts::PortableReceipt`'s fields:
 * - `receipt`, `index`, `path`: the receipt and its place in its block's receipts tree (the
 *   runtime API `receipt_proof`, called at the receipt's block);
 * - `leaf`, `mmrProof`: the MMR leaf added by the next block (it carries the receipts root)
 *   and its proof against the MMR root in `header` (`mmr_generateProof`);
 * - `header`, `justification`: a header finalised after the leaf's block and its GRANDPA
 *   justification (the next one `grandpa_subscribeJustifications` announces);
 * - `setChanges`: none (the validator set has not changed since genesis).
 * Also returns `receiptJson` (the receipt as JSON) and `finalized` (`{ number, hash }`).
 * `send(method, params)` is a raw JSON-RPC call.
 */
export async function portableReceiptParts (api, send, id, { timeoutMs = 120_000 } = {}) {
  const receipt = await api.call.sortitionApi.receipt(id);
  if (receipt.isNone) return null;
  const block = receipt.unwrap().block.toNumber();
  const atBlock = await api.at(await api.rpc.chain.getBlockHash(block));
  const proof = (await atBlock.call.sortitionApi.receiptProof(id)).unwrap();

  const leafBlock = block + 1;
  const { header, justification } = await nextJustification(api, leafBlock, timeoutMs);
  const number = header.number.toNumber();
  const hash = header.hash.toHex();
  const mmr = await send('mmr_generateProof', [[leafBlock], number, hash]);
  const [leaf] = api.createType('Vec<Bytes>', mmr.leaves);
  return {
    receipt: proof.receipt.toU8a(),
    index: proof.index.toU8a(),
    path: proof.path.toU8a(),
    leaf: leaf.toU8a(true),
    mmrProof: api.createType('Bytes', mmr.proof).toU8a(true),
    header: header.toU8a(),
    justification,
    setChanges: new Uint8Array([0]),
    receiptJson: proof.receipt.toJSON(),
    finalized: { number, hash }
  };
}

/** The SCALE encoding of a `PortableReceipt` from its parts, as hex. */
export function encodePortable (parts) {
  const fields = ['receipt', 'index', 'path', 'leaf', 'mmrProof', 'header', 'justification', 'setChanges'];
  const bytes = fields.map((field) => parts[field]);
  const all = new Uint8Array(bytes.reduce((sum, b) => sum + b.length, 0));
  let offset = 0;
  for (const b of bytes) { all.set(b, offset); offset += b.length; }
  return `0x${Buffer.from(all).toString('hex')}`;
}

/**
 * The first GRANDPA justification announced for a block at or after `number`, and the header
 * it finalises: `{ header, justification }` (the justification's SCALE bytes).
 */
function nextJustification (api, number, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      error ? reject(error) : resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`no block at or after #${number} was finalised within ${timeoutMs / 1000} s: is finality stalled?`)), timeoutMs);
    api.rpc.grandpa.subscribeJustifications(async (notification) => {
      try {
        const bytes = notification.toU8a(true);
        const { commit } = api.createType('GrandpaJustification', bytes);
        if (commit.targetNumber.toNumber() < number || done) return;
        const header = await api.rpc.chain.getHeader(commit.targetHash);
        finish(null, { header, justification: bytes });
      } catch (e) {
        finish(e);
      }
    }).then((u) => { unsubscribe = u; if (done) u(); }, (e) => finish(e));
  });
}
