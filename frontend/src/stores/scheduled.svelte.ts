// Scheduled replies: every one waiting to go that the signed-in member can see (the Scheduled
// page and the sidebar's count), and the actions on one. A conversation's own scheduled
// replies come with its timeline (openThread); each action re-reads both.
import { scheduleApi, type Message, type ScheduledReply } from '../bridge';
import { openThread } from './openThread.svelte';
import { Latest } from './seq';

/** Re-reads at most this long after the soonest send time, even if no change says it went. */
const AFTER_DUE_MS = 2_000;
/** setTimeout cannot wait longer than about 24 days; an hour is plenty between re-reads. */
const MAX_WAIT_MS = 60 * 60_000;

class ScheduledReplies {
  items = $state.raw<ScheduledReply[]>([]);
  loaded = $state(false);
  count = $derived(this.items.length);

  #latest = new Latest();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Re-reads the list; an answer overtaken by a newer request is dropped. */
  async refresh(): Promise<void> {
    const seq = this.#latest.begin();
    const list = await scheduleApi.list();
    if (!this.#latest.isCurrent(seq)) return;
    this.items = list;
    this.loaded = true;
    this.#wakeAtSoonest();
  }

  /** Forgets the list (another teammate signs in). */
  clear(): void {
    this.#latest.invalidate();
    clearTimeout(this.#timer);
    this.items = [];
    this.loaded = false;
  }

  // A reply that comes due goes by itself and its change refreshes everything; this re-read
  // covers a change that never comes (held by quiet hours, no device online to send it), so
  // the page does not keep a stale order or count.
  #wakeAtSoonest(): void {
    clearTimeout(this.#timer);
    const now = Date.now();
    // Soonest first; one already due waits for its send (or quiet hours), which is a change.
    const soonest = this.items.find((r) => (r.message.sendAt ?? 0) > now)?.message.sendAt;
    if (!soonest) return;
    const wait = Math.min(MAX_WAIT_MS, soonest - now + AFTER_DUE_MS);
    this.#timer = setTimeout(() => {
      this.refresh().catch((e) => console.warn('huddle: reading scheduled replies failed', e));
    }, wait);
  }
}

export const scheduledReplies = new ScheduledReplies();

// After an action, the list and the open conversation show the result at once; the change
// event that follows re-reads them again, so a failed re-read here is only logged.
async function reread(threadId: string): Promise<void> {
  const work: Promise<unknown>[] = [scheduledReplies.refresh()];
  if (openThread.id === threadId) work.push(openThread.refresh());
  const done = await Promise.allSettled(work);
  for (const r of done) if (r.status === 'rejected') console.warn('huddle: refresh after a scheduled reply failed', r.reason);
}

/** Writes a reply to the client that goes at sendAt (unix ms). */
export async function scheduleReply(threadId: string, body: string, sendAt: number): Promise<Message> {
  const m = await scheduleApi.schedule(threadId, body, sendAt);
  await reread(threadId);
  return m;
}

/** Changes the text and send time of a reply waiting to go. */
export async function editScheduled(m: Pick<Message, 'id' | 'threadId'>, body: string, sendAt: number): Promise<Message> {
  const out = await scheduleApi.edit(m.threadId, m.id, body, sendAt);
  await reread(m.threadId);
  return out;
}

/** Sends a reply waiting to go at once. */
export async function sendScheduledNow(m: Pick<Message, 'id' | 'threadId'>): Promise<Message> {
  const out = await scheduleApi.sendNow(m.threadId, m.id);
  await reread(m.threadId);
  return out;
}

/** Cancels a reply waiting to go; it stays in its conversation as a cancelled line. */
export async function cancelScheduled(m: Pick<Message, 'id' | 'threadId'>): Promise<void> {
  await scheduleApi.cancel(m.threadId, m.id);
  await reread(m.threadId);
}
