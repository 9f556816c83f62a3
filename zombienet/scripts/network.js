// Every node: connected to every other node, producing blocks and finalising them, on one
// chain (the same finalised block hashes everywhere).

const { check, connect, nodeNames, script, sleep } = require('./lib.js');

async function run (_node, networkInfo) {
  return script('network', async () => {
    const names = nodeNames(networkInfo);
    const apis = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await connect(networkInfo, n)])));
    try {
      const finalized = async (api) => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
      const start = {};
      for (const name of names) {
        const api = apis[name];
        const peers = (await api.rpc.system.health()).peers.toNumber();
        check(peers >= names.length - 1, `${name} has ${peers} peers, expected ${names.length - 1}`);
        start[name] = await finalized(api);
      }
      // Finality advances on every node (GRANDPA needs all three validators' votes).
      await sleep(20_000);
      for (const name of names) {
        const api = apis[name];
        const best = (await api.rpc.chain.getHeader()).number.toNumber();
        const now = await finalized(api);
        check(now > start[name], `${name}: finalised #${start[name]} 20 s ago and still #${now}`);
        check(best >= now, `${name}: best #${best} below finalised #${now}`);
        console.log(`${name}: best #${best}, finalised #${now} (was #${start[name]} 20 s ago)`);
      }
      const common = Math.min(...Object.values(start));
      const hashes = await Promise.all(names.map(async (n) => (await apis[n].rpc.chain.getBlockHash(common)).toHex()));
      check(new Set(hashes).size === 1, `the nodes disagree on finalised block #${common}: ${hashes.join(', ')}`);
    } finally {
      await Promise.all(Object.values(apis).map((api) => api.disconnect()));
    }
  });
}

module.exports = { run };
