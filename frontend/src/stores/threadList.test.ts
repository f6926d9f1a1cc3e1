import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { inboxApi, resetFakes } from '../test/fakeApi';
import { deferred, thread } from '../test/fixtures';
import type { ThreadPage } from '../bridge';
import { threads } from './entities.svelte';
import { selection } from './selection.svelte';
import { NO_FILTERS, threadList } from './threadList.svelte';
import { showBrand } from './nav.svelte';

const page = (ids: string[], next = '', preview = ''): ThreadPage => ({
  threads: ids.map((id) => thread({ id, lastPreview: preview || id })),
  next,
});

beforeEach(() => {
  resetFakes();
  threadList.clear();
  threads.clear();
});

describe('threadList', () => {
  it('loads a view into ordered ids over the shared thread table', async () => {
    inboxApi.page.mockResolvedValueOnce(page(['t1', 't2'], 'cur1'));
    await threadList.show('mine');
    expect(inboxApi.page).toHaveBeenCalledWith(expect.objectContaining({ view: 'mine', cursor: '', limit: 50 }));
    expect(threadList.pages.ids).toEqual(['t1', 't2']);
    expect(threadList.pages.rows.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(threads.get('t1')?.lastPreview).toBe('t1');
  });

  it('appends the next page and refreshes every loaded row in one request', async () => {
    inboxApi.page.mockResolvedValueOnce(page(['t1', 't2'], 'cur1'));
    await threadList.show('all');
    inboxApi.page.mockResolvedValueOnce(page(['t3'], ''));
    await threadList.loadMore();
    expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'cur1' }));
    expect(threadList.pages.ids).toEqual(['t1', 't2', 't3']);

    inboxApi.page.mockResolvedValueOnce(page(['t2', 't1', 't3']));
    await threadList.refresh();
    expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: '', limit: 50 }));
    expect(threadList.pages.ids).toEqual(['t2', 't1', 't3']);
  });

  it('with a window, a refresh re-reads only the first page and the pages on screen', async () => {
    // Activity falls with the number, as the inbox sorts: t1 newest.
    const th = (id: string, at = 1000 - Number(id.slice(1))) => thread({ id, lastActivityAt: at, lastPreview: id });
    const answer = (ids: (string | ReturnType<typeof th>)[], next = '') => ({
      threads: ids.map((x) => (typeof x === 'string' ? th(x) : x)),
      next,
    });
    inboxApi.page.mockResolvedValueOnce(answer(['t1', 't2'], 'c1'));
    await threadList.show('all');
    inboxApi.page.mockResolvedValueOnce(answer(['t3', 't4'], 'c2'));
    await threadList.loadMore();
    inboxApi.page.mockResolvedValueOnce(answer(['t5', 't6'], 'c3'));
    await threadList.loadMore();
    threadList.pages.setWindow(4, 6);
    inboxApi.page.mockClear();

    // t4 had new activity and leads now; t9 is new. The first page is read with some extra
    // rows and cut where the second page's cursor starts (after t2).
    const moved = th('t4', 3000);
    inboxApi.page
      .mockResolvedValueOnce(answer([moved, th('t9', 2000), 't1', 't2', 't3'], 'x'))
      .mockResolvedValueOnce(answer(['t5', 't6'], 'c3b'));
    await threadList.refresh();
    expect(inboxApi.page.mock.calls.map(([q]) => [(q as { cursor: string }).cursor, (q as { limit: number }).limit])).toEqual([
      ['', 100],
      ['c2', 50],
    ]);
    expect(threadList.pages.ids).toEqual(['t4', 't9', 't1', 't2', 't3', 't5', 't6']);
    expect(threadList.pages.next).toBe('c3b');
  });

  it('ignores a stale response: an older request answering last never overwrites a newer one', async () => {
    inboxApi.page.mockResolvedValueOnce(page(['t1']));
    await threadList.show('all');

    const older = deferred<ThreadPage>();
    const newer = deferred<ThreadPage>();
    inboxApi.page.mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise);
    const first = threadList.refresh();
    const second = threadList.refresh();
    newer.resolve(page(['t9', 't1'], '', 'new'));
    await second;
    older.resolve(page(['t1'], '', 'old'));
    await first;

    expect(threadList.pages.ids).toEqual(['t9', 't1']);
    expect(threads.get('t1')?.lastPreview).toBe('new');
  });

  it('drops the answer for the previous view when the view changes meanwhile', async () => {
    const mine = deferred<ThreadPage>();
    inboxApi.page.mockReturnValueOnce(mine.promise).mockResolvedValueOnce(page(['u1']));
    const a = threadList.show('mine');
    await threadList.show('unassigned');
    mine.resolve(page(['m1']));
    await a;
    expect(threadList.view).toBe('unassigned');
    expect(threadList.pages.ids).toEqual(['u1']);
  });

  it('filters start over from the first page', async () => {
    inboxApi.page.mockResolvedValueOnce(page(['t1', 't2'], 'cur'));
    await threadList.show('all');
    inboxApi.page.mockResolvedValueOnce(page(['t2']));
    await threadList.setFilters({ ...NO_FILTERS, brandId: 'b1', channel: 'sms', label: 'l1' });
    expect(inboxApi.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ view: 'all', brandId: 'b1', channel: 'sms', label: 'l1', cursor: '' }),
    );
    expect(threadList.pages.ids).toEqual(['t2']);
    expect(threadList.pages.next).toBe('');
  });

  it('the query carries the assignee and assignment filters, empty meaning any', async () => {
    inboxApi.page.mockResolvedValue(page(['t1']));
    await threadList.setFilters(NO_FILTERS);
    expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ assigneeId: '', assigned: '' }));

    await threadList.setFilters({ ...NO_FILTERS, assigneeId: 'm2', assigned: 'yes' });
    expect(inboxApi.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ view: 'all', assigneeId: 'm2', assigned: 'yes', cursor: '' }),
    );
    await threadList.setFilters({ ...NO_FILTERS, assigned: 'no' });
    expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ assigneeId: '', assigned: 'no' }));
  });

  it('the query carries the client tag; signing another member in forgets every filter', async () => {
    inboxApi.page.mockResolvedValue(page(['t1']));
    await threadList.setFilters({ ...NO_FILTERS, clientTag: 'vip', brandId: 'b1' });
    expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ clientTag: 'vip', brandId: 'b1' }));
    threadList.clear();
    expect(threadList.filters).toEqual(NO_FILTERS);
  });

  it('a location in the sidebar shows its open conversations; again, every location', async () => {
    inboxApi.page.mockResolvedValue(page(['t1']));
    await threadList.show('mine');
    showBrand('b1');
    expect(threadList.view).toBe('all');
    expect(threadList.filters.brandId).toBe('b1');
    await vi.waitFor(() => expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ view: 'all', brandId: 'b1' })));
    showBrand('b1');
    expect(threadList.filters.brandId).toBe('');
  });

  it('an assignee filter starts over from the first page and clears the ticks', async () => {
    inboxApi.page.mockResolvedValueOnce(page(['t1', 't2'], 'cur'));
    await threadList.show('all');
    selection.selectAll(['t1']);
    inboxApi.page.mockResolvedValueOnce(page(['t2']));
    await threadList.setFilters({ ...NO_FILTERS, assigneeId: 'm2' });
    expect(inboxApi.page).toHaveBeenLastCalledWith(expect.objectContaining({ assigneeId: 'm2', cursor: '', limit: 50 }));
    expect(threadList.pages.ids).toEqual(['t2']);
    expect(threadList.pages.next).toBe('');
    expect(selection.size).toBe(0);
  });
});
