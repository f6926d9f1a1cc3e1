import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { inboxApi, resetFakes, workspace } from '../test/fakeApi';
import { camille, status, thread } from '../test/fixtures';
import { selection } from '../stores/selection.svelte';
import { session } from '../stores/session.svelte';
import { NO_FILTERS, threadList } from '../stores/threadList.svelte';
import { toasts } from '../stores/toasts.svelte';
import ThreadList from './ThreadList.svelte';

const names = ['Amelia Smith', 'Bea Jones', 'Cara Brown', 'Dina Patel', 'Eve Khan'];

beforeEach(async () => {
  resetFakes();
  selection.clear();
  toasts.items = [];
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  threadList.filters = NO_FILTERS;
  inboxApi.page.mockResolvedValue({
    // The last one is at Old Town (b2), which Ana cannot reach.
    threads: names.map((clientName, i) => thread({ id: `t${i + 1}`, clientName, brandId: i === 4 ? 'b2' : 'b1' })),
    next: '',
  });
  await threadList.show('mine');
  await threadList.show('all');
});

const box = (name: string) => screen.getByRole('checkbox', { name: `Select conversation with ${name}` });

describe('ThreadList bulk selection', () => {
  it('a shift-click ticks the range from the last ticked row, and the bar counts it', async () => {
    render(ThreadList);
    await fireEvent.click(box('Bea Jones'));
    await fireEvent.click(box('Dina Patel'), { shiftKey: true });

    expect(names.map((n) => (box(n) as HTMLInputElement).checked)).toEqual([false, true, true, true, false]);
    expect(within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByText('3 selected')).toBeInTheDocument();
    const all = screen.getByRole('checkbox', { name: 'Select all loaded conversations' }) as HTMLInputElement;
    expect(all.indeterminate).toBe(true);

    await fireEvent.click(all);
    expect(selection.size).toBe(5);
    await fireEvent.click(all);
    expect(selection.size).toBe(0);
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).not.toBeInTheDocument();
  });

  it('bulk assign says how many were skipped because the assignee cannot access them', async () => {
    inboxApi.bulkAssign.mockResolvedValue({ assigned: ['t4'], skipped: ['t5'] });
    render(ThreadList);
    await fireEvent.click(box('Dina Patel'));
    await fireEvent.click(box('Eve Khan'), { shiftKey: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Assign to…' }));
    const menu = screen.getByRole('menu', { name: 'Assign to' });
    // Ana works at b1 only: offered, with a hint that the Old Town row will be skipped.
    await fireEvent.click(within(menu).getByRole('menuitem', { name: /Ana Diaz/ }));

    expect(inboxApi.bulkAssign).toHaveBeenCalledWith(['t4', 't5'], 'm2');
    await vi.waitFor(() =>
      expect(toasts.items.map((t) => t.text)).toEqual(['Assigned 1 conversation to Ana Diaz. 1 skipped: Ana Diaz cannot access it.']),
    );
    expect(selection.size).toBe(0);
  });
});

describe('ThreadList filters', () => {
  const lastQuery = () => inboxApi.page.mock.lastCall?.[0];

  it('filters by an active teammate, and "unassigned" drops the teammate', async () => {
    render(ThreadList);
    const assignee = screen.getByRole('combobox', { name: 'Filter by assignee' });
    const options = within(assignee).getAllByRole('option').map((o) => o.textContent);
    expect(options).toContain('Ana Diaz');
    expect(options).not.toContain('Greg Old'); // switched off

    await fireEvent.change(assignee, { target: { value: 'm2' } });
    await vi.waitFor(() => expect(lastQuery()).toEqual(expect.objectContaining({ assigneeId: 'm2', assigned: '', cursor: '' })));

    await fireEvent.change(screen.getByRole('combobox', { name: 'Filter by assignment' }), { target: { value: 'no' } });
    await vi.waitFor(() => expect(lastQuery()).toEqual(expect.objectContaining({ assigneeId: '', assigned: 'no' })));
  });
});
