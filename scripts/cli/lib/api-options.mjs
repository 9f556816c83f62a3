// The options every Sortition client gives @polkadot/api's `ApiPromise.create`: the command-line
// client, the load bench, the dashboard and the tests. No imports.

export const API_OPTIONS = {
  noInitWarn: true,
  throwOnConnect: true,
  // The runtime's first transaction extension, frame_system's `AuthorizeCall` (it authorizes a
  // prover node's fee-free `acceptJobAuthorized` / `submitProofAuthorized`), adds no bytes to a
  // transaction or to what is signed; @polkadot/api does not know it by name yet.
  signedExtensions: { AuthorizeCall: { extrinsic: {}, payload: {} } },
};
