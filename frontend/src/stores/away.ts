// Tells teammates whether someone is at this window: away after five minutes without a
// pointer or key, or as soon as the window is hidden; back on the next activity. Only changes
// are reported, and at most one report per throttle interval (the last state wins), so
// flicking between windows does not flood the heartbeat.
import { syncApi } from '../bridge';

export const IDLE_MS = 5 * 60_000;
export const THROTTLE_MS = 2_000;

const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

export interface AwayOptions {
  /** Sends the new state (SetAway). */
  report: (away: boolean) => void;
  idleMs?: number;
  throttleMs?: number;
  win?: Window;
  doc?: Document;
}

/** Watches activity until the returned function is called. */
export function watchAway(opts: AwayOptions): () => void {
  const { report, idleMs = IDLE_MS, throttleMs = THROTTLE_MS, win = window, doc = document } = opts;
  let lastActivity = Date.now();
  let wanted = false;
  let reported = false; // the backend starts with the device online
  let lastReport = -Infinity;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    if (wanted === reported) return;
    const wait = lastReport + throttleMs - Date.now();
    if (wait > 0) {
      flushTimer ??= setTimeout(() => {
        flushTimer = undefined;
        flush();
      }, wait);
      return;
    }
    reported = wanted;
    lastReport = Date.now();
    report(wanted);
  }

  function want(away: boolean) {
    wanted = away;
    flush();
  }

  // One timer at a time, re-armed for the rest of the idle time when it fires early, rather
  // than cleared and set again on every pointer move.
  function armIdle(delay: number) {
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      const idle = Date.now() - lastActivity;
      if (idle >= idleMs) want(true);
      else armIdle(idleMs - idle);
    }, delay);
  }

  function onActivity() {
    if (doc.visibilityState === 'hidden') return;
    lastActivity = Date.now();
    if (wanted) want(false);
    if (!idleTimer) armIdle(idleMs);
  }

  function onVisibility() {
    if (doc.visibilityState === 'hidden') want(true);
    else onActivity();
  }

  for (const name of ACTIVITY) win.addEventListener(name, onActivity, { passive: true });
  doc.addEventListener('visibilitychange', onVisibility);
  if (doc.visibilityState === 'hidden') want(true);
  else armIdle(idleMs);

  return () => {
    for (const name of ACTIVITY) win.removeEventListener(name, onActivity);
    doc.removeEventListener('visibilitychange', onVisibility);
    clearTimeout(idleTimer);
    clearTimeout(flushTimer);
  };
}

/** Reports away/back to Go through SetAway; returns the stop function. */
export function startAway(): () => void {
  return watchAway({
    report: (away) => {
      syncApi.setAway(away).catch((e) => console.warn('huddle: SetAway failed', e));
    },
  });
}
