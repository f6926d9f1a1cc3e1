import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { inboxApi, resetFakes } from '../test/fakeApi';
import { thread } from '../test/fixtures';
import { selection } from './selection.svelte';
import { NO_FILTERS, threadList } from './threadList.svelte';

const order = ['t1', 't2', 't3', 't4', 't5'];
const ticked = () => [...selection.ids].sort();

beforeEach(() => {
  resetFakes();
  selection.clear();
});

describe('selection', () => {
  it('a click flips one row', () => {
    selection.click('t2', order, false);
    selection.click('t4', order, false);
    expect(ticked()).toEqual(['t2', 't4']);
    selection.click('t2', order, false);
    expect(ticked()).toEqual(['t4']);
    expect(selection.size).toBe(1);
  });

  it('a shift-click ticks every row from the last click to this one, in either direction', () => {
    selection.click('t2', order, false);
    selection.click('t4', order, true);
    expect(ticked()).toEqual(['t2', 't3', 't4']);
    selection.clear();
    selection.click('t5', order, false);
    selection.click('t3', order, true);
    expect(ticked()).toEqual(['t3', 't4', 't5']);
  });

  it('a shift-click on a ticked row unticks the range', () => {
    selection.selectAll(order);
    selection.click('t1', order, false); // unticks t1, anchors there
    selection.click('t3', order, true); // t3 was ticked: the range goes off
    expect(ticked()).toEqual(['t4', 't5']);
  });

  it('a shift-click with no earlier click, or an anchor no longer listed, flips one row', () => {
    selection.click('t3', order, true);
    expect(ticked()).toEqual(['t3']);
    selection.click('t1', ['t1', 't2'], true); // anchor t3 is not in this order
    expect(ticked()).toEqual(['t1', 't3']);
  });

  it('the thread list clears it when the view or the filters change', async () => {
    inboxApi.page.mockResolvedValue({ threads: [thread({ id: 't1' })], next: '' });
    await threadList.show('all');
    selection.selectAll(['t1']);
    await threadList.show('all'); // same view: a refresh keeps the ticks
    expect(selection.size).toBe(1);
    await threadList.show('mine');
    expect(selection.size).toBe(0);
    selection.selectAll(['t1']);
    await threadList.setFilters({ ...NO_FILTERS, brandId: 'b1' });
    expect(selection.size).toBe(0);
  });

  it('a refresh unticks the rows that left the list', async () => {
    inboxApi.page.mockResolvedValue({ threads: [thread({ id: 't1' }), thread({ id: 't2' })], next: '' });
    await threadList.setFilters(NO_FILTERS);
    selection.selectAll(['t1', 't2']);
    inboxApi.page.mockResolvedValue({ threads: [thread({ id: 't2' })], next: '' }); // t1 resolved elsewhere
    await threadList.refresh();
    expect(ticked()).toEqual(['t2']);
  });
});
