import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
vi.mock('../bridge/events', () => ({
  EVENT_CHANGED: 'huddle:changed',
  EVENT_SYNC: 'huddle:sync',
  EVENT_PRESENCE: 'huddle:presence',
  onEvent: vi.fn(() => () => {}),
}));
import { onEvent } from '../bridge/events';
import { clientApi, inboxApi, resetFakes, scheduleApi, taskApi, threadApi, workspace } from '../test/fakeApi';
import { camille, detail, status, thread } from '../test/fixtures';
import type { Counts } from '../bridge';
import { viewCounts } from './counts.svelte';
import { onChanged, onPresence, onSync, routes, startLive } from './live';
import { openThread } from './openThread.svelte';
import { session } from './session.svelte';
import { taskList } from './taskList.svelte';
import { threadList } from './threadList.svelte';
import { clientList } from './clientList.svelte';
import { clientTags } from './clientTags.svelte';
import { sync } from './sync.svelte';

const counts = (all: number): Counts => ({
  mine: { total: 0, unread: 0 },
  mentioned: { total: 0, unread: 0 },
  unassigned: { total: 0, unread: 0 },
  all: { total: all, unread: 1 },
  resolved: { total: 0, unread: 0 },
  followed: { total: 0, unread: 0 },
});

const changed = (p: Partial<{ threads: string[]; clients: string[]; tasks: string[]; workspace: boolean }>) => ({
  threads: [],
  clients: [],
  tasks: [],
  workspace: false,
  remote: false,
  ...p,
});

beforeEach(async () => {
  resetFakes();
  openThread.close();
  threadList.clear();
  taskList.clear();
  clientList.clear();
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  inboxApi.page.mockResolvedValue({ threads: [thread({ id: 't1' })], next: '' });
  inboxApi.counts.mockResolvedValue(counts(1));
  threadApi.open.mockResolvedValue(detail(thread({ id: 't1' })));
  await threadList.show('all');
  inboxApi.page.mockClear();
});

describe('live updates', () => {
  it('routes huddle:changed, huddle:sync and huddle:presence and subscribes every route', () => {
    expect(Object.keys(routes)).toEqual(['huddle:changed', 'huddle:sync', 'huddle:presence']);
    const off = startLive();
    for (const name of Object.keys(routes)) expect(onEvent).toHaveBeenCalledWith(name, expect.any(Function));
    off();
  });

  it('a thread change refreshes the counts, the visible list and the open thread', async () => {
    await openThread.open('t1');
    threadApi.open.mockClear();
    inboxApi.counts.mockResolvedValueOnce(counts(7));
    await Promise.all(onChanged(changed({ threads: ['t1'] })));
    expect(viewCounts.counts.all).toEqual({ total: 7, unread: 1 });
    expect(inboxApi.page).toHaveBeenCalledTimes(1);
    expect(threadApi.open).toHaveBeenCalledWith('t1');
  });

  it('a thread change refreshes the open count of each location; a client change, the client tags', async () => {
    inboxApi.brandCounts.mockResolvedValueOnce({ b1: 4 });
    await Promise.all(onChanged(changed({ threads: ['t1'] })));
    expect(viewCounts.brands).toEqual({ b1: 4 });
    expect(inboxApi.clientTags).not.toHaveBeenCalled();

    inboxApi.clientTags.mockResolvedValueOnce(['vip']);
    await Promise.all(onChanged(changed({ clients: ['c1'] })));
    expect(clientTags.list).toEqual(['vip']);
  });

  it('a thread change re-reads the scheduled replies (the sidebar counts them); a task change does not', async () => {
    await Promise.all(onChanged(changed({ threads: ['t2'] })));
    expect(scheduleApi.list).toHaveBeenCalledTimes(1);
    await Promise.all(onChanged(changed({ tasks: ['k1'] })));
    expect(scheduleApi.list).toHaveBeenCalledTimes(1);
  });

  it('a change to another thread leaves the open one alone', async () => {
    await openThread.open('t1');
    threadApi.open.mockClear();
    await Promise.all(onChanged(changed({ threads: ['t2'] })));
    expect(inboxApi.page).toHaveBeenCalledTimes(1);
    expect(threadApi.open).not.toHaveBeenCalled();
  });

  it('a task change refreshes the task list (once opened) and the open thread, not the inbox', async () => {
    await openThread.open('t1');
    taskApi.list.mockResolvedValue({ tasks: [], next: '' });
    await taskList.show('mine', camille.id);
    taskApi.list.mockClear();
    threadApi.open.mockClear();
    await Promise.all(onChanged(changed({ tasks: ['k1'] })));
    expect(taskApi.list).toHaveBeenCalledTimes(1);
    expect(threadApi.open).toHaveBeenCalledTimes(1);
    expect(inboxApi.page).not.toHaveBeenCalled();
    expect(clientApi.list).not.toHaveBeenCalled();
  });

  it('a workspace change reloads the team as well', async () => {
    workspace.status.mockClear();
    await Promise.all(onChanged(changed({ workspace: true })));
    expect(workspace.status).toHaveBeenCalledTimes(1);
    expect(inboxApi.counts).toHaveBeenCalled();
  });

  it('does nothing before the workspace is set up', async () => {
    workspace.status.mockResolvedValueOnce({ ready: false } as never);
    await session.load();
    inboxApi.counts.mockClear();
    expect(onChanged(changed({ threads: ['t1'] }))).toEqual([]);
    expect(inboxApi.counts).not.toHaveBeenCalled();
  });
});

describe('sync events', () => {
  beforeEach(() => sync.reset());

  it('huddle:sync and huddle:presence replace the sync store', () => {
    expect(onSync({ state: 'offline', waiting: 4 })).toEqual([]);
    expect(sync.status.state).toBe('offline');
    expect(sync.status.waiting).toBe(4);
    onPresence([{ deviceId: 'd1', deviceName: 'Desk', memberId: 'm2', state: 'away', since: 1 }]);
    expect(sync.presenceOf('m2')).toBe('away');
  });

  it('a joining device reloads the session when its workspace arrives', async () => {
    workspace.status.mockResolvedValueOnce({ ready: false } as never);
    await session.load();
    expect(session.state).toBe('setup');
    workspace.status.mockClear();
    expect(onChanged(changed({ threads: ['t1'] }))).toEqual([]);
    workspace.status.mockResolvedValueOnce({ hasWorkspace: true, ready: false, workspace: status(camille).workspace, teammates: [camille] } as never);
    await Promise.all(onChanged(changed({ workspace: true })));
    expect(workspace.status).toHaveBeenCalledTimes(1);
    expect(session.state).toBe('pick');
  });

  it('a joining device looks for its workspace once it has caught up with the relay', async () => {
    workspace.status.mockResolvedValueOnce({ ready: false } as never);
    await session.load();
    workspace.status.mockClear();
    workspace.status.mockResolvedValue({ ready: false } as never);
    expect(onSync({ state: 'online', catchUp: { done: 10, total: 50 } })).toEqual([]);
    await Promise.all(onSync({ state: 'online', catchUp: null }));
    expect(workspace.status).toHaveBeenCalledTimes(1);
  });
});
