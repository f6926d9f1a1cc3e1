import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
vi.mock('../bridge/events', () => ({
  EVENT_CHANGED: 'huddle:changed',
  EVENT_SYNC: 'huddle:sync',
  EVENT_PRESENCE: 'huddle:presence',
  onEvent: vi.fn(() => () => {}),
}));
import { HuddleError, type Notification, type NotificationPage } from '../bridge';
import { notifyApi, resetFakes, taskApi, threadApi, workspace } from '../test/fakeApi';
import { ana, deferred, notification, status, task, thread } from '../test/fixtures';
import { notifications, tasks, threads } from './entities.svelte';
import { onChanged } from './live';
import { notificationCentre, PAGE_SIZE } from './notifications.svelte';
import { nextSeq } from './seq';
import { session } from './session.svelte';

const page = (items: Notification[], unread: number, next = ''): NotificationPage => ({ items, next, unread });
const n1 = notification({ id: 'mention:m1', at: 3 });
const n2 = notification({ id: 'assigned:m2', kind: 'assigned', at: 2 });
const n3 = notification({ id: 'message:m3', kind: 'message', at: 1, read: true });
const shown = () => notificationCentre.rows.map((n) => `${n.id}${n.read ? '' : '*'}`);

beforeEach(async () => {
  resetFakes();
  notificationCentre.clear();
  notifications.clear();
  threads.clear();
  tasks.clear();
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
});

describe('notificationCentre', () => {
  it('reads the first page, newest first, with the unread count of every page', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2, n3], 7, 'cursor1'));
    await notificationCentre.refresh();
    expect(notifyApi.list).toHaveBeenCalledWith('', PAGE_SIZE);
    expect(shown()).toEqual(['mention:m1*', 'assigned:m2*', 'message:m3']);
    expect(notificationCentre.unread).toBe(7);
    expect(notificationCentre.next).toBe('cursor1');
    expect(notificationCentre.loaded).toBe(true);
  });

  it('loads more from the cursor, and a refresh then re-reads every row shown', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1], 2, 'c1')).mockResolvedValueOnce(page([n2, n1], 2, ''));
    await notificationCentre.refresh();
    await notificationCentre.loadMore();
    expect(notifyApi.list).toHaveBeenLastCalledWith('c1', PAGE_SIZE);
    expect(shown()).toEqual(['mention:m1*', 'assigned:m2*']); // n1 came twice, shows once
    expect(notificationCentre.next).toBe('');
    await notificationCentre.loadMore();
    expect(notifyApi.list).toHaveBeenCalledTimes(2); // nothing more to load
  });

  it('keeps the newest answer when two reads cross', async () => {
    const older = deferred<NotificationPage>();
    notifyApi.list.mockReturnValueOnce(older.promise).mockResolvedValueOnce(page([n1, n2], 2));
    const first = notificationCentre.refresh();
    await notificationCentre.refresh();
    older.resolve(page([n3], 0));
    await first;
    expect(shown()).toEqual(['mention:m1*', 'assigned:m2*']);
    expect(notificationCentre.unread).toBe(2);
  });

  it('drops an answer still in flight when another teammate signs in', async () => {
    const late = deferred<NotificationPage>();
    notifyApi.list.mockReturnValueOnce(late.promise);
    const p = notificationCentre.refresh();
    notificationCentre.clear();
    late.resolve(page([n1], 1));
    await p;
    expect(notificationCentre.rows).toEqual([]);
    expect(notificationCentre.unread).toBe(0);
  });

  it('marks a notification read at once and lowers the count', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 5));
    await notificationCentre.refresh();
    const call = deferred<void>();
    notifyApi.markRead.mockReturnValueOnce(call.promise);
    const p = notificationCentre.markRead(['mention:m1']);
    expect(notifyApi.markRead).toHaveBeenCalledWith(['mention:m1']);
    expect(shown()).toEqual(['mention:m1', 'assigned:m2*']);
    expect(notificationCentre.unread).toBe(4);
    call.resolve();
    await p;
    expect(shown()).toEqual(['mention:m1', 'assigned:m2*']);
    expect(notificationCentre.unread).toBe(4);
  });

  it('shows a notification unread again, with its count, when marking it read fails', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 2));
    await notificationCentre.refresh();
    const call = deferred<void>();
    notifyApi.markRead.mockReturnValueOnce(call.promise);
    const p = notificationCentre.markRead(['mention:m1']);
    expect(notificationCentre.unread).toBe(1);
    call.reject(new HuddleError('unavailable', 'Huddle could not save that. Try again.'));
    await expect(p).rejects.toThrow('Huddle could not save that. Try again.');
    expect(shown()).toEqual(['mention:m1*', 'assigned:m2*']);
    expect(notificationCentre.unread).toBe(2);
  });

  it('asks nothing for a notification already read', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n3], 0));
    await notificationCentre.refresh();
    await notificationCentre.markRead(['message:m3']);
    expect(notifyApi.markRead).not.toHaveBeenCalled();
  });

  it('an answer read before Go had the mark does not show the notification unread again', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 2));
    await notificationCentre.refresh();
    const before = deferred<NotificationPage>();
    notifyApi.list.mockReturnValueOnce(before.promise);
    const reading = notificationCentre.refresh();
    notifyApi.markRead.mockResolvedValueOnce(undefined);
    await notificationCentre.markRead(['mention:m1']);
    before.resolve(page([n1, n2], 2));
    await reading;
    expect(shown()).toEqual(['mention:m1', 'assigned:m2*']);
    expect(notificationCentre.unread).toBe(1);
  });

  it('a refresh during a read mark keeps the row read and the count down', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 2));
    await notificationCentre.refresh();
    const call = deferred<void>();
    notifyApi.markRead.mockReturnValueOnce(call.promise);
    const p = notificationCentre.markRead(['mention:m1']);
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 2));
    await notificationCentre.refresh();
    expect(shown()).toEqual(['mention:m1', 'assigned:m2*']);
    expect(notificationCentre.unread).toBe(1);
    call.resolve();
    await p;
  });

  it('past 99 unread, one read mark leaves the badge at 99+', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 100));
    await notificationCentre.refresh();
    notifyApi.markRead.mockResolvedValueOnce(undefined);
    await notificationCentre.markRead(['mention:m1']);
    expect(notificationCentre.unread).toBe(100);
  });

  it('marks all read at once, and takes it back when Go refuses', async () => {
    notifyApi.list.mockResolvedValueOnce(page([n1, n2, n3], 12, 'c1'));
    await notificationCentre.refresh();
    const refused = deferred<void>();
    notifyApi.markAllRead.mockReturnValueOnce(refused.promise);
    const p = notificationCentre.markAllRead();
    expect(notificationCentre.unread).toBe(0);
    expect(shown()).toEqual(['mention:m1', 'assigned:m2', 'message:m3']);
    refused.reject(new HuddleError('unavailable', 'Try again.'));
    await expect(p).rejects.toThrow('Try again.');
    expect(notificationCentre.unread).toBe(12);
    expect(shown()).toEqual(['mention:m1*', 'assigned:m2*', 'message:m3']);

    notifyApi.markAllRead.mockResolvedValueOnce(undefined);
    await notificationCentre.markAllRead();
    expect(notificationCentre.unread).toBe(0);
    expect(shown()).toEqual(['mention:m1', 'assigned:m2', 'message:m3']);
  });

  it('assigns the conversation to the signed-in member', async () => {
    threads.put([thread({ id: 't1', assigneeId: 'm1' })], nextSeq());
    threadApi.assign.mockResolvedValueOnce(undefined);
    await notificationCentre.assignToMe(n1);
    expect(threadApi.assign).toHaveBeenCalledWith('t1', ana.id);
    expect(threads.get('t1')?.assigneeId).toBe(ana.id);
  });

  it("snoozes a reminder's task and reads the list again", async () => {
    const r = notification({ id: 'reminder:k1:5', kind: 'reminder', taskId: 'k1', threadId: '' });
    taskApi.snooze.mockResolvedValueOnce(task({ id: 'k1', remindAt: 1_700_000_600_000 }));
    const t = await notificationCentre.snooze(r, 10);
    expect(taskApi.snooze).toHaveBeenCalledWith('k1', 10);
    expect(t.remindAt).toBe(1_700_000_600_000);
    expect(tasks.get('k1')?.remindAt).toBe(1_700_000_600_000);
    await vi.waitFor(() => expect(notifyApi.list).toHaveBeenCalled());
  });

  it('reads again on huddle:changed when Go says notifications may have changed, only then', async () => {
    const changed = (notifications: boolean) => ({ threads: ['t1'], clients: [], tasks: [], workspace: false, remote: false, notifications });
    await Promise.all(onChanged(changed(false)));
    expect(notifyApi.list).not.toHaveBeenCalled();
    notifyApi.list.mockResolvedValueOnce(page([n1], 1));
    await Promise.all(onChanged(changed(true)));
    expect(notificationCentre.unread).toBe(1);
    // A reminder coming due changes no document: the flag alone.
    notifyApi.list.mockResolvedValueOnce(page([n1, n2], 2));
    await Promise.all(onChanged({ notifications: true }));
    expect(notificationCentre.unread).toBe(2);
  });
});
