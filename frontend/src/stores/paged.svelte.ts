// A paged list of ids over an entity table: first page, "load more", and a refresh that
// re-reads every row already shown in one request (so live updates keep rows in place).
// Each request takes a sequence number; only the newest one's answer is applied.
import type { Entities } from './entities.svelte';
import { Latest } from './seq';

export interface PageOf<T> {
  items: T[];
  next: string;
}

export type FetchPage<T> = (cursor: string, limit: number) => Promise<PageOf<T>>;

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

  constructor(table: Entities<T>, fetch: FetchPage<T>, pageSize = 50) {
    this.#table = table;
    this.#fetch = fetch;
    this.#pageSize = pageSize;
  }

  /** Starts over with the first page (the query changed). */
  async reload(): Promise<void> {
    this.ids = [];
    this.next = '';
    this.loaded = false;
    await this.#load('', this.#pageSize, false);
  }

  /** Re-reads every row shown (at least one page). */
  async refresh(): Promise<void> {
    await this.#load('', Math.max(this.#pageSize, this.ids.length), false);
  }

  /** Appends the next page, if there is one and nothing else is loading. */
  async loadMore(): Promise<void> {
    if (!this.next || this.loading) return;
    await this.#load(this.next, this.#pageSize, true);
  }

  /** Forgets the rows and drops every answer still in flight. */
  clear(): void {
    this.#latest.invalidate();
    this.ids = [];
    this.next = '';
    this.loaded = false;
    this.loading = false;
  }

  async #load(cursor: string, limit: number, append: boolean): Promise<void> {
    const seq = this.#latest.begin();
    this.loading = true;
    try {
      const page = await this.#fetch(cursor, limit);
      if (!this.#latest.isCurrent(seq)) return;
      this.#table.put(page.items, seq);
      const ids = page.items.map((t) => t.id);
      if (append) {
        const have = new Set(this.ids);
        this.ids = [...this.ids, ...ids.filter((id) => !have.has(id))];
      } else {
        this.ids = ids;
      }
      this.next = page.next;
      this.loaded = true;
    } finally {
      if (this.#latest.isCurrent(seq)) this.loading = false;
    }
  }
}
