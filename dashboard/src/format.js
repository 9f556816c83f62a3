// How the page writes amounts, accounts, programs and times.

import { html } from 'htm/preact';

/** Plancks as `1.5 SORT`. */
export function amount (plancks, decimals, symbol) {
  const value = BigInt(plancks);
  const unit = 10n ** BigInt(decimals);
  const fraction = (value % unit).toString().padStart(decimals, '0').replace(/0+$/, '').slice(0, 4);
  // Thousands separated by commas (BigInt's toLocaleString is slow, and this runs per cell).
  const whole = (value / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}${fraction ? `.${fraction}` : ''} ${symbol}`;
}

/** `text` SORT in plancks, or throws an Error that says why not. */
export function parseAmount (text, decimals, what) {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(String(text ?? ''));
  if (!match || (match[2] ?? '').length > decimals) throw new Error(`${what} must be an amount with at most ${decimals} decimals, not '${text}'`);
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt((match[2] ?? '').padEnd(decimals, '0') || '0');
}

/** The development accounts' names by address, filled in once the keyring is ready. */
export const KNOWN = new Map();

/** An account: its development name if it has one, else its address shortened (full on hover). */
export function Account ({ id }) {
  if (!id) return html`<span class="muted">—</span>`;
  const name = KNOWN.get(id);
  return html`<span class="account" title=${id}>${name ?? `${id.slice(0, 6)}…${id.slice(-4)}`}</span>`;
}

/** A program as the command line names it (`rescue-chain` for `RescueChain`). */
export { cliName as programName } from '../../scripts/cli/lib/programs.mjs';

/** `2^10` for 1024. */
export function steps (n) {
  const log = Math.log2(n);
  return Number.isInteger(log) ? html`2<sup>${log}</sup>` : String(n);
}

/** A block's time of day (local), or an empty string if unknown. */
export function clock (ms) {
  return ms ? new Date(ms).toLocaleTimeString('en-GB') : '';
}

export const SECURITY = { Bits96: '96-bit', Bits128: '128-bit' };
