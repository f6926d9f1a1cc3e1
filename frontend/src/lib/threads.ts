// Facts about a thread row that several components need.
import type { Thread } from '../bridge/types';

/** Whether `th` has activity `memberId` has not read (mirrors model.Thread.UnreadFor). */
export function isUnread(th: Pick<Thread, 'lastActivityAt' | 'readBy' | 'lastAuthorId'>, memberId: string): boolean {
  return th.lastActivityAt > (th.readBy?.[memberId] ?? 0) && th.lastAuthorId !== memberId;
}

/** The row's preview line: notes are marked so nobody mistakes them for what the client saw. */
export function previewText(th: Pick<Thread, 'lastPreview' | 'lastKind'>): string {
  const text = th.lastPreview || '';
  if (th.lastKind === 'note') return `Note: ${text}`;
  return text;
}
