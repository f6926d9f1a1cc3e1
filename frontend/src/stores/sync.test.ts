import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { resetFakes, syncApi } from '../test/fakeApi';
import { deferred } from '../test/fixtures';
import { HuddleError, type Presence, type SyncStatus } from '../bridge';
import { SYNC_OFF, sync } from './sync.svelte';

const online = (p: Partial<SyncStatus> = {}): SyncStatus => ({ ...SYNC_OFF, state: 'online', relay: 'nats://10.0.0.5:4222', ...p });
const device = (deviceId: string, memberId: string, state: Presence['state'] = 'online'): Presence => ({
  deviceId,
  deviceName: deviceId,
  memberId,
  state,
  since: 1_700_000_000_000,
});

beforeEach(() => {
  resetFakes();
  sync.reset();
});

describe('sync store', () => {
  it('loads the status and who is online', async () => {
    syncApi.status.mockResolvedValueOnce(online({ waiting: 2 }));
    syncApi.online.mockResolvedValueOnce([device('d1', 'm1')]);
    await sync.load();
    expect(sync.status.state).toBe('online');
    expect(sync.status.waiting).toBe(2);
    expect(sync.presenceOf('m1')).toBe('online');
  });

  it('shows a member once however many devices they use, online if any device is', () => {
    sync.applyPresence([device('d1', 'm2', 'away'), device('d2', 'm2', 'online'), device('d3', 'm3', 'away')]);
    expect([...sync.members]).toEqual([
      ['m2', 'online'],
      ['m3', 'away'],
    ]);
    expect(sync.presenceOf('m4')).toBeUndefined();
  });

  it('leaves out devices where nobody has signed in yet', () => {
    sync.applyPresence([device('d1', ''), device('d2', 'm2')]);
    expect([...sync.members.keys()]).toEqual(['m2']);
  });

  it('an event beats a load that answers after it', async () => {
    const slow = deferred<SyncStatus>();
    syncApi.status.mockReturnValueOnce(slow.promise);
    const loading = sync.loadStatus();
    sync.applyStatus(online({ state: 'offline', waiting: 12 }));
    slow.resolve(online());
    await loading;
    expect(sync.status.state).toBe('offline');
    expect(sync.status.waiting).toBe(12);
  });

  it('reads any payload safely: missing fields are zero, catch-up null, an unknown state off', () => {
    sync.applyStatus({ state: 'online', catchUp: { done: 5, total: 10 } });
    expect(sync.status).toEqual({ ...SYNC_OFF, state: 'online', catchUp: { done: 5, total: 10 } });
    sync.applyStatus({ state: 'rebooting' });
    expect(sync.status.state).toBe('off');
    sync.applyStatus(null);
    expect(sync.status).toEqual(SYNC_OFF);
    sync.applyPresence('nonsense');
    expect(sync.devices).toEqual([]);
  });

  it('joins with a code, then re-reads the status', async () => {
    syncApi.join.mockResolvedValueOnce(undefined);
    syncApi.status.mockResolvedValueOnce(online({ state: 'connecting' }));
    await sync.join('HUDDLE-CODE');
    expect(syncApi.join).toHaveBeenCalledWith('HUDDLE-CODE');
    await vi.waitFor(() => expect(sync.status.state).toBe('connecting'));
  });

  it("passes a refused join on with the backend's sentence", async () => {
    syncApi.join.mockRejectedValueOnce(new HuddleError('invalid', 'This invite code has already been used.'));
    await expect(sync.join('OLD')).rejects.toThrow('This invite code has already been used.');
    expect(syncApi.status).not.toHaveBeenCalled();
  });
});
