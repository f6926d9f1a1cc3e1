import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { resetFakes, threadApi, taskApi } from '../test/fakeApi';
import { deferred, detail, message, task, thread } from '../test/fixtures';
import { HuddleError, type ThreadDetail } from '../bridge';
import { tasks, threads } from './entities.svelte';
import { openThread } from './openThread.svelte';

beforeEach(() => {
  resetFakes();
  openThread.close();
  threads.clear();
  tasks.clear();
});

describe('openThread', () => {
  it('normalizes the timeline and shares the thread row with the list', async () => {
    const th = thread({ id: 't1', status: 'open' });
    threadApi.open.mockResolvedValueOnce(
      detail(th, [message({ id: 'a', body: 'hi' }), message({ id: 'b', kind: 'note', body: 'x', deleted: true })], [
        task({ id: 'k1', threadId: 't1' }),
      ]),
    );
    await openThread.open('t1');
    expect(openThread.state).toBe('ready');
    expect(openThread.messageIds).toEqual(['a']);
    expect(openThread.timeline.map((m) => m.body)).toEqual(['hi']);
    expect(threads.get('t1')).toEqual(th);
    expect(openThread.thread?.id).toBe('t1');
    expect(openThread.client?.name).toBe('Olivia Smith');
    expect(openThread.openTasks.map((t) => t.id)).toEqual(['k1']);
  });

  it('drops the answer for a thread that is no longer open', async () => {
    const slow = deferred<ThreadDetail>();
    threadApi.open.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(detail(thread({ id: 't2', clientName: 'Two' })));
    const first = openThread.open('t1');
    await openThread.open('t2');
    slow.resolve(detail(thread({ id: 't1', clientName: 'One' }), [message({ id: 'old' })]));
    await first;
    expect(openThread.id).toBe('t2');
    expect(openThread.thread?.clientName).toBe('Two');
    expect(openThread.messageIds).toEqual([]);
  });

  it('ignores an older refresh of the same thread that answers last', async () => {
    threadApi.open.mockResolvedValueOnce(detail(thread({ id: 't1' })));
    await openThread.open('t1');
    const older = deferred<ThreadDetail>();
    const newer = deferred<ThreadDetail>();
    threadApi.open.mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise);
    const a = openThread.refresh();
    const b = openThread.refresh();
    newer.resolve(detail(thread({ id: 't1', status: 'resolved' }), [message({ id: 'm1' }), message({ id: 'm2' })]));
    await b;
    older.resolve(detail(thread({ id: 't1', status: 'open' }), [message({ id: 'm1' })]));
    await a;
    expect(openThread.thread?.status).toBe('resolved');
    expect(openThread.messageIds).toEqual(['m1', 'm2']);
  });

  it('shows a deleted thread as gone', async () => {
    threadApi.open.mockRejectedValueOnce(new HuddleError('not_found', 'This conversation no longer exists.'));
    await openThread.open('t1');
    expect(openThread.state).toBe('gone');
  });

  it('sends a note through ThreadService.Note and shows it at once', async () => {
    threadApi.open.mockResolvedValue(detail(thread({ id: 't1' })));
    await openThread.open('t1');
    const pending = deferred<ThreadDetail>();
    threadApi.note.mockResolvedValueOnce(message({ id: 'n1', kind: 'note', direction: 'internal', body: 'hi @ana' }));
    threadApi.open.mockReturnValueOnce(pending.promise);
    const sending = openThread.send('note', 'hi @ana');
    await vi.waitFor(() => expect(openThread.messageIds).toEqual(['n1']));
    expect(threadApi.note).toHaveBeenCalledWith('t1', 'hi @ana');
    expect(threadApi.reply).not.toHaveBeenCalled();
    pending.resolve(detail(thread({ id: 't1' }), [message({ id: 'n1', kind: 'note' })]));
    await sending;
  });

  it('adds a task linked to the thread', async () => {
    threadApi.open.mockResolvedValue(detail(thread({ id: 't1' })));
    await openThread.open('t1');
    taskApi.create.mockResolvedValueOnce(task({ id: 'k9', threadId: 't1', title: 'Call' }));
    await openThread.addTask({ title: 'Call', assigneeId: 'm2', dueAt: 5, remindAt: 4 });
    expect(taskApi.create).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Call', assigneeId: 'm2', dueAt: 5, remindAt: 4, threadId: 't1' }),
    );
    expect(openThread.openTasks.map((t) => t.id)).toEqual(['k9']);
  });
});
