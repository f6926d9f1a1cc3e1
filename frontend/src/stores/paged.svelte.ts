// A paged list of ids over an entity table: first page, "load more", and a refresh that keeps
// rows in place on live updates. A list that says which rows are on screen (setWindow) gets a
// refresh of the first page plus the pages on screen, so it costs the same at row 50 as at
// row 50 000; a list that does not gets every loaded row re-read in one request.
// Each request takes a sequence number; only the newest one's answer is applied.
import type { Entities } from './entities.svelte';
import { Latest } from './seq';

export interface PageOf<T> {
  items: T[];
  next: string;
}

export type FetchPage<T> = (cursor: string, limit: number) => Promise<PageOf<T>>;

/** Sort order of the rows, as the backend sorts them: negative when a comes first. */
export type Order<T> = (a: T, b: T) => number;

/**
 * One loaded page: the cursor it was read from, its ids (no id in two segments), and the last
 * row of its answer, where the cursor of the page after it starts.
 */
interface Segment<T> {
  cursor: string;
  ids: string[];
  end: T | undefined;
}

export class Paged<T extends { id: string }> {
  ids = $state.raw<string[]>([]);
  next = $state('');
  loading = $state(false);
  /** True once the current query has answered at least once. */
  loaded = $state(false);

  rows = $derived.by(() => this.ids.map((id) => this.#table.get(id)).filter((t): t is T => !!t));

  #table: Entities<T>;
  #fetch: FetchPage<T>;
  #pageSize: number;
  #latest = new Latest();
  #segments: Segment<T>[] = [];
  #order: Order<T> | undefined;
  /** Rows on screen, [from, to) in ids; null while the list has not said. */
  #window: { from: number; to: number } | null = null;

  /** order enables the windowed refresh (see refresh). */
  constructor(table: Entities<T>, fetch: FetchPage<T>, pageSize = 50, order?: Order<T>) {
    this.#table = table;
    this.#fetch = fetch;
    this.#pageSize = pageSize;
    this.#order = order;
  }

  /** Starts over with the first page (the query changed). */
  async reload(): Promise<void> {
    this.#segments = [];
    this.ids = [];
    this.next = '';
    this.loaded = false;
    await this.#load('', this.#pageSize, false);
  }

  /** Says which rows are on screen, [from, to) in ids: what refresh re-reads besides the top. */
  setWindow(from: number, to: number): void {
    this.#window = { from, to };
  }

  /**
   * Brings the rows up to date. A list with an order and a window re-reads the first page and
   * the pages on screen, each from the cursor it was loaded from, in one go: the cost does not
   * grow with how far the list was scrolled. Rows of other pages stay as they were until they
   * are on screen at a refresh (a thread with new activity moves to the top, which the first
   * page catches). Otherwise every loaded row is re-read in one request.
   */
  async refresh(): Promise<void> {
    if (!this.#window || !this.#order || this.#segments.length <= 1) {
      await this.#load('', Math.max(this.#pageSize, this.ids.length), false);
      return;
    }
    const { from, to } = this.#window;
    const wanted: number[] = [];
    let start = 0;
    this.#segments.forEach((seg, i) => {
      const end = start + seg.ids.length;
      if (i === 0 || (end > from && start < to)) wanted.push(i);
      start = end;
    });
    const lastIndex = this.#segments.length - 1;
    const seq = this.#latest.begin();
    this.loading = true;
    try {
      // A page before the last reads some extra rows: rows that entered its range push its
      // tail down, and the next page (read from a fixed cursor) would not show them.
      const pages = await Promise.all(
        wanted.map((i) => {
          const seg = this.#segments[i]!;
          const slack = i === lastIndex ? 0 : this.#pageSize;
          return this.#fetch(seg.cursor, Math.max(this.#pageSize, seg.ids.length) + slack);
        }),
      );
      if (!this.#latest.isCurrent(seq)) return;
      let segments = this.#segments.map((seg) => ({ ...seg }));
      let next = this.next;
      for (const [k, i] of wanted.entries()) {
        const page = pages[k]!;
        this.#table.put(page.items, seq);
        const seg = segments[i]!;
        if (i === lastIndex) {
          seg.ids = page.items.map((t) => t.id);
          seg.end = page.items.at(-1);
          next = page.next;
          continue;
        }
        // Up to where the next page's cursor starts; what lies beyond is that page's.
        const end = seg.end;
        const mine = end ? page.items.filter((t) => this.#order!(t, end) <= 0) : page.items;
        seg.ids = mine.map((t) => t.id);
        if (!page.next && mine.length === page.items.length) {
          // The view ends inside this page: later pages hold rows that left it.
          segments = segments.slice(0, i + 1);
          next = '';
          break;
        }
      }
      this.#setSegments(segments);
      this.next = next;
      this.loaded = true;
    } finally {
      if (this.#latest.isCurrent(seq)) this.loading = false;
    }
  }

  /** Appends the next page, if there is one and nothing else is loading. */
  async loadMore(): Promise<void> {
    if (!this.next || this.loading) return;
    await this.#load(this.next, this.#pageSize, true);
  }

  /** Forgets the rows and drops every answer still in flight. */
  clear(): void {
    this.#latest.invalidate();
    this.#segments = [];
    this.#window = null;
    this.ids = [];
    this.next = '';
    this.loaded = false;
    this.loading = false;
  }

  /** Keeps each id in its first segment only (a row that moved up shows once) and sets ids. */
  #setSegments(segments: Segment<T>[]): void {
    const seen = new Set<string>();
    for (const seg of segments) seg.ids = seg.ids.filter((id) => !seen.has(id) && !!seen.add(id));
    // An emptied segment stays: its cursor is where the next one's rows start.
    this.#segments = segments;
    this.ids = this.#segments.flatMap((seg) => seg.ids);
  }

  async #load(cursor: string, limit: number, append: boolean): Promise<void> {
    const seq = this.#latest.begin();
    this.loading = true;
    try {
      const page = await this.#fetch(cursor, limit);
      if (!this.#latest.isCurrent(seq)) return;
      this.#table.put(page.items, seq);
      const ids = page.items.map((t) => t.id);
      const seg = { cursor, ids, end: page.items.at(-1) };
      this.#setSegments(append ? [...this.#segments, seg] : [seg]);
      this.next = page.next;
      this.loaded = true;
    } finally {
      if (this.#latest.isCurrent(seq)) this.loading = false;
    }
  }
}
