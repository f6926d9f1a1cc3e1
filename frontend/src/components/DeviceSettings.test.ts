import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, syncApi, workspace } from '../test/fakeApi';
import { ana, camille, member, status } from '../test/fixtures';
import { HuddleError, type Member } from '../bridge';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import TeamPage from './TeamPage.svelte';

const admin = member({ id: 'm7', name: 'Ada Admin', role: 'admin' });

async function signIn(me: Member) {
  workspace.status.mockResolvedValue(status(me, [camille, ana, admin]));
  await session.load();
}

beforeEach(() => {
  resetFakes();
});

function devices() {
  return screen.getByRole('region', { name: 'Devices' });
}

describe('Team page: Devices', () => {
  it('lets the Owner invite, run the relay elsewhere and use another relay', async () => {
    await signIn(camille);
    syncApi.relaySetup.mockResolvedValueOnce({ trust: '{"operator":"eyJ"}', natsConfig: 'operator: eyJ', command: 'huddle relay --trust trust.json' });
    render(TeamPage);
    expect(within(devices()).getByTestId('invite-device')).toHaveTextContent('Invite a device');
    const expander = within(devices()).getByText('Run the relay on an always-on computer').closest('details')!;
    expander.open = true;
    await fireEvent(expander, new Event('toggle'));
    expect(await within(expander).findByDisplayValue('huddle relay --trust trust.json')).toBeInTheDocument();
    expect(within(expander).getByDisplayValue('{"operator":"eyJ"}')).toBeInTheDocument();
    expect(within(expander).getByText('operator: eyJ')).toBeInTheDocument();
    expect(syncApi.relaySetup).toHaveBeenCalledTimes(1);
    expect(within(devices()).getByRole('form', { name: 'Use another relay' })).toBeInTheDocument();
  });

  it('gives Admins invites and another relay, but not the relay set-up', async () => {
    await signIn(admin);
    render(TeamPage);
    expect(within(devices()).getByTestId('invite-device')).toBeInTheDocument();
    expect(within(devices()).queryByText('Run the relay on an always-on computer')).not.toBeInTheDocument();
    expect(within(devices()).getByText('Use another relay')).toBeInTheDocument();
  });

  it('is not shown to Agents', async () => {
    await signIn(ana);
    render(TeamPage);
    expect(screen.queryByRole('region', { name: 'Devices' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('invite-device')).not.toBeInTheDocument();
  });

  it('opens the invite dialog', async () => {
    await signIn(camille);
    render(TeamPage);
    await fireEvent.click(screen.getByTestId('invite-device'));
    expect(screen.getByRole('dialog', { name: 'Invite a device' })).toBeInTheDocument();
  });

  it('switches relay with the address and the pasted credentials, saying why when refused', async () => {
    await signIn(admin);
    render(TeamPage);
    const form = screen.getByRole('form', { name: 'Use another relay' });
    await fireEvent.click(within(form).getByRole('button', { name: 'Use this relay' }));
    expect(within(form).getByText('Enter the relay address, e.g. nats://relay.example.com:4222.')).toBeInTheDocument();

    syncApi.useRelay.mockRejectedValueOnce(new HuddleError('invalid', 'These credentials are not for this workspace.'));
    await fireEvent.input(within(form).getByLabelText(/^Relay address/), { target: { value: ' nats://box.local:4222 ' } });
    await fireEvent.input(within(form).getByLabelText('Credentials file (optional)'), { target: { value: '-----BEGIN NATS USER JWT-----' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Use this relay' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('These credentials are not for this workspace.');
    expect(syncApi.useRelay).toHaveBeenCalledWith('nats://box.local:4222', '-----BEGIN NATS USER JWT-----');

    syncApi.useRelay.mockResolvedValueOnce(undefined);
    await fireEvent.click(within(form).getByRole('button', { name: 'Use this relay' }));
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text)).toContain('This computer now syncs through nats://box.local:4222.'));
  });
});
