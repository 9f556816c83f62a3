// The dashboard is static files: `vite build` writes them to dist/ (with the verifier's wasm
// module, copied from cargo's output), `vite preview` or any web server serves them.

import { existsSync, readFileSync } from 'node:fs';

import { defineConfig } from 'vite';

import { VERIFIER_WASM } from '../scripts/cli/lib/verifier.mjs';

/** `verifier.wasm` next to index.html: emitted into the build, served by the dev server. */
function verifierWasm () {
  const bytes = () => {
    if (!existsSync(VERIFIER_WASM)) {
      throw new Error(`${VERIFIER_WASM} is missing: build it with cargo build --release -p sortition-verifier-wasm --target wasm32-unknown-unknown (scripts/dashboard.sh does)`);
    }
    return readFileSync(VERIFIER_WASM);
  };
  return {
    name: 'sortition-verifier-wasm',
    generateBundle () {
      this.emitFile({ type: 'asset', fileName: 'verifier.wasm', source: bytes() });
    },
    configureServer (server) {
      server.middlewares.use('/verifier.wasm', (_req, res) => {
        res.setHeader('Content-Type', 'application/wasm');
        res.end(bytes());
      });
    }
  };
}

export default defineConfig({
  base: './',
  plugins: [verifierWasm()],
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  server: { fs: { allow: ['..'] } }
});
