import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { inboxApi, resetFakes, threadApi, workspace } from '../test/fakeApi';
import { ana, detail, status, task, thread } from '../test/fixtures';
import { openThread } from '../stores/openThread.svelte';
import { session } from '../stores/session.svelte';
import ThreadSide from './ThreadSide.svelte';

const th = thread({ id: 't1', clientId: 'c1', clientName: 'Olivia Smith' });

beforeEach(async () => {
  resetFakes();
  openThread.close();
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
  inboxApi.page.mockResolvedValue({ threads: [], next: '' });
  threadApi.open.mockResolvedValue(
    detail(
      th,
      [],
      [task({ id: 'k1', title: 'Confirm Friday', threadId: 't1', clientId: 'c1' })],
      [
        task({ id: 'k2', title: 'Send the colour chart', threadId: 't9', clientId: 'c1' }),
        task({ id: 'k3', title: 'Call Olivia to rebook', clientId: 'c1' }),
        task({ id: 'k4', title: 'Already done', clientId: 'c1', done: true }),
      ],
    ),
  );
  await openThread.open('t1');
});

describe('ThreadSide', () => {
  it("lists this conversation's tasks, then the client's other open tasks", () => {
    render(ThreadSide, { thread: th });
    const here = screen.getByRole('region', { name: 'Tasks' });
    expect(within(here).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Confirm Friday'),
    ]);
    const others = screen.getByRole('region', { name: 'Other tasks for Olivia Smith' });
    const items = within(others).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.title')?.textContent)).toEqual([
      'Send the colour chart',
      'Call Olivia to rebook',
    ]);
    // Only a task with a conversation of its own links to it.
    expect(within(items[0]!).getByRole('button', { name: /^Open its conversation/ })).toBeInTheDocument();
    expect(within(items[1]!).queryByRole('button', { name: /^Open its conversation/ })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Participants' })).toBeInTheDocument();
  });

  it("opens another task's conversation", async () => {
    render(ThreadSide, { thread: th });
    threadApi.open.mockResolvedValue(detail(thread({ id: 't9' })));
    await fireEvent.click(screen.getByRole('button', { name: 'Open its conversation: Send the colour chart' }));
    await vi.waitFor(() => expect(threadApi.open).toHaveBeenLastCalledWith('t9'));
    await vi.waitFor(() => expect(openThread.id).toBe('t9'));
  });

  it('has no second group when the client has nothing else open', async () => {
    threadApi.open.mockResolvedValue(detail(th));
    await openThread.refresh();
    render(ThreadSide, { thread: th });
    expect(screen.queryByRole('region', { name: /^Other tasks/ })).not.toBeInTheDocument();
    expect(screen.getByText('No open tasks for this conversation.')).toBeInTheDocument();
  });
});
