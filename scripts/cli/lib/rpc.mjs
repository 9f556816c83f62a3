// A JSON-RPC error as one sentence: the command-line client's and the dashboard's. No imports.

/**
 * The node's message of an error thrown by @polkadot/api's provider, without the parts it adds
 * (it formats RPC errors as `code: message: data`); other errors' messages as they are.
 */
export function rpcErrorMessage (e) {
  if (e?.code === undefined || typeof e.message !== 'string') return e?.message ?? String(e);
  const message = e.message.startsWith(`${e.code}: `) ? e.message.slice(`${e.code}: `.length) : e.message;
  return e.data === undefined ? message : message.slice(0, message.lastIndexOf(': ')) || message;
}
