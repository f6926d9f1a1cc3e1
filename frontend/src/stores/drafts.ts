// Unsent composer text per thread, kept while the app runs, so switching conversations to
// answer the phone never loses a half-written reply.
import type { ComposerMode } from './openThread.svelte';

export interface Draft {
  text: string;
  mode: ComposerMode;
  /** Activity ids in the thread when the draft began: what arrived since warns before sending. */
  seen?: string[];
}

const drafts = new Map<string, Draft>();

export function getDraft(threadId: string): Draft | undefined {
  return drafts.get(threadId);
}

export function saveDraft(threadId: string, d: Draft): void {
  if (d.text.trim()) drafts.set(threadId, d);
  else drafts.delete(threadId);
}

/** Forgets every draft (another member signed in on this desk). */
export function clearDrafts(): void {
  drafts.clear();
}
