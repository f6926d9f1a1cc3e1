import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen } from '@testing-library/svelte';
import { resetFakes, syncApi } from '../test/fakeApi';
import { HuddleError } from '../bridge';
import { SYNC_OFF, sync } from '../stores/sync.svelte';
import FirstRun from './FirstRun.svelte';

beforeEach(() => {
  resetFakes();
  sync.reset();
});

async function openJoin() {
  render(FirstRun);
  await fireEvent.click(screen.getByTestId('join-workspace'));
  return screen.getByTestId('join-code') as HTMLTextAreaElement;
}

describe('FirstRun', () => {
  it('starts on creating a workspace, with joining one a click away', async () => {
    render(FirstRun);
    expect(screen.getByRole('button', { name: 'Create workspace' })).toBeInTheDocument();
    expect(screen.queryByTestId('join-code')).not.toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('join-workspace'));
    expect(screen.getByTestId('join-workspace')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('join-code')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create workspace' })).not.toBeInTheDocument();
  });

  it('asks for a code before calling Go', async () => {
    await openJoin();
    await fireEvent.click(screen.getByTestId('join-submit'));
    expect(screen.getByText('Paste the invite code you were given.')).toBeInTheDocument();
    expect(syncApi.join).not.toHaveBeenCalled();
  });

  it("shows a refused code's sentence under the box and keeps the code", async () => {
    const box = await openJoin();
    syncApi.join.mockRejectedValueOnce(new HuddleError('invalid', 'This invite code has already been used. Ask for a new one.'));
    await fireEvent.input(box, { target: { value: '  HUDDLE1-abc  ' } });
    await fireEvent.click(screen.getByTestId('join-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This invite code has already been used. Ask for a new one.');
    expect(syncApi.join).toHaveBeenCalledWith('HUDDLE1-abc');
    expect(box.value).toBe('  HUDDLE1-abc  ');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('join-progress')).not.toBeInTheDocument();
  });

  it('after a join, shows the catch-up and what stops it, until the workspace arrives', async () => {
    const box = await openJoin();
    syncApi.join.mockResolvedValueOnce(undefined);
    syncApi.status.mockResolvedValueOnce({ ...SYNC_OFF, state: 'connecting', relay: 'nats://10.0.0.5:4222' });
    await fireEvent.input(box, { target: { value: 'HUDDLE1-abc' } });
    await fireEvent.click(screen.getByTestId('join-submit'));
    expect(await screen.findByRole('heading', { name: "Joining your team's workspace…" })).toBeInTheDocument();
    expect(screen.getByTestId('join-progress')).toHaveTextContent('Catching up…');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Connecting to the relay…'));

    sync.applyStatus({ ...SYNC_OFF, state: 'online', catchUp: { done: 1234, total: 5000 } });
    await vi.waitFor(() => expect(screen.getByTestId('join-progress')).toHaveTextContent('Catching up… 1,234 of 5,000'));

    sync.applyStatus({ ...SYNC_OFF, state: 'offline', problem: 'The relay at 10.0.0.5 cannot be reached.' });
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The relay at 10.0.0.5 cannot be reached.'));
  });

  it('picks up an interrupted join after a restart, and can go back to another code', async () => {
    sync.applyStatus({ ...SYNC_OFF, state: 'connecting' });
    render(FirstRun);
    expect(screen.getByTestId('join-progress')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Use a different code' }));
    expect(screen.getByTestId('join-code')).toBeInTheDocument();
  });
});
