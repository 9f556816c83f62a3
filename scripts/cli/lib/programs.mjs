// What a job of each program takes: the programs' command-line names, their sample seeds and
// their inputs as @polkadot/api takes them. Shared by the command-line client, the load script
// and the dashboard (no imports, so it runs in Node.js and in the browser alike).

/** The programs by their command-line names, with the chain's (the metadata's) names. */
export const PROGRAMS = { fibonacci: 'Fibonacci', 'rescue-chain': 'RescueChain', 'mimc-vdf': 'MimcVdf' };

/** Each program's sample seed, used when none is given; its length is the seed's length. */
export const SAMPLE_SEEDS = { Fibonacci: [], RescueChain: ['1', '2'], MimcVdf: ['3'] };

/** The command-line name of a program named as the chain does (`Fibonacci` or `fibonacci`). */
export function cliName (chainName) {
  const entry = Object.entries(PROGRAMS).find(([, chain]) => chain.toLowerCase() === String(chainName).toLowerCase());
  return entry ? entry[0] : chainName;
}

/**
 * The inputs of a job of `program` (the chain's name) with `steps` steps from `seed` (decimal
 * strings; the sample seed if empty or absent), as @polkadot/api takes them. Throws an Error
 * that says what is wrong with the seed.
 */
export function jobInputs (program, steps, seed = []) {
  const sample = SAMPLE_SEEDS[program];
  if (!sample) throw new Error(`unknown program '${program}' (one of: ${Object.values(PROGRAMS).join(', ')})`);
  const given = seed.map((s) => String(s).trim());
  if (given.some((s) => !/^\d+$/.test(s))) throw new Error(`a seed is whole numbers, not '${given.join(',')}'`);
  if (given.length && given.length !== sample.length) {
    const name = cliName(program);
    throw new Error(sample.length === 0 ? `${name} takes no seed` : `${name} takes a seed of ${['', 'one number', 'two numbers'][sample.length]}`);
  }
  const s = given.length ? given : sample;
  switch (program) {
    case 'Fibonacci': return { Fibonacci: { steps } };
    case 'RescueChain': return { RescueChain: { seed: s, steps } };
    default: return { MimcVdf: { seed: s[0], steps } };
  }
}
