import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError, type Member } from '../bridge';
import { notifySettings } from '../stores/notifySettings.svelte';
import { session } from '../stores/session.svelte';
import { DEFAULT_PREFS, notifyApi, resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, deferred, status } from '../test/fixtures';
import TeamPage from './TeamPage.svelte';

async function signIn(me: Member) {
  workspace.status.mockResolvedValue(status(me));
  await session.load();
}

function section() {
  return screen.getByRole('region', { name: 'Notifications' });
}

async function mine() {
  return within(section()).findByRole('form', { name: 'Your notifications' });
}

beforeEach(() => {
  resetFakes();
  notifySettings.clear();
  notifyApi.setPrefs.mockResolvedValue(undefined);
  notifyApi.setWorkspaceQuiet.mockResolvedValue(undefined);
});

describe('Team page: Notifications', () => {
  it("shows the member's preferences and saves each change at once", async () => {
    await signIn(ana);
    render(TeamPage);
    const form = await mine();
    for (const name of ['Assigned to me', 'Mentions', 'New messages from clients', 'Only conversations assigned to me', 'Task reminders', 'Play a sound']) {
      expect(within(form).getByRole('checkbox', { name })).toBeChecked();
    }
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Mentions' }));
    await vi.waitFor(() => expect(notifyApi.setPrefs).toHaveBeenCalledWith({ ...DEFAULT_PREFS, mentions: false }));
    expect(notifySettings.prefs.value?.mentions).toBe(false);
  });

  it('turns "Only conversations assigned to me" off while new messages are off', async () => {
    await signIn(ana);
    render(TeamPage);
    const form = await mine();
    const only = within(form).getByRole('checkbox', { name: 'Only conversations assigned to me' });
    expect(only).toBeEnabled();
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'New messages from clients' }));
    expect(only).toBeDisabled();
    await vi.waitFor(() => expect(notifyApi.setPrefs).toHaveBeenLastCalledWith(expect.objectContaining({ messages: false })));
  });

  it('quiet hours start overnight when switched on, and a time changed is saved', async () => {
    await signIn(ana);
    render(TeamPage);
    const quiet = within(await mine()).getByRole('group', { name: 'Your quiet hours' });
    expect(within(quiet).getByLabelText('From')).toBeDisabled();
    await fireEvent.click(within(quiet).getByRole('checkbox', { name: 'Quiet hours' }));
    expect(within(quiet).getByLabelText('From')).toHaveValue('22:00');
    expect(within(quiet).getByLabelText('To')).toHaveValue('07:00');
    await vi.waitFor(() =>
      expect(notifyApi.setPrefs).toHaveBeenLastCalledWith({ ...DEFAULT_PREFS, quiet: { on: true, from: '22:00', to: '07:00' } }),
    );
    await fireEvent.change(within(quiet).getByLabelText('To'), { target: { value: '08:30' } });
    await vi.waitFor(() =>
      expect(notifyApi.setPrefs).toHaveBeenLastCalledWith(expect.objectContaining({ quiet: { on: true, from: '22:00', to: '08:30' } })),
    );
  });

  it('says what is missing before saving, and shows a refusal in Go\'s words until fixed', async () => {
    await signIn(ana);
    render(TeamPage);
    const form = await mine();
    const quiet = within(form).getByRole('group', { name: 'Your quiet hours' });
    await fireEvent.click(within(quiet).getByRole('checkbox', { name: 'Quiet hours' }));
    await vi.waitFor(() => expect(notifyApi.setPrefs).toHaveBeenCalledTimes(1));

    await fireEvent.change(within(quiet).getByLabelText('From'), { target: { value: '' } });
    expect(within(quiet).getByRole('alert')).toHaveTextContent('Enter when quiet hours start and when they end.');
    expect(notifyApi.setPrefs).toHaveBeenCalledTimes(1);

    notifyApi.setPrefs.mockRejectedValueOnce(new HuddleError('invalid', 'Quiet hours must start and end at different times.'));
    await fireEvent.change(within(quiet).getByLabelText('From'), { target: { value: '07:00' } });
    expect(await within(form).findByText('Quiet hours must start and end at different times.')).toHaveAttribute('role', 'alert');
    // The saved value is still the last one Go took.
    expect(notifySettings.prefs.value?.quiet).toEqual({ on: true, from: '22:00', to: '07:00' });

    await fireEvent.change(within(quiet).getByLabelText('From'), { target: { value: '21:00' } });
    await vi.waitFor(() => expect(within(form).queryByRole('alert')).not.toBeInTheDocument());
    expect(notifySettings.prefs.value?.quiet).toEqual({ on: true, from: '21:00', to: '07:00' });
  });

  it('saves one change after the other, so the last one made is kept', async () => {
    await signIn(ana);
    render(TeamPage);
    const form = await mine();
    const first = deferred<void>();
    notifyApi.setPrefs.mockReturnValueOnce(first.promise);
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Mentions' }));
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Play a sound' }));
    expect(notifyApi.setPrefs).toHaveBeenCalledTimes(1);
    first.resolve();
    await vi.waitFor(() => expect(notifyApi.setPrefs).toHaveBeenCalledTimes(2));
    expect(notifyApi.setPrefs).toHaveBeenLastCalledWith(expect.objectContaining({ mentions: false, sound: false }));
  });

  it('gives Owners and Admins the workspace quiet hours, which also hold scheduled messages', async () => {
    notifyApi.workspaceQuiet.mockResolvedValue({ on: true, from: '20:00', to: '08:00' });
    await signIn(camille);
    render(TeamPage);
    const form = await within(section()).findByRole('form', { name: 'Workspace quiet hours' });
    const quiet = await within(form).findByRole('group', { name: 'Workspace quiet hours' });
    expect(within(quiet).getByRole('checkbox', { name: 'Quiet hours' })).toBeChecked();
    expect(within(quiet).getByLabelText('From')).toHaveValue('20:00');
    expect(quiet).toHaveTextContent('scheduled messages are held');

    notifyApi.setWorkspaceQuiet.mockRejectedValueOnce(new HuddleError('forbidden', 'Only an Owner or Admin can set quiet hours.'));
    await fireEvent.change(within(quiet).getByLabelText('To'), { target: { value: '09:00' } });
    expect(notifyApi.setWorkspaceQuiet).toHaveBeenCalledWith({ on: true, from: '20:00', to: '09:00' });
    expect(await within(form).findByRole('alert')).toHaveTextContent('Only an Owner or Admin can set quiet hours.');
  });

  it('does not show Agents the workspace quiet hours', async () => {
    await signIn(ana);
    render(TeamPage);
    await mine();
    expect(within(section()).queryByRole('form', { name: 'Workspace quiet hours' })).not.toBeInTheDocument();
    expect(notifyApi.workspaceQuiet).not.toHaveBeenCalled();
  });
});
