// Live updates: ONE routing table from backend event names to store updates. A burst of
// writes arrives as one batched event (app/events.go), so each handler simply re-reads what
// is on screen; the stores' sequence numbers drop answers that arrive out of order.
import { EVENT_CHANGED, EVENT_PRESENCE, EVENT_SYNC, onEvent, type Changed } from '../bridge';
import { clientList } from './clientList.svelte';
import { clientTags } from './clientTags.svelte';
import { viewCounts } from './counts.svelte';
import { notificationCentre } from './notifications.svelte';
import { openThread } from './openThread.svelte';
import { scheduledReplies } from './scheduled.svelte';
import { session } from './session.svelte';
import { sync } from './sync.svelte';
import { taskList } from './taskList.svelte';
import { teamQueue } from './teamQueue.svelte';
import { threadList } from './threadList.svelte';

type Handler = (payload: unknown) => Promise<unknown>[];

function asChanged(p: unknown): Changed {
  const c = (p ?? {}) as Partial<Changed>;
  return {
    threads: c.threads ?? [],
    clients: c.clients ?? [],
    tasks: c.tasks ?? [],
    workspace: !!c.workspace,
    remote: !!c.remote,
    notifications: !!c.notifications,
  };
}

/** What a `huddle:changed` event refreshes. Returns the refreshes it started. */
export function onChanged(payload: unknown): Promise<unknown>[] {
  const ch = asChanged(payload);
  if (session.state !== 'ready') {
    // A device that joined with an invite code: its workspace has just come from the relay.
    const joining = session.state === 'setup' || session.state === 'pick';
    return ch.workspace && joining ? [session.load()] : [];
  }
  const work: Promise<unknown>[] = [];
  if (ch.workspace) work.push(session.load());
  // A teammate's change of brands or a renamed client can move rows in any view.
  if (ch.threads.length || ch.workspace || ch.clients.length) {
    work.push(viewCounts.refresh());
    if (threadList.pages.loaded) work.push(threadList.refresh());
    // Scheduled replies live in threads; the list shows their clients' names and subjects.
    work.push(scheduledReplies.refresh());
  }
  const open = openThread.id;
  if (
    open &&
    (ch.threads.includes(open) ||
      ch.tasks.length > 0 ||
      (openThread.clientId !== '' && ch.clients.includes(openThread.clientId)))
  ) {
    work.push(openThread.refresh());
  }
  if (ch.tasks.length) work.push(taskList.refresh());
  // The Team queue counts threads and tasks per teammate; it re-reads only while on screen.
  if (teamQueue.shown && (ch.threads.length || ch.tasks.length || ch.workspace)) work.push(teamQueue.refresh());
  if (ch.clients.length) work.push(clientList.refresh());
  // Tags come from the clients the member sees: new tags, or other brands.
  if (ch.clients.length || ch.workspace) work.push(clientTags.refresh());
  // The bell's count and the centre: Go says when they may have moved (a reminder coming
  // due moves them with no document changing).
  if (ch.notifications) work.push(notificationCentre.refresh());
  return work;
}

/** A `huddle:sync` event: the new status replaces the old. */
export function onSync(payload: unknown): Promise<unknown>[] {
  sync.applyStatus(payload);
  // A joining device that has caught up looks for its workspace again, in case the change
  // event that brought it came before this window listened.
  const caughtUp = sync.status.state === 'online' && !sync.status.catchUp;
  return session.state === 'setup' && caughtUp ? [session.load()] : [];
}

/** A `huddle:presence` event: the devices online now. */
export function onPresence(payload: unknown): Promise<unknown>[] {
  sync.applyPresence(payload);
  return [];
}

/** Event name → handler. Add new backend events here and nowhere else. */
export const routes: Record<string, Handler> = {
  [EVENT_CHANGED]: onChanged,
  [EVENT_SYNC]: onSync,
  [EVENT_PRESENCE]: onPresence,
};

/** Subscribes every route; returns the unsubscribe. Failures are logged, not shown: the
 * next event or the next click retries, and a toast per background refresh would be noise. */
export function startLive(): () => void {
  const offs = Object.entries(routes).map(([name, handler]) =>
    onEvent(name, (payload) => {
      for (const p of handler(payload)) p.catch((e) => console.warn(`huddle: refresh after ${name} failed`, e));
    }),
  );
  return () => offs.forEach((off) => off());
}
