// What the UI benchmarks measure inside the page, and the statistics they report. The page
// functions run in Chromium (page.addInitScript / page.evaluate), so they use nothing from
// this module's scope.
import type { Page } from '@playwright/test';

/** The virtualized inbox list (VirtualList renders it as ul[aria-label=Conversations]). */
export const LIST_SELECTOR = 'ul[aria-label="Conversations"]';

/** When the first thread row showed, in ms since navigation start (performance.now()). */
export interface FirstRow {
  /** The row entered the DOM (a MutationObserver saw it). */
  inDomMs: number;
  /** The first frame with the row was rendered: a task queued from that frame's rAF ran. */
  paintedMs: number;
  domContentLoadedMs: number;
  /** Main-thread tasks over 50 ms before paintedMs, and their total length. */
  longTasks: number;
  longTaskMs: number;
}

declare global {
  interface Window {
    __huddleFirstRow?: FirstRow;
  }
}

/**
 * Installs the first-row probe before any of the page's scripts run. It watches the DOM until
 * a row of the inbox list appears with a size, then waits for the frame that draws it: a task
 * queued from that frame's requestAnimationFrame callback runs after the frame's style,
 * layout and paint, which is as close to "on screen" as the page can tell.
 */
export async function installFirstRowProbe(page: Page): Promise<void> {
  await page.addInitScript((listSelector: string) => {
    const longTasks: PerformanceEntry[] = [];
    try {
      new PerformanceObserver((l) => longTasks.push(...l.getEntries())).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no Long Tasks API: counts stay 0 */
    }
    const seen = () => {
      const li = document.querySelector(`${listSelector} > li`);
      return !!li && li.childElementCount > 0 && li.getBoundingClientRect().height > 0;
    };
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      observer.disconnect();
      const inDomMs = performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          const paintedMs = performance.now();
          const before = longTasks.filter((t) => t.startTime < paintedMs);
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          window.__huddleFirstRow = {
            inDomMs,
            paintedMs,
            domContentLoadedMs: nav?.domContentLoadedEventEnd ?? -1,
            longTasks: before.length,
            longTaskMs: before.reduce((sum, t) => sum + t.duration, 0),
          };
        }),
      );
    });
    observer.observe(document, { childList: true, subtree: true });
  }, LIST_SELECTOR);
}

/** Scrolls to the end of the loaded rows until at least `target` are loaded or no more come. */
export async function loadRows(page: Page, target: number): Promise<number> {
  return page.evaluate(
    async ({ listSelector, target }) => {
      const list = document.querySelector(listSelector)!;
      const viewport = list.parentElement!;
      const loaded = () => Number(list.getAttribute('data-loaded'));
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      while (loaded() < target) {
        const before = loaded();
        viewport.scrollTop = viewport.scrollHeight; // the list loads its next page near the end
        const since = performance.now();
        while (loaded() === before) {
          if (performance.now() - since > 5000) return before; // the view has no more rows
          await sleep(5);
        }
      }
      return loaded();
    },
    { listSelector: LIST_SELECTOR, target },
  );
}

/** What one scroll run saw. */
export interface ScrollRun {
  /** Intervals between consecutive animation frames (rAF timestamps), ms. */
  intervals: number[];
  rowsCovered: number;
  longTasks: number;
}

/**
 * Scrolls the list from the top through `rows` rows in `durationMs` at an even speed: each
 * animation frame sets scrollTop to where the clock says it should be, so a slow frame skips
 * ahead instead of slowing the scroll down, as a dragged scrollbar does.
 */
export async function scrollThrough(page: Page, rows: number, durationMs: number): Promise<ScrollRun> {
  return page.evaluate(
    ({ listSelector, rows, durationMs }) => {
      const list = document.querySelector(listSelector)!;
      const viewport = list.parentElement!;
      const rowHeight = list.querySelector('li')!.getBoundingClientRect().height;
      const distance = Math.min(rows * rowHeight, viewport.scrollHeight - viewport.clientHeight);
      let longTasks = 0;
      const observer = new PerformanceObserver((l) => (longTasks += l.getEntries().length));
      try {
        observer.observe({ type: 'longtask' });
      } catch {
        /* no Long Tasks API */
      }
      const intervals: number[] = [];
      return new Promise<ScrollRun>((resolve) => {
        let start = -1;
        let last = -1;
        const frame = (t: number) => {
          if (start < 0) start = t;
          else intervals.push(t - last);
          last = t;
          const progress = Math.min(1, (t - start) / durationMs);
          viewport.scrollTop = progress * distance;
          if (progress < 1) {
            requestAnimationFrame(frame);
            return;
          }
          observer.disconnect();
          resolve({ intervals, rowsCovered: Math.round(distance / rowHeight), longTasks });
        };
        requestAnimationFrame(frame);
      });
    },
    { listSelector: LIST_SELECTOR, rows, durationMs },
  );
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100) of xs. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Prints a figure for build/scripts/benchreport (one `BENCH <name> <value> <unit>` line). */
export function report(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number(value.toPrecision(4))} ${unit}`);
}
