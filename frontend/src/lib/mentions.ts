// @mentions in notes: finding the handle being typed, suggesting teammates, inserting the
// chosen handle, and splitting a note body for display. The rules mirror the Go side
// (internal/inbox/messages.go): an @ only starts a mention at the start of a word, so
// "anna@salon.com" mentions nobody.
import type { Member } from '../bridge/types';

/** A character that may not precede a mention's @ (it would be part of a word or an email). */
const WORDY = /[\p{L}\p{N}_@.]/u;
const HANDLE_CHAR = /[\p{L}\p{N}._-]/u;

export interface MentionQuery {
  /** Index of the @ in the text. */
  start: number;
  /** What was typed after the @, up to the caret. */
  query: string;
}

/** The mention being typed at `caret`, or null when the caret is not inside one. */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  let i = caret;
  while (i > 0 && HANDLE_CHAR.test(text[i - 1]!)) i--;
  if (i === 0 || text[i - 1] !== '@') return null;
  const at = i - 1;
  if (at > 0 && WORDY.test(text[at - 1]!)) return null;
  const query = text.slice(i, caret);
  if (query.length > 30) return null;
  return { start: at, query };
}

/** Lower case without accents, so "lea" finds Léa. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Active teammates matching `query` by handle or by the start of any word of their name:
 * handle matches first, then name matches, each alphabetical. `excludeId` (the writer) is left
 * out, since mentioning yourself notifies nobody.
 */
export function suggestMembers(members: Member[], query: string, excludeId = '', limit = 6): Member[] {
  const q = fold(query);
  const byHandle: Member[] = [];
  const byName: Member[] = [];
  for (const m of members) {
    if (!m.active || m.id === excludeId) continue;
    if (fold(m.handle).startsWith(q)) byHandle.push(m);
    else if (fold(m.name).split(/\s+/).some((w) => w.startsWith(q))) byName.push(m);
  }
  const byNameThenHandle = (a: Member, b: Member) => a.name.localeCompare(b.name) || a.handle.localeCompare(b.handle);
  return [...byHandle.sort(byNameThenHandle), ...byName.sort(byNameThenHandle)].slice(0, limit);
}

/** Replaces the mention being typed (from its @ to the caret) with `@handle `. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  handle: string,
): { text: string; caret: number } {
  const inserted = `@${handle} `;
  const after = text.slice(caret).replace(/^[\p{L}\p{N}._-]*/u, '').replace(/^ /, '');
  const next = text.slice(0, mention.start) + inserted + after;
  return { text: next, caret: mention.start + inserted.length };
}

export interface BodyPart {
  text: string;
  /** The mentioned teammate, when this part is an @handle of one. */
  member?: Member;
}

const MENTION_RE = /(^|[^\p{L}\p{N}_@.])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;

/** Splits a note body into plain text and @mentions of known teammates, for highlighting. */
export function splitMentions(body: string, members: Member[]): BodyPart[] {
  const byHandle = new Map(members.map((m) => [m.handle.toLowerCase(), m]));
  const parts: BodyPart[] = [];
  let last = 0;
  for (const m of body.matchAll(MENTION_RE)) {
    const at = m.index + m[1]!.length;
    let handle = m[2]!.toLowerCase();
    // Sentence punctuation after a handle ("thanks @ana.") is not part of it.
    while (handle && !byHandle.has(handle) && /[._-]$/.test(handle)) handle = handle.slice(0, -1);
    const member = byHandle.get(handle);
    if (!member) continue;
    const end = at + 1 + handle.length;
    if (at > last) parts.push({ text: body.slice(last, at) });
    parts.push({ text: body.slice(at, end), member });
    last = end;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}
