// "Verify in this browser": the runtime's STARK verifier, compiled to WebAssembly
// (`primitives/verifier-wasm`), fetched once from this page's own files (`verifier.wasm`, which
// the build copies in) and instantiated with the command-line client's own loader.

import { instantiateVerifier } from '../../scripts/cli/lib/verifier-core.mjs';

let verifier;

async function load () {
  const response = await fetch(new URL('verifier.wasm', document.baseURI));
  if (!response.ok) throw new Error(`verifier.wasm is missing from this build of the page (${response.status}); build it with scripts/dashboard.sh`);
  return instantiateVerifier(await response.arrayBuffer());
}

/** Check a proof file's text: `{ status: 'valid' | 'invalid' | 'malformed', message? }`. */
export async function verifyProofText (text) {
  try {
    verifier ??= load();
    const verdict = (await verifier)(text);
    if (verdict.status === 'malformed') return { ...verdict, message: `not a proof file: ${verdict.message}` };
    if (verdict.status === 'valid') return { ...verdict, message: describe(JSON.parse(text)) };
    return verdict;
  } catch (e) {
    verifier = undefined;
    return { status: 'error', message: e.message };
  }
}

/** What a valid proof file proves, in words. */
function describe (file) {
  const [program, fields] = Object.entries(file.inputs ?? {})[0] ?? ['?', {}];
  const output = Object.values(file.output ?? {})[0];
  const job = file.job === undefined ? '' : `job #${file.job}: `;
  return `${job}${program} with ${fields.steps} steps${fields.seed === undefined ? '' : ` from seed ${[].concat(fields.seed).join(', ')}`} gives ${[].concat(output).join(', ')} (${file.security})`;
}
