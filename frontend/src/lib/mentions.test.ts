import { describe, expect, it } from 'vitest';
import { ana, camille, gone, member, zoe } from '../test/fixtures';
import { findMentionQuery, insertMention, splitMentions, suggestMembers } from './mentions';

const lea = member({ id: 'm7', name: 'Léa Moreau', handle: 'lea' });
const anabel = member({ id: 'm8', name: 'Bel Rossi', handle: 'anabel' });
const team = [camille, ana, zoe, lea, anabel, gone];

describe('findMentionQuery', () => {
  it('finds the handle being typed at the caret', () => {
    const text = 'Can you call her, @an';
    expect(findMentionQuery(text, text.length)).toEqual({ start: 18, query: 'an' });
  });

  it('starts a mention on a bare @ at the start of the text', () => {
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
  });

  it('ignores an @ inside a word or an email address', () => {
    const text = 'write to anna@salon';
    expect(findMentionQuery(text, text.length)).toBeNull();
  });

  it('is null once the caret has left the handle', () => {
    const text = '@ana please';
    expect(findMentionQuery(text, text.length)).toBeNull();
    expect(findMentionQuery(text, 4)).toEqual({ start: 0, query: 'ana' });
  });
});

describe('suggestMembers', () => {
  it('puts handle matches before name matches and leaves out the writer and deactivated teammates', () => {
    const names = suggestMembers(team, 'an', camille.id).map((m) => m.name);
    expect(names).toEqual(['Ana Diaz', 'Bel Rossi']);
    expect(suggestMembers(team, 'greg').map((m) => m.id)).toEqual([]);
    expect(suggestMembers(team, 'cam', camille.id)).toEqual([]);
  });

  it('matches any word of the name, without accents', () => {
    expect(suggestMembers(team, 'moreau').map((m) => m.id)).toEqual(['m7']);
    expect(suggestMembers(team, 'zoe').map((m) => m.id)).toEqual(['m3']);
  });

  it('offers everyone active for a bare @, alphabetically', () => {
    expect(suggestMembers(team, '', camille.id).map((m) => m.name)).toEqual([
      'Ana Diaz',
      'Bel Rossi',
      'Léa Moreau',
      'Zoé Martin',
    ]);
  });
});

describe('insertMention', () => {
  it('replaces what was typed with the handle and a space, caret after it', () => {
    const text = 'Ask @an';
    const r = insertMention(text, { start: 4, query: 'an' }, text.length, 'ana');
    expect(r).toEqual({ text: 'Ask @ana ', caret: 9 });
  });

  it('keeps the text after the caret', () => {
    const text = 'Ask @a about Friday';
    const r = insertMention(text, { start: 4, query: 'a' }, 6, 'ana');
    expect(r.text).toBe('Ask @ana about Friday');
    expect(r.caret).toBe(9);
  });
});

describe('splitMentions', () => {
  it('marks handles of teammates and leaves the rest as text', () => {
    const parts = splitMentions('Thanks @ana. Email anna@x.com or @nobody', team);
    expect(parts.map((p) => [p.text, p.member?.id ?? null])).toEqual([
      ['Thanks ', null],
      ['@ana', 'm2'],
      ['. Email anna@x.com or @nobody', null],
    ]);
  });
});
