import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen } from '@testing-library/svelte';
import { resetFakes, syncApi } from '../test/fakeApi';
import { HuddleError } from '../bridge';
import InviteDialog from './InviteDialog.svelte';

const invite = { code: 'HUDDLE1-xyz', relay: ['nats://192.168.1.20:4222', 'nats://10.8.0.2:4222'], workspace: 'Maison Lumière' };

beforeEach(() => {
  resetFakes();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function create(name: string) {
  render(InviteDialog, { onclose: () => {} });
  await fireEvent.input(screen.getByLabelText(/^Device name/), { target: { value: name } });
  await fireEvent.click(screen.getByRole('button', { name: 'Create invite code' }));
}

describe('InviteDialog', () => {
  it('needs a name for the new computer', async () => {
    await create('  ');
    expect(screen.getByText('Enter a name for the new computer, e.g. Front desk laptop.')).toBeInTheDocument();
    expect(syncApi.invite).not.toHaveBeenCalled();
  });

  it('shows the code, where it points and how to use it', async () => {
    syncApi.invite.mockResolvedValueOnce(invite);
    await create('Front desk laptop');
    expect(syncApi.invite).toHaveBeenCalledWith('Front desk laptop');
    const code = (await screen.findByTestId('invite-code')) as HTMLTextAreaElement;
    expect(code.value).toBe('HUDDLE1-xyz');
    expect(code).toHaveAttribute('readonly');
    expect(screen.getByText('nats://10.8.0.2:4222')).toBeInTheDocument();
    expect(
      screen.getByText("On the new computer, open Huddle, choose 'Join a workspace' and paste this code. Each code lets one device in."),
    ).toBeInTheDocument();
  });

  it("says why an invite is refused, in the backend's words", async () => {
    syncApi.invite.mockRejectedValueOnce(new HuddleError('forbidden', 'Owners and Admins can do this; ask them.'));
    await create('Front desk laptop');
    expect(await screen.findByRole('alert')).toHaveTextContent('Owners and Admins can do this; ask them.');
  });

  it('copies the code, or selects it where the clipboard is out of reach', async () => {
    syncApi.invite.mockResolvedValue(invite);
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await create('Front desk laptop');
    await fireEvent.click(await screen.findByRole('button', { name: /^Copy/ }));
    expect(writeText).toHaveBeenCalledWith('HUDDLE1-xyz');
    expect(await screen.findByRole('button', { name: /^Copy/ })).toHaveTextContent('Copied');

    writeText.mockRejectedValueOnce(new Error('denied'));
    await fireEvent.click(screen.getByRole('button', { name: /^Copy/ }));
    expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
    const box = screen.getByTestId('invite-code') as HTMLTextAreaElement;
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, 'HUDDLE1-xyz'.length]);
  });
});
