import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { SyncStatus as Status } from '../bridge';
import { now } from '../stores/clock.svelte';
import { SYNC_OFF, sync } from '../stores/sync.svelte';
import SyncStatus from './SyncStatus.svelte';

const status = (p: Partial<Status>): Status => ({ ...SYNC_OFF, relay: 'nats://192.168.1.20:4222', ...p });

beforeEach(() => {
  sync.reset();
});

describe('SyncStatus', () => {
  it.each([
    [status({ state: 'online' }), 'Synced'],
    [status({ state: 'online', waiting: 2 }), 'Syncing…'],
    [status({ state: 'offline', waiting: 12 }), 'Offline — 12 changes waiting'],
    [status({ state: 'connecting' }), 'Connecting…'],
    [status({ state: 'off', relay: '' }), 'Sync off'],
  ])('says %#: %s', (s, words) => {
    sync.applyStatus(s);
    render(SyncStatus);
    const el = screen.getByTestId('sync-status');
    expect(el).toHaveTextContent(words);
    expect(el).toHaveAttribute('data-state', s.state);
  });

  it('marks what is waiting only while changes cannot leave', async () => {
    sync.applyStatus(status({ state: 'offline', waiting: 1234 }));
    render(SyncStatus);
    expect(screen.getByTestId('sync-waiting')).toHaveTextContent('1,234 changes waiting');
    sync.applyStatus(status({ state: 'online', waiting: 3 }));
    await vi.waitFor(() => expect(screen.queryByTestId('sync-waiting')).not.toBeInTheDocument());
  });

  it('shows the catch-up progress while it lasts', async () => {
    sync.applyStatus(status({ state: 'online', catchUp: { done: 1234, total: 5000 } }));
    render(SyncStatus);
    expect(screen.getByTestId('sync-progress')).toHaveTextContent('Catching up… 1,234 of 5,000');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1234');
    sync.applyStatus(status({ state: 'online' }));
    await vi.waitFor(() => expect(screen.queryByTestId('sync-progress')).not.toBeInTheDocument());
  });

  it('opens the details: relay, hosting, last synced, the problem and what was set aside', async () => {
    sync.applyStatus(
      status({
        state: 'offline',
        hosting: true,
        waiting: 3,
        lastSynced: now.ms - 2 * 60_000,
        problem: 'The relay refused this computer. Ask an Owner for a new invite.',
        quarantined: 2,
        parked: 1,
      }),
    );
    render(SyncStatus);
    await fireEvent.click(screen.getByTestId('sync-status'));
    const details = screen.getByRole('dialog', { name: 'Sync details' });
    expect(details).toHaveTextContent('nats://192.168.1.20:4222');
    expect(details).toHaveTextContent('This computer hosts the relay.');
    expect(details).toHaveTextContent('Last synced 2 min ago');
    expect(details).toHaveTextContent('3 changes waiting');
    expect(details).toHaveTextContent('The relay refused this computer. Ask an Owner for a new invite.');
    expect(details).toHaveTextContent('2 changes from other computers could not be read and were set aside.');
    expect(details).toHaveTextContent('1 change is waiting for earlier changes to arrive');
    await fireEvent.keyDown(details, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('leaves out hosting and the counts set aside when there are none', async () => {
    sync.applyStatus(status({ state: 'online' }));
    render(SyncStatus);
    await fireEvent.click(screen.getByTestId('sync-status'));
    const details = screen.getByRole('dialog', { name: 'Sync details' });
    expect(details).toHaveTextContent('Last synced Not yet');
    expect(details).not.toHaveTextContent('hosts the relay');
    expect(details).not.toHaveTextContent('set aside');
  });
});
