// Live events from Go (app/events.go). Subscriptions go through the Wails runtime, which only
// exists inside the app window (or a browser on the dev server); elsewhere onEvent is a no-op.
import { EventsOn } from '../../wailsjs/runtime/runtime';

/** Documents changed locally or on another device; payload: Changed. */
export const EVENT_CHANGED = 'huddle:changed';
/** The sync status changed; payload: SyncStatus. */
export const EVENT_SYNC = 'huddle:sync';
/** The devices online changed; payload: Presence[]. */
export const EVENT_PRESENCE = 'huddle:presence';

export function onEvent(name: string, handler: (payload: unknown) => void): () => void {
  const w = globalThis as { runtime?: unknown };
  if (!w.runtime) return () => {};
  return EventsOn(name, (payload: unknown) => handler(payload));
}
