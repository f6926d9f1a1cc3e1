// Normalized entity tables shared by every store: one copy of each thread, task, client and
// notification, keyed by id, whoever fetched it. Lists hold ordered ids only.
import { SvelteMap } from 'svelte/reactivity';
import type { Client, Notification, Task, Thread } from '../bridge';

export class Entities<T extends { id: string }> {
  readonly byId = new SvelteMap<string, T>();
  /** Sequence number of the response that last wrote each entity. */
  #writtenBy = new Map<string, number>();

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /**
   * Stores the items of the response to request `seq`. An entity that a newer response has
   * already written keeps that newer copy.
   */
  put(items: T[], seq: number): void {
    for (const item of items) {
      if ((this.#writtenBy.get(item.id) ?? 0) > seq) continue;
      this.#writtenBy.set(item.id, seq);
      this.byId.set(item.id, item);
    }
  }

  clear(): void {
    this.byId.clear();
    this.#writtenBy.clear();
  }
}

export const threads = new Entities<Thread>();
export const tasks = new Entities<Task>();
export const clients = new Entities<Client>();
export const notifications = new Entities<Notification>();
