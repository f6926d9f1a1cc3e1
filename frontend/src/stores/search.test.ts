import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { inboxApi, resetFakes } from '../test/fakeApi';
import { deferred } from '../test/fixtures';
import type { SearchResult } from '../bridge';
import { search } from './search.svelte';

const hit = (name: string): SearchResult => ({
  clients: [{ id: `cl_${name}`, name, brandId: 'br_1', chatThreadId: `th_${name}` }],
  threads: [],
});

beforeEach(() => {
  resetFakes();
  search.clear();
});

describe('search', () => {
  it('keeps the answer of the newest text when answers cross', async () => {
    const older = deferred<SearchResult>();
    inboxApi.search.mockReturnValueOnce(older.promise).mockResolvedValueOnce(hit('maria'));
    const first = search.run('ma');
    await search.run('maria');
    older.resolve(hit('marta'));
    await first;
    expect(search.result.clients.map((c) => c.name)).toEqual(['maria']);
    expect(search.answered).toBe('maria');
  });

  it('clears without asking Go when the text is blank, and drops answers in flight', async () => {
    const slow = deferred<SearchResult>();
    inboxApi.search.mockReturnValueOnce(slow.promise);
    const pending = search.run('ma');
    await search.run('   ');
    slow.resolve(hit('maria'));
    await pending;
    expect(inboxApi.search).toHaveBeenCalledTimes(1);
    expect(search.result).toEqual({ clients: [], threads: [] });
  });

  it('shows what went wrong', async () => {
    inboxApi.search.mockRejectedValueOnce(
      JSON.stringify({ code: 'invalid', message: 'The search is too long; use a few words.' }),
    );
    await search.run('x'.repeat(300));
    expect(search.error).toBe('The search is too long; use a few words.');
  });
});
