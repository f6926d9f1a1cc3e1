import { describe, expect, it } from 'vitest';
import type { Snippet } from '../bridge/types';
import { findSnippetQuery, insertSnippet, matchSnippets } from './snippets';

const hours: Snippet = { id: 's1', shortcut: 'hours', body: "We're open Tuesday to Saturday, 9am–7pm." };
const prices: Snippet = { id: 's2', shortcut: 'prices', body: 'Cuts start at £55, colour at £65.' };
const patch: Snippet = { id: 's3', shortcut: 'patchtest', body: 'For colour we need a patch test 48 hours before.' };
const address: Snippet = { id: 's4', shortcut: 'address', body: 'Riverside: 14 Wharf Lane.' };
const all = [prices, hours, address, patch];

describe('findSnippetQuery', () => {
  it('opens on a "/" at the start of the text', () => {
    expect(findSnippetQuery('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(findSnippetQuery('/ho', 3)).toEqual({ start: 0, end: 3, query: 'ho' });
  });

  it('opens on a "/" after a space or a line break', () => {
    const text = 'Thanks!\n/pri';
    expect(findSnippetQuery(text, text.length)).toEqual({ start: 8, end: 12, query: 'pri' });
    expect(findSnippetQuery('Sure /ad', 8)).toEqual({ start: 5, end: 8, query: 'ad' });
  });

  it('ignores a "/" inside a word, a date or a URL', () => {
    expect(findSnippetQuery('and/or', 6)).toBeNull();
    expect(findSnippetQuery('12/05', 5)).toBeNull();
    const url = 'see https://salon.example/hours';
    expect(findSnippetQuery(url, url.length)).toBeNull();
  });

  it('is null once the caret has left the shortcut', () => {
    const text = '/hours please';
    expect(findSnippetQuery(text, text.length)).toBeNull();
    expect(findSnippetQuery(text, 3)).toEqual({ start: 0, end: 3, query: 'ho' });
  });
});

describe('matchSnippets', () => {
  it('lists every snippet by shortcut for a bare "/"', () => {
    expect(matchSnippets(all, '').map((s) => s.shortcut)).toEqual(['address', 'hours', 'patchtest', 'prices']);
  });

  it('puts shortcuts that start with the query before those that only contain it', () => {
    expect(matchSnippets(all, 'p').map((s) => s.shortcut)).toEqual(['patchtest', 'prices', 'hours']); // hours: "open"
  });

  it('finds a snippet by a word of its text, ignoring case and accents', () => {
    expect(matchSnippets(all, 'WHARF')).toEqual([address]);
    expect(matchSnippets([{ id: 's5', shortcut: 'cafe', body: 'Un café ?' }], 'CAFÉ').map((s) => s.id)).toEqual(['s5']);
  });

  it('returns nothing when nothing matches, and at most `limit`', () => {
    expect(matchSnippets(all, 'zzz')).toEqual([]);
    expect(matchSnippets(all, '', 2)).toHaveLength(2);
  });
});

describe('insertSnippet', () => {
  it('replaces the typed shortcut with the text and puts the caret after it', () => {
    const text = 'Hi! /ho';
    const r = insertSnippet(text, { start: 4, end: 7 }, hours.body);
    expect(r.text).toBe(`Hi! ${hours.body}`);
    expect(r.caret).toBe(4 + hours.body.length);
  });

  it('also removes the rest of the shortcut after the caret, keeping what follows', () => {
    const r = insertSnippet('/ho|urs thanks'.replace('|', ''), { start: 0, end: 3 }, 'OPEN');
    expect(r.text).toBe('OPEN thanks');
    expect(r.caret).toBe(4);
  });

  it('inserts at the caret when picked from the button (nothing typed)', () => {
    const r = insertSnippet('Hello  bye', { start: 6, end: 6 }, 'X');
    expect(r.text).toBe('Hello X bye');
    expect(r.caret).toBe(7);
  });
});
