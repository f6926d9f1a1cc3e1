// How a notification is said in the centre: one plain sentence per kind, and the bell's name.
import type { Notification, NotifyKind } from '../bridge/types';
import { badgeCount } from './format';
import type { IconName } from './icons';

export const KIND_ICONS: Record<NotifyKind, IconName> = {
  assigned: 'user',
  mention: 'at',
  message: 'chat',
  participating: 'star',
  reminder: 'bell',
};

/** Who and where a sentence names, looked up by the caller. */
export interface Names {
  /** The teammate who did it; '' when unknown or nobody. */
  actor: string;
  /** Which of the client's conversations: its subject or its channel; '' when not known. */
  where?: string;
}

/** A message's start as one line, in curly quotes; '' for none. */
function quoted(excerpt: string): string {
  const text = excerpt.replace(/\s+/g, ' ').trim();
  return text ? `“${text}”` : '';
}

/**
 * The row's sentence, e.g. "Ana Diaz assigned you Maria Lopez · SMS",
 * "Ana Diaz mentioned you on Maria Lopez: “can you call her…”", "Maria Lopez wrote: “…”",
 * "Reminder: Call back Maria".
 */
export function notificationSentence(n: Notification, names: Names): string {
  const actor = names.actor || 'A teammate';
  const conversation = n.clientName || n.title || 'a conversation';
  const where = names.where ? ` · ${names.where}` : '';
  const said = quoted(n.excerpt);
  const colon = said ? `: ${said}` : '';
  switch (n.kind) {
    case 'assigned':
      return names.actor ? `${actor} assigned you ${conversation}${where}` : `You were assigned ${conversation}${where}`;
    case 'mention':
      return `${actor} mentioned you on ${conversation}${colon}`;
    case 'message':
      return `${n.clientName || 'A client'} wrote${colon}`;
    case 'participating':
      return `${n.clientName || 'A client'} wrote in a conversation you follow${colon}`;
    case 'reminder':
      return `Reminder: ${n.title || 'a task'}${n.clientName ? ` · ${n.clientName}` : ''}`;
  }
  return conversation;
}

/** The bell's accessible name: "Notifications", "Notifications, 3 unread", "…, 99+ unread". */
export function bellLabel(unread: number): string {
  const n = badgeCount(unread);
  return n ? `Notifications, ${n} unread` : 'Notifications';
}
