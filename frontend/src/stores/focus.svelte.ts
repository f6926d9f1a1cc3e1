// Keyboard focus that is not DOM focus: the conversation the j/k keys point at in the list
// (the row shows it highlighted), and requests to put the caret in the composer.
import type { ComposerMode } from './openThread.svelte';
import { threadList } from './threadList.svelte';

export interface ComposerRequest {
  mode: ComposerMode;
  /** Grows with each request, so the same mode asked twice still moves the caret. */
  seq: number;
}

class Focus {
  /** The conversation the list keys point at, or null before the first move. */
  threadId = $state<string | null>(null);
  composer = $state.raw<ComposerRequest>({ mode: 'message', seq: 0 });
}

export const focus = new Focus();

/**
 * Moves the pointed conversation `delta` rows down (up when negative), within the rows
 * loaded; from nowhere, the first row. Near the end, the next page starts loading.
 */
export function moveThreadFocus(delta: number): string | null {
  const ids = threadList.pages.ids;
  if (!ids.length) return null;
  const at = focus.threadId ? ids.indexOf(focus.threadId) : -1;
  const next = at < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, at + delta));
  focus.threadId = ids[next]!;
  if (next >= ids.length - 3 && threadList.pages.next) threadList.loadMore().catch(() => {});
  return focus.threadId;
}

/** Asks the open conversation's composer to take the caret, in `mode`. */
export function requestComposer(mode: ComposerMode): void {
  focus.composer = { mode, seq: focus.composer.seq + 1 };
}
