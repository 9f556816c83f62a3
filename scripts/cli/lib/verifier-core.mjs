// The runtime's STARK verifier in JavaScript, without Node.js: instantiate the wasm module that
// `primitives/verifier-wasm` compiles to (the same `sortition_programs::verify` the chain runs
// in `submit_proof`) from its bytes. Standard `WebAssembly` only: the command-line client
// (`verifier.mjs`, which finds or builds the bytes) and the dashboard (which fetches them) share
// these lines.

/**
 * Instantiate the module from its bytes; returns `verify(text)`, which checks a proof file
 * (its JSON text) and returns `{ status: 'valid' | 'invalid' | 'malformed', reason?, message? }`.
 */
export async function instantiateVerifier (bytes) {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const wasm = instance.exports;
  return (text) => {
    const input = new TextEncoder().encode(text);
    const ptr = wasm.sortition_input(input.length);
    new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
    wasm.sortition_verify();
    const output = new Uint8Array(wasm.memory.buffer, wasm.sortition_output_ptr(), wasm.sortition_output_len());
    return JSON.parse(new TextDecoder().decode(output));
  };
}
