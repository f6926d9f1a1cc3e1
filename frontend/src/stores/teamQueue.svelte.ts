// The Team queue page: each teammate's load, the unassigned queue and per-brand totals. Read
// while the page is shown, and again on every change (live.ts): one call that reads counters,
// so re-reading the whole of it is cheaper than working out what a change moved.
import { queueApi, type MemberLoad, type Queue } from '../bridge';
import { Latest } from './seq';

/** Above this many times the team's average, a teammate is marked "over". */
export const OVER = 1.5;
/** Below this many times the team's average, a teammate is marked "under". */
export const UNDER = 0.5;
/** The rule, in the words of the tooltip. */
export const LOAD_RULE =
  `"over" when someone holds more than ${OVER}× the team's average of open conversations, ` +
  `"under" when they hold less than ${UNDER}×. The average counts everyone who can be assigned work.`;

export type LoadMark = 'over' | 'under' | '';

/** The team's average of open assigned conversations, over those who can hold work. */
export function averageLoad(members: readonly MemberLoad[]): number {
  const holders = members.filter((m) => m.assignable);
  return holders.length ? holders.reduce((n, m) => n + m.open, 0) / holders.length : 0;
}

/** Whether `open` stands out against the team's average; nothing while nobody holds work. */
export function loadMark(open: number, average: number): LoadMark {
  if (average <= 0) return '';
  if (open > OVER * average) return 'over';
  if (open < UNDER * average) return 'under';
  return '';
}

/** Width of a load bar in percent of a track whose middle is the team's average; anyone at
 * twice the average or more fills it. */
export function barWidth(open: number, average: number): number {
  if (average <= 0) return open > 0 ? 100 : 0;
  return Math.min(100, (open / (2 * average)) * 100);
}

class TeamQueue {
  queue = $state.raw<Queue | null>(null);
  /** True while the page is on screen: only then do changes re-read it. */
  shown = $state(false);
  average = $derived(averageLoad(this.queue?.members ?? []));

  #latest = new Latest();

  /** The page opened: read the queue now and on every change until hide(). */
  async show(): Promise<void> {
    this.shown = true;
    await this.refresh();
  }

  hide(): void {
    this.shown = false;
  }

  /** Re-reads the queue if the page is shown; an answer overtaken by a newer one is dropped. */
  async refresh(): Promise<void> {
    if (!this.shown) return;
    const seq = this.#latest.begin();
    const q = await queueApi.load();
    if (this.#latest.isCurrent(seq)) this.queue = q;
  }

  /** Forgets the numbers (another teammate signs in). */
  clear(): void {
    this.#latest.invalidate();
    this.queue = null;
  }
}

export const teamQueue = new TeamQueue();
