import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { inboxApi, resetFakes } from '../test/fakeApi';
import { deferred } from '../test/fixtures';
import type { Counts } from '../bridge';
import { viewCounts } from './counts.svelte';

const c = (n: number) => ({ all: { total: n, unread: 0 } }) as Counts;

beforeEach(() => {
  resetFakes();
  viewCounts.reset();
});

describe('viewCounts', () => {
  it('fills every view, missing ones as zero', async () => {
    inboxApi.counts.mockResolvedValueOnce(c(3));
    await viewCounts.refresh();
    expect(viewCounts.counts.all.total).toBe(3);
    expect(viewCounts.counts.mine).toEqual({ total: 0, unread: 0 });
  });

  it('holds the open conversations of each location beside the views', async () => {
    inboxApi.counts.mockResolvedValueOnce(c(3));
    inboxApi.brandCounts.mockResolvedValueOnce({ b1: 2, b2: 1 });
    await viewCounts.refresh();
    expect(viewCounts.brands).toEqual({ b1: 2, b2: 1 });
    viewCounts.reset();
    expect(viewCounts.brands).toEqual({});
  });

  it('keeps the newest answer when two refreshes cross', async () => {
    const older = deferred<Counts>();
    inboxApi.counts.mockReturnValueOnce(older.promise).mockResolvedValueOnce(c(2));
    const a = viewCounts.refresh();
    await viewCounts.refresh();
    older.resolve(c(1));
    await a;
    expect(viewCounts.counts.all.total).toBe(2);
  });
});
