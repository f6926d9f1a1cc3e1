import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, threadApi, workspace } from '../test/fakeApi';
import { ana, camille, detail, status, thread } from '../test/fixtures';
import { HuddleError } from '../bridge';
import { openThread } from '../stores/openThread.svelte';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import AssigneePicker from './AssigneePicker.svelte';

beforeEach(async () => {
  resetFakes();
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
  threadApi.open.mockResolvedValue(detail(thread({ id: 't1', assigneeId: camille.id })));
  await openThread.open('t1');
});

describe('AssigneePicker', () => {
  it('lists assignable teammates first (you on top), the others disabled, and Unassign last', async () => {
    render(AssigneePicker, { thread: thread({ id: 't1', brandId: 'b1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: 'Assignee: Camille Laurent' }));
    const options = within(screen.getByRole('listbox', { name: 'Assign to' })).getAllByRole('option');
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'AD Ana Diaz (you)',
      'CL Camille Laurent',
      'ZM Zoé Martin',
      'MB Marcus Bell No access to Riverside',
      'TH Tom Hughes Viewers cannot be assigned',
      'Unassign',
    ]);
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(options[3]).toHaveAttribute('aria-disabled', 'true');
    expect(options[4]).toHaveAttribute('aria-disabled', 'true');
    expect(options[5]).not.toHaveAttribute('aria-disabled');
  });

  it('assigns the picked teammate, and Unassign clears it', async () => {
    threadApi.assign.mockResolvedValue(undefined);
    render(AssigneePicker, { thread: thread({ id: 't1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    await fireEvent.click(screen.getByRole('option', { name: /Zoé Martin/ }));
    await vi.waitFor(() => expect(threadApi.assign).toHaveBeenCalledWith('t1', 'm3'));
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    await fireEvent.click(screen.getByRole('option', { name: 'Unassign' }));
    await vi.waitFor(() => expect(threadApi.assign).toHaveBeenLastCalledWith('t1', ''));
  });

  it('does nothing for a teammate who cannot take the thread', async () => {
    render(AssigneePicker, { thread: thread({ id: 't1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    await fireEvent.click(screen.getByRole('option', { name: /Marcus Bell/ }));
    expect(threadApi.assign).not.toHaveBeenCalled();
  });

  it("shows the backend's sentence when the assignment is refused", async () => {
    threadApi.assign.mockRejectedValueOnce(new HuddleError('forbidden', 'Zoé cannot see clients of Riverside.'));
    render(AssigneePicker, { thread: thread({ id: 't1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    await fireEvent.click(screen.getByRole('option', { name: /Zoé Martin/ }));
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text)).toContain('Zoé cannot see clients of Riverside.'));
  });
});
