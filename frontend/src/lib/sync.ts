// The words of the sync status: short enough for the sidebar, plain enough for a front desk.
import type { SyncProgress, SyncStatus } from '../bridge/types';

const numbers = new Intl.NumberFormat('en-GB');

/** 1234 → "1,234". */
export function count(n: number): string {
  return numbers.format(n);
}

/** "1 change waiting", "1,234 changes waiting". */
export function waitingLabel(n: number): string {
  return `${count(n)} ${n === 1 ? 'change' : 'changes'} waiting`;
}

/** True when there is still something to send or to read: the status says "Syncing…". */
export function isBusy(s: SyncStatus): boolean {
  return s.waiting > 0 || !!s.catchUp;
}

/** The state in a word or two: Synced, Syncing…, Offline, Connecting…, Sync off. */
export function stateLabel(s: SyncStatus): string {
  switch (s.state) {
    case 'online':
      return isBusy(s) ? 'Syncing…' : 'Synced';
    case 'offline':
      return 'Offline';
    case 'connecting':
      return 'Connecting…';
    default:
      return 'Sync off';
  }
}

/**
 * Whether the sidebar adds what is waiting to the state: only while changes cannot leave
 * (offline, connecting). Online they are on their way; with sync off they stay here by design.
 */
export function showsWaiting(s: SyncStatus): boolean {
  return s.waiting > 0 && (s.state === 'offline' || s.state === 'connecting');
}

/** The whole status line, e.g. "Offline — 12 changes waiting". */
export function statusLine(s: SyncStatus): string {
  return showsWaiting(s) ? `${stateLabel(s)} — ${waitingLabel(s.waiting)}` : stateLabel(s);
}

export type SyncTone = 'ok' | 'busy' | 'warn' | 'problem' | 'off';

/** The colour of the status dot. */
export function syncTone(s: SyncStatus): SyncTone {
  if (s.problem) return 'problem';
  switch (s.state) {
    case 'online':
      return isBusy(s) ? 'busy' : 'ok';
    case 'offline':
      return 'warn';
    case 'connecting':
      return 'busy';
    default:
      return 'off';
  }
}

/** "Catching up… 1,234 of 5,000" ("Catching up…" before the total is known). */
export function catchUpLabel(p: SyncProgress | null): string {
  if (!p || p.total <= 0) return 'Catching up…';
  return `Catching up… ${count(Math.min(p.done, p.total))} of ${count(p.total)}`;
}

/** How far a catch-up has got, 0–100, or null when the total is not known yet. */
export function catchUpPercent(p: SyncProgress | null): number | null {
  if (!p || p.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((p.done / p.total) * 100)));
}
