// Snippets (quick replies) in the composer: finding the "/shortcut" being typed, matching it
// against the workspace's snippets, and putting the snippet's text in its place. A shortcut
// follows the Go rule (internal/team/handles.go): lower-case letters, digits, ".", "_", "-".
// A "/" only starts one at the start of the text or after whitespace, so "and/or" and URLs
// never open the menu.
import type { Snippet } from '../bridge/types';
import { fold } from './mentions';

const SHORTCUT_CHAR = /[\p{L}\p{N}._-]/u;
const MAX_SHORTCUT = 30;

/** Where the snippet goes: the text from `start` to `end` is replaced by its body. */
export interface SnippetRange {
  start: number;
  end: number;
}

export interface SnippetQuery extends SnippetRange {
  /** What was typed after the "/", up to the caret. */
  query: string;
}

/** The "/shortcut" being typed at `caret`, or null when the caret is not inside one. */
export function findSnippetQuery(text: string, caret: number): SnippetQuery | null {
  let i = caret;
  while (i > 0 && SHORTCUT_CHAR.test(text[i - 1]!)) i--;
  if (i === 0 || text[i - 1] !== '/') return null;
  const slash = i - 1;
  if (slash > 0 && !/\s/u.test(text[slash - 1]!)) return null;
  const query = text.slice(i, caret);
  if (query.length > MAX_SHORTCUT) return null;
  return { start: slash, end: caret, query };
}

/**
 * Snippets for `query`: shortcuts that start with it first, then shortcuts or texts that
 * contain it, each alphabetical by shortcut. An empty query lists them all.
 */
export function matchSnippets(snippets: Snippet[], query: string, limit = 8): Snippet[] {
  const q = fold(query);
  const starts: Snippet[] = [];
  const contains: Snippet[] = [];
  for (const s of snippets) {
    const shortcut = fold(s.shortcut);
    if (shortcut.startsWith(q)) starts.push(s);
    else if (q && (shortcut.includes(q) || fold(s.body).includes(q))) contains.push(s);
  }
  const byShortcut = (a: Snippet, b: Snippet) => a.shortcut.localeCompare(b.shortcut);
  return [...starts.sort(byShortcut), ...contains.sort(byShortcut)].slice(0, limit);
}

/**
 * Replaces `range` with the snippet's text; the rest of a shortcut right after the caret
 * ("/ho|urs") goes too. The caret lands after the inserted text.
 */
export function insertSnippet(text: string, range: SnippetRange, body: string): { text: string; caret: number } {
  const typed = range.end > range.start;
  const after = typed ? text.slice(range.end).replace(/^[\p{L}\p{N}._-]*/u, '') : text.slice(range.end);
  const next = text.slice(0, range.start) + body + after;
  return { text: next, caret: range.start + body.length };
}
