import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
vi.mock('../bridge/events', () => ({
  EVENT_CHANGED: 'huddle:changed',
  EVENT_SYNC: 'huddle:sync',
  EVENT_PRESENCE: 'huddle:presence',
  onEvent: vi.fn(() => () => {}),
}));
import { inboxApi, queueApi, resetFakes, workspace } from '../test/fakeApi';
import { camille, deferred, status } from '../test/fixtures';
import type { MemberLoad, Queue } from '../bridge';
import { onChanged } from './live';
import { session } from './session.svelte';
import { averageLoad, barWidth, loadMark, teamQueue } from './teamQueue.svelte';

const load = (memberId: string, open: number, assignable = true): MemberLoad => ({
  memberId,
  assignable,
  open,
  unread: 0,
  overdue: 0,
  overdueMore: false,
});

const queue = (...members: MemberLoad[]): Queue => ({ members, unassigned: { total: 0, unread: 0 }, brands: [] });

const changed = (p: Partial<{ threads: string[]; tasks: string[]; clients: string[]; workspace: boolean }>) => ({
  threads: [],
  clients: [],
  tasks: [],
  workspace: false,
  remote: false,
  ...p,
});

beforeEach(async () => {
  resetFakes();
  teamQueue.hide();
  teamQueue.clear();
  workspace.status.mockResolvedValue(status(camille));
  inboxApi.counts.mockResolvedValue({} as never);
  await session.load();
});

describe('load rule', () => {
  it('averages over those who can be assigned work, Viewers left out', () => {
    expect(averageLoad([load('a', 6), load('b', 2), load('v', 0, false)])).toBe(4);
    expect(averageLoad([load('v', 0, false)])).toBe(0);
    expect(averageLoad([])).toBe(0);
  });

  it('marks over above 1.5x the average and under below 0.5x, nothing in between or at the edges', () => {
    expect(loadMark(16, 10)).toBe('over');
    expect(loadMark(15, 10)).toBe('');
    expect(loadMark(10, 10)).toBe('');
    expect(loadMark(5, 10)).toBe('');
    expect(loadMark(4, 10)).toBe('under');
    expect(loadMark(0, 10)).toBe('under');
    // Nobody holds anything: nobody stands out.
    expect(loadMark(0, 0)).toBe('');
  });

  it('scales bars so the average sits in the middle and twice the average fills the track', () => {
    expect(barWidth(5, 10)).toBe(25);
    expect(barWidth(10, 10)).toBe(50);
    expect(barWidth(20, 10)).toBe(100);
    expect(barWidth(50, 10)).toBe(100);
    expect(barWidth(0, 0)).toBe(0);
  });
});

describe('teamQueue', () => {
  it('reads the queue when shown and derives the average', async () => {
    queueApi.load.mockResolvedValueOnce(queue(load('m1', 3), load('m2', 1)));
    await teamQueue.show();
    expect(teamQueue.queue?.members).toHaveLength(2);
    expect(teamQueue.average).toBe(2);
  });

  it('does not read while hidden', async () => {
    await teamQueue.refresh();
    expect(queueApi.load).not.toHaveBeenCalled();
  });

  it('keeps the newest answer when two reads cross', async () => {
    const older = deferred<Queue>();
    queueApi.load.mockReturnValueOnce(older.promise).mockResolvedValueOnce(queue(load('m1', 2)));
    const first = teamQueue.show();
    await teamQueue.refresh();
    older.resolve(queue(load('m1', 9)));
    await first;
    expect(teamQueue.queue?.members[0]?.open).toBe(2);
  });

  it('forgets the numbers when cleared, and an answer still in flight is dropped', async () => {
    const late = deferred<Queue>();
    queueApi.load.mockReturnValueOnce(late.promise);
    const p = teamQueue.show();
    teamQueue.clear();
    late.resolve(queue(load('m1', 9)));
    await p;
    expect(teamQueue.queue).toBeNull();
  });

  it('re-reads on huddle:changed for threads, tasks or the workspace, only while shown', async () => {
    queueApi.load.mockResolvedValue(queue(load('m1', 1)));
    await Promise.all(onChanged(changed({ threads: ['t1'] })));
    expect(queueApi.load).not.toHaveBeenCalled();

    await teamQueue.show();
    queueApi.load.mockClear();
    for (const c of [changed({ threads: ['t1'] }), changed({ tasks: ['k1'] }), changed({ workspace: true })]) {
      await Promise.all(onChanged(c));
    }
    expect(queueApi.load).toHaveBeenCalledTimes(3);
    await Promise.all(onChanged(changed({ clients: ['c1'] })));
    expect(queueApi.load).toHaveBeenCalledTimes(3);

    teamQueue.hide();
    await Promise.all(onChanged(changed({ threads: ['t1'] })));
    expect(queueApi.load).toHaveBeenCalledTimes(3);
  });
});
