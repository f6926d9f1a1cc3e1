import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, threadApi, workspace } from '../test/fakeApi';
import { ana, camille, detail, marcus, status, thread, tom, zoe } from '../test/fixtures';
import { HuddleError, type Member, type Thread } from '../bridge';
import { openThread } from '../stores/openThread.svelte';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import ParticipantsPanel from './ParticipantsPanel.svelte';

// Marcus works at Old Town only and writes here as a participant; Tom (a Viewer) reads; Zoé
// watches. The thread is Riverside's (b1).
const withPeople = (): Thread =>
  thread({ id: 't1', brandId: 'b1', participants: { [marcus.id]: 'write', [tom.id]: 'read' }, watchers: [zoe.id] });

async function signIn(me: Member, th: Thread) {
  workspace.status.mockResolvedValue(status(me));
  await session.load();
  threadApi.open.mockResolvedValue(detail(th));
  await openThread.open(th.id);
}

const rowTexts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.name')?.textContent);

beforeEach(async () => {
  resetFakes();
  toasts.items = [];
  await signIn(ana, withPeople());
});

describe('ParticipantsPanel', () => {
  it('lists participants with their access, and watchers', () => {
    render(ParticipantsPanel, { thread: withPeople() });
    const participants = screen.getByRole('list', { name: 'Participants' });
    expect(rowTexts(participants)).toEqual(['Marcus Bell', 'Tom Hughes']);
    expect(within(participants).getByRole('combobox', { name: 'Access of Marcus Bell' })).toHaveValue('write');
    const toms = within(participants).getByRole('combobox', { name: 'Access of Tom Hughes' });
    expect(toms).toHaveValue('read');
    // A Viewer can never write.
    expect(within(toms).getByRole('option', { name: 'Can write' })).toBeDisabled();
    expect(rowTexts(screen.getByRole('list', { name: 'Watching' }))).toEqual(['Zoé Martin']);
  });

  it('says who sees the conversation when nobody else is in it', () => {
    render(ParticipantsPanel, { thread: thread({ id: 't1', brandId: 'b1' }) });
    expect(screen.getByText('Only teammates of Riverside see this conversation.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('adds a teammate as a read-only participant, then as a watcher', async () => {
    threadApi.setParticipant.mockResolvedValue(undefined);
    threadApi.setWatcher.mockResolvedValue(undefined);
    render(ParticipantsPanel, { thread: thread({ id: 't1', brandId: 'b1' }) });

    await fireEvent.click(screen.getByRole('button', { name: '+ Add teammate' }));
    let form = screen.getByRole('form', { name: 'Add a teammate' });
    await fireEvent.change(within(form).getByLabelText('Teammate'), { target: { value: tom.id } });
    // A Viewer is offered reading only.
    expect(within(form).getByLabelText('Add as')).toHaveValue('read');
    expect(within(form).getByRole('option', { name: 'Can write' })).toBeDisabled();
    expect(within(form).getByText('Tom Hughes is a Viewer, so they can only read.')).toBeInTheDocument();
    await fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await vi.waitFor(() => expect(threadApi.setParticipant).toHaveBeenCalledWith('t1', tom.id, 'read'));
    await vi.waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
    expect(toasts.items.map((t) => t.text)).toContain('Tom Hughes added as a participant (read-only).');

    await fireEvent.click(screen.getByRole('button', { name: '+ Add teammate' }));
    form = screen.getByRole('form', { name: 'Add a teammate' });
    await fireEvent.change(within(form).getByLabelText('Teammate'), { target: { value: tom.id } });
    await fireEvent.change(within(form).getByLabelText('Add as'), { target: { value: 'watch' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await vi.waitFor(() => expect(threadApi.setWatcher).toHaveBeenCalledWith('t1', tom.id, true));
    expect(threadApi.setParticipant).toHaveBeenCalledTimes(1);
  });

  it('offers Owners and Admins only as watchers, and an Agent write access first', async () => {
    render(ParticipantsPanel, { thread: thread({ id: 't1', brandId: 'b1' }) });
    await fireEvent.click(screen.getByRole('button', { name: '+ Add teammate' }));
    const form = screen.getByRole('form', { name: 'Add a teammate' });
    const teammate = within(form).getByLabelText('Teammate');
    // Everyone active but yourself.
    expect(within(teammate).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose…',
      'Camille Laurent',
      'Marcus Bell',
      'Tom Hughes',
      'Zoé Martin',
    ]);
    await fireEvent.change(teammate, { target: { value: camille.id } });
    expect(within(form).getByLabelText('Add as')).toHaveValue('watch');
    expect(within(form).getByRole('option', { name: 'Read-only' })).toBeDisabled();
    await fireEvent.change(teammate, { target: { value: marcus.id } });
    expect(within(form).getByLabelText('Add as')).toHaveValue('write');
  });

  it("shows the backend's sentence when an addition is refused, and keeps the form", async () => {
    threadApi.setParticipant.mockRejectedValueOnce(
      new HuddleError('invalid', 'Marcus Bell is deactivated.'),
    );
    render(ParticipantsPanel, { thread: thread({ id: 't1', brandId: 'b1' }) });
    await fireEvent.click(screen.getByRole('button', { name: '+ Add teammate' }));
    const form = screen.getByRole('form', { name: 'Add a teammate' });
    await fireEvent.change(within(form).getByLabelText('Teammate'), { target: { value: marcus.id } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text)).toContain('Marcus Bell is deactivated.'));
    expect(screen.getByRole('form', { name: 'Add a teammate' })).toBeInTheDocument();
  });

  it('changes access, and puts the old one back when refused', async () => {
    threadApi.setParticipant.mockResolvedValueOnce(undefined);
    render(ParticipantsPanel, { thread: withPeople() });
    const marcusAccess = screen.getByRole('combobox', { name: 'Access of Marcus Bell' });
    await fireEvent.change(marcusAccess, { target: { value: 'read' } });
    await vi.waitFor(() => expect(threadApi.setParticipant).toHaveBeenCalledWith('t1', marcus.id, 'read'));

    threadApi.setParticipant.mockRejectedValueOnce(
      new HuddleError('forbidden', 'Only teammates of Riverside can add people to its conversations.'),
    );
    const tomsAccess = screen.getByRole('combobox', { name: 'Access of Tom Hughes' });
    await fireEvent.change(tomsAccess, { target: { value: 'write' } });
    await vi.waitFor(() =>
      expect(toasts.items.map((t) => t.text)).toContain('Only teammates of Riverside can add people to its conversations.'),
    );
    expect(tomsAccess).toHaveValue('read');
  });

  it('removes a participant and a watcher', async () => {
    threadApi.removeParticipant.mockResolvedValue(undefined);
    threadApi.setWatcher.mockResolvedValue(undefined);
    render(ParticipantsPanel, { thread: withPeople() });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Tom Hughes from participants' }));
    await vi.waitFor(() => expect(threadApi.removeParticipant).toHaveBeenCalledWith('t1', tom.id));
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Remove Zoé Martin from watchers' })).toBeEnabled(),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Zoé Martin from watchers' }));
    await vi.waitFor(() => expect(threadApi.setWatcher).toHaveBeenCalledWith('t1', zoe.id, false));
  });

  it('is read-only for someone who does not work at the location', async () => {
    await signIn(marcus, withPeople());
    render(ParticipantsPanel, { thread: withPeople() });
    expect(screen.queryByRole('button', { name: '+ Add teammate' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove / })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    const participants = screen.getByRole('list', { name: 'Participants' });
    expect(within(participants).getByText('Can write')).toBeInTheDocument();
    expect(within(participants).getByText('Read-only')).toBeInTheDocument();
  });
});
