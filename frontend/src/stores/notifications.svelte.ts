// The notification centre: the signed-in member's notifications, newest first, and how many
// are unread (the bell's badge). A read mark shows at once and is taken back if Go refuses
// it; an answer overtaken by a newer request is dropped (seq.ts), and an answer read before
// Go had a read mark never shows that notification unread again.
import { SvelteSet } from 'svelte/reactivity';
import { MAX_UNREAD, notifyApi, taskApi, threadApi, type Notification, type Task } from '../bridge';
import { notifications, tasks, threads } from './entities.svelte';
import { Latest, nextSeq } from './seq';
import { session } from './session.svelte';

/** Notifications read at a time: the first page, and each "Load more". */
export const PAGE_SIZE = 30;

class NotificationCentre {
  ids = $state.raw<string[]>([]);
  next = $state('');
  loading = $state(false);
  /** True once the list has answered at least once. */
  loaded = $state(false);

  /** The unread count of the answers, before the read marks still on their way. */
  #unread = $state(0);
  /** Notifications marked read here that Go has not confirmed yet. */
  #marking = new SvelteSet<string>();
  /** "Mark all read" is on its way. */
  #markingAll = $state(false);
  #latest = new Latest();
  /** Sequence number of the last read mark Go confirmed: unread counts read before it are old. */
  #markedAt = 0;
  /** Bumped by clear(): a read mark confirmed for the member before must not touch the next. */
  #generation = 0;

  rows = $derived(
    this.ids
      .map((id) => notifications.get(id))
      .filter((n): n is Notification => !!n)
      .map((n) => (!n.read && this.#markedHere(n.id) ? { ...n, read: true } : n)),
  );

  /** Unread notifications over every page, capped at MAX_UNREAD ("99+"). */
  unread = $derived.by(() => {
    if (this.#markingAll) return 0;
    // Past the cap the true number is unknown: one read mark does not bring it under.
    if (this.#unread >= MAX_UNREAD) return this.#unread;
    let n = this.#unread;
    for (const id of this.#marking) if (notifications.get(id)?.read === false) n--;
    return Math.max(0, n);
  });

  /** Re-reads the notifications shown (at least the first page) and the unread count. */
  async refresh(): Promise<void> {
    await this.#read('', Math.max(PAGE_SIZE, this.ids.length), false);
  }

  /** Appends the next page, if there is one and nothing else is loading. */
  async loadMore(): Promise<void> {
    if (!this.next || this.loading) return;
    await this.#read(this.next, PAGE_SIZE, true);
  }

  /** Marks notifications read: they show read at once, and unread again if Go refuses. */
  async markRead(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => notifications.get(id)?.read === false && !this.#marking.has(id));
    if (!fresh.length) return;
    const generation = this.#generation;
    for (const id of fresh) this.#marking.add(id);
    try {
      await notifyApi.markRead(fresh);
      if (generation === this.#generation) this.#confirmRead(fresh);
    } finally {
      if (generation === this.#generation) for (const id of fresh) this.#marking.delete(id);
    }
  }

  /** Marks every notification read: the badge goes at once, and comes back if Go refuses. */
  async markAllRead(): Promise<void> {
    const generation = this.#generation;
    this.#markingAll = true;
    try {
      await notifyApi.markAllRead();
      if (generation !== this.#generation) return;
      this.#confirmRead(this.ids);
      this.#unread = 0;
    } finally {
      if (generation === this.#generation) this.#markingAll = false;
    }
  }

  /** Assigns the notification's conversation to the signed-in member. */
  async assignToMe(n: Notification): Promise<void> {
    const me = session.meId;
    await threadApi.assign(n.threadId, me);
    // The row's "Assign to me" goes at once; the refresh the change brings confirms it.
    const th = threads.get(n.threadId);
    if (th) threads.put([{ ...th, assigneeId: me }], nextSeq());
  }

  /** Moves a reminder's task reminder to `minutes` from now; returns the task as it is now. */
  async snooze(n: Notification, minutes: number): Promise<Task> {
    const t = await taskApi.snooze(n.taskId, minutes);
    tasks.put([t], nextSeq());
    // The snoozed reminder is a new notification, due later: this one leaves the list.
    this.refresh().catch((e) => console.warn('huddle: reading notifications failed', e));
    return t;
  }

  /** Forgets everything (another teammate signs in) and drops every answer in flight. */
  clear(): void {
    this.#latest.invalidate();
    this.#generation++;
    this.#marking.clear();
    this.#markingAll = false;
    this.#unread = 0;
    this.ids = [];
    this.next = '';
    this.loading = false;
    this.loaded = false;
  }

  #markedHere(id: string): boolean {
    return this.#markingAll || this.#marking.has(id);
  }

  // Go has the marks: the rows turn read for good, whatever older answers still say.
  #confirmRead(ids: string[]): void {
    const read = ids
      .map((id) => notifications.get(id))
      .filter((n): n is Notification => !!n && !n.read)
      .map((n) => ({ ...n, read: true }));
    this.#markedAt = nextSeq();
    notifications.put(read, this.#markedAt);
    if (this.#unread < MAX_UNREAD) this.#unread = Math.max(0, this.#unread - read.length);
  }

  async #read(before: string, limit: number, append: boolean): Promise<void> {
    const seq = this.#latest.begin();
    this.loading = true;
    try {
      const page = await notifyApi.list(before, limit);
      if (!this.#latest.isCurrent(seq)) return;
      const items = page.items ?? [];
      notifications.put(items, seq);
      const ids = items.map((n) => n.id);
      if (append) {
        const seen = new Set(this.ids);
        this.ids = [...this.ids, ...ids.filter((id) => !seen.has(id))];
      } else {
        this.ids = ids;
      }
      this.next = page.next;
      if (seq > this.#markedAt) this.#unread = page.unread;
      this.loaded = true;
    } finally {
      if (this.#latest.isCurrent(seq)) this.loading = false;
    }
  }
}

export const notificationCentre = new NotificationCentre();
