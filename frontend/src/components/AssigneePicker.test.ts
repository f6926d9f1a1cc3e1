import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, threadApi, workspace } from '../test/fakeApi';
import { ana, camille, detail, status, thread, zoe } from '../test/fixtures';
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

  it('opens with the caret in the search field, which filters by name, accents aside', async () => {
    render(AssigneePicker, { thread: thread({ id: 't1', brandId: 'b1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    const search = screen.getByRole('combobox', { name: 'Search teammates' });
    expect(search).toHaveFocus();

    await fireEvent.input(search, { target: { value: 'zoe' } });
    const list = screen.getByRole('listbox', { name: 'Assign to' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'ZM Zoé Martin',
      'Unassign',
    ]);

    await fireEvent.input(search, { target: { value: 'nobody here' } });
    expect(within(list).getByText('No teammate matches “nobody here”.')).toBeInTheDocument();
    expect(within(list).getAllByRole('option').map((o) => o.textContent?.trim())).toEqual(['Unassign']);
  });

  it('picks with the keyboard: the arrows move over who can take it, Enter assigns', async () => {
    threadApi.assign.mockResolvedValue(undefined);
    render(AssigneePicker, { thread: thread({ id: 't1', brandId: 'b1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    const search = screen.getByRole('combobox', { name: 'Search teammates' });
    const active = () => document.getElementById(search.getAttribute('aria-activedescendant') ?? '')?.textContent;
    // Before any typing the current assignee is the one Enter would pick.
    expect(active()).toContain('Camille Laurent');
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(active()).toContain('Zoé Martin');
    // Marcus (no access) and Tom (Viewer) are skipped: next comes Unassign, then the top.
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(active()).toContain('Unassign');
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(active()).toContain('Ana Diaz');
    await fireEvent.keyDown(search, { key: 'ArrowUp' });
    expect(active()).toContain('Unassign');

    // Typing makes the first match the one Enter picks.
    await fireEvent.input(search, { target: { value: 'ma' } });
    expect(active()).toContain('Zoé Martin');
    await fireEvent.keyDown(search, { key: 'Enter' });
    await vi.waitFor(() => expect(threadApi.assign).toHaveBeenCalledWith('t1', zoe.id));
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Assignee/ })).toHaveFocus();
  });

  it('does not pick anything with Enter when nothing matches', async () => {
    render(AssigneePicker, { thread: thread({ id: 't1', brandId: 'b1', assigneeId: camille.id }) });
    await fireEvent.click(screen.getByRole('button', { name: /^Assignee/ }));
    const search = screen.getByRole('combobox', { name: 'Search teammates' });
    await fireEvent.input(search, { target: { value: 'marcus' } });
    expect(search).not.toHaveAttribute('aria-activedescendant');
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(threadApi.assign).not.toHaveBeenCalled();
    expect(screen.getByRole('listbox', { name: 'Assign to' })).toBeInTheDocument();
  });

  it('closes on Escape and gives the focus back to the button', async () => {
    render(AssigneePicker, { thread: thread({ id: 't1', assigneeId: camille.id }) });
    const button = screen.getByRole('button', { name: /^Assignee/ });
    await fireEvent.click(button);
    await fireEvent.keyDown(screen.getByRole('combobox', { name: 'Search teammates' }), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(threadApi.assign).not.toHaveBeenCalled();
  });
});
