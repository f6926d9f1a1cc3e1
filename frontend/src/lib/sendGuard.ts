// The send guard: what arrived in a conversation since someone started typing a reply, so
// they do not answer a question that has already changed. Only activity counts (messages,
// notes, announcements), never event lines; what the writer sent themselves does not either.
// A scheduled reply counts once it goes, as in Go (model.Message.IsActivity).
import type { Member, Message } from '../bridge/types';

function isActivity(m: Message): boolean {
  if (m.deleted || (m.sendAt && !m.sentAt)) return false;
  return m.kind === 'message' || m.kind === 'note' || m.kind === 'announcement';
}

/** The ids of the timeline's activity: what the writer has seen when a draft begins. */
export function activityIds(timeline: Message[]): string[] {
  return timeline.filter(isActivity).map((m) => m.id);
}

/** Activity in `timeline` that is not in `seen`, oldest first, leaving out the writer's own. */
export function arrivedSince(timeline: Message[], seen: readonly string[], meId: string): Message[] {
  const known = new Set(seen);
  // A message the client said that the writer logged (a call) is the client's, so it counts.
  const mine = (m: Message) => m.authorId === meId && m.direction !== 'inbound';
  return timeline.filter((m) => isActivity(m) && !known.has(m.id) && !mine(m));
}

/** "A new message from Olivia Smith arrived while you were typing. Send anyway?" */
export function arrivalWarning(
  fresh: Message[],
  clientName: string,
  member: (id: string) => Member | undefined,
): string {
  if (fresh.length > 1) return `${fresh.length} new messages arrived while you were typing. Send anyway?`;
  const m = fresh[0]!;
  const from =
    m.direction === 'inbound' ? clientName || 'the client' : (member(m.authorId)?.name ?? 'a teammate');
  const what = m.kind === 'note' ? 'note' : m.kind === 'announcement' ? 'announcement' : 'message';
  return `A new ${what} from ${from} arrived while you were typing. Send anyway?`;
}
