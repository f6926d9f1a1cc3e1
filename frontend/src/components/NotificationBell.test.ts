import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError, type Notification } from '../bridge';
import { now as clock } from '../stores/clock.svelte';
import { notifications, tasks, threads } from '../stores/entities.svelte';
import { nav } from '../stores/nav.svelte';
import { notificationCentre } from '../stores/notifications.svelte';
import { openThread } from '../stores/openThread.svelte';
import { nextSeq } from '../stores/seq';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import { inboxApi, notifyApi, resetFakes, taskApi, threadApi, workspace } from '../test/fakeApi';
import { ana, camille, detail, notification, status, task, thread, tom } from '../test/fixtures';
import NotificationBell from './NotificationBell.svelte';

const MIN = 60_000;

const assigned = notification({ id: 'assigned:a1', kind: 'assigned', actorId: camille.id, threadId: 't1', excerpt: '' });
const mention = notification({ id: 'mention:a2', kind: 'mention', actorId: camille.id, threadId: 't2', excerpt: 'can you call her back?' });
const wrote = notification({ id: 'message:a3', kind: 'message', actorId: '', threadId: 't1', excerpt: 'Is 4pm free?', read: true });
const reminder = notification({
  id: 'reminder:k1:1',
  kind: 'reminder',
  actorId: '',
  threadId: '',
  taskId: 'k1',
  clientName: '',
  title: 'Call back Maria',
  excerpt: '',
});

function serve(items: Notification[], unread = items.filter((n) => !n.read).length, next = '') {
  notifyApi.list.mockImplementation(async () => ({ items, next, unread }));
}

async function openCentre() {
  render(NotificationBell);
  await fireEvent.click(screen.getByRole('button', { name: /^Notifications/ }));
  const centre = screen.getByRole('dialog', { name: 'Notifications' });
  await vi.waitFor(() => expect(within(centre).queryByText('Loading…')).not.toBeInTheDocument());
  return centre;
}

const row = (centre: HTMLElement, text: RegExp) =>
  within(centre)
    .getAllByRole('listitem')
    .find((li) => text.test(li.textContent ?? ''))!;

beforeEach(async () => {
  resetFakes();
  notificationCentre.clear();
  notifications.clear();
  threads.clear();
  tasks.clear();
  openThread.close();
  nav.page = 'inbox';
  toasts.items = [];
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
  inboxApi.page.mockResolvedValue({ threads: [], next: '' });
  const now = Date.now();
  clock.ms = now;
  for (const [i, n] of [assigned, mention, wrote, reminder].entries()) n.at = now - (i + 1) * 5 * MIN;
});

describe('NotificationBell', () => {
  it('names the unread count, and says 99+ past 99', async () => {
    serve([assigned], 3);
    await notificationCentre.refresh();
    render(NotificationBell);
    expect(screen.getByRole('button', { name: 'Notifications, 3 unread' })).toHaveTextContent('3');

    serve([assigned], 100);
    await notificationCentre.refresh();
    expect(screen.getByRole('button', { name: 'Notifications, 99+ unread' })).toHaveTextContent('99+');

    serve([], 0);
    await notificationCentre.refresh();
    expect(screen.getByRole('button', { name: 'Notifications' })).toHaveTextContent('');
  });

  it('says in plain words who did what on which client, unread ones marked', async () => {
    threads.put([thread({ id: 't1', channel: 'sms', clientName: 'Maria Lopez' })], nextSeq());
    serve([assigned, mention, wrote, reminder]);
    const centre = await openCentre();
    const items = within(centre).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.text')?.textContent?.trim())).toEqual([
      'Unread: Camille Laurent assigned you Maria Lopez · SMS',
      'Unread: Camille Laurent mentioned you on Maria Lopez: “can you call her back?”',
      'Maria Lopez wrote: “Is 4pm free?”',
      'Unread: Reminder: Call back Maria',
    ]);
    expect(within(items[0]!).getByRole('button', { name: /assigned you/ })).toHaveTextContent('5m');
    expect(items[0]!.querySelector('.row')).toHaveClass('unread');
    expect(items[2]!.querySelector('.row')).not.toHaveClass('unread');
    expect(within(centre).getByRole('button', { name: 'Mark all read' })).toBeEnabled();
  });

  it('opening a row marks it read and opens its conversation; Escape closes the centre', async () => {
    serve([assigned, mention]);
    notifyApi.markRead.mockResolvedValue(undefined);
    threadApi.open.mockResolvedValue(detail(thread({ id: 't2', clientName: 'Maria Lopez' })));
    let centre = await openCentre();
    await fireEvent.click(within(centre).getByRole('button', { name: /mentioned you on Maria Lopez/ }));
    expect(notifyApi.markRead).toHaveBeenCalledWith(['mention:a2']);
    await vi.waitFor(() => expect(openThread.id).toBe('t2'));
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: /^Notifications/ }));
    centre = screen.getByRole('dialog', { name: 'Notifications' });
    await fireEvent.keyDown(centre, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Notifications/ })).toHaveFocus();
  });

  it('a reminder without a conversation opens the Tasks page', async () => {
    serve([reminder]);
    notifyApi.markRead.mockResolvedValue(undefined);
    const centre = await openCentre();
    await fireEvent.click(within(centre).getByRole('button', { name: /Reminder: Call back Maria/ }));
    expect(nav.page).toBe('tasks');
    expect(notifyApi.markRead).toHaveBeenCalledWith(['reminder:k1:1']);
  });

  it('a read mark that fails shows the row unread again, with the reason', async () => {
    serve([mention]);
    notifyApi.markRead.mockRejectedValueOnce(new HuddleError('unavailable', 'That was not saved. Try again.'));
    threadApi.open.mockResolvedValue(detail(thread({ id: 't2' })));
    const centre = await openCentre();
    await fireEvent.click(within(centre).getByRole('button', { name: /mentioned you/ }));
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text)).toContain('That was not saved. Try again.'));
    expect(screen.getByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });

  it('"Assign to me" assigns the conversation, then leaves the row', async () => {
    threads.put([thread({ id: 't2', assigneeId: camille.id })], nextSeq());
    serve([assigned, mention]);
    threadApi.assign.mockResolvedValue(undefined);
    const centre = await openCentre();
    const r = row(centre, /mentioned you/);
    await fireEvent.click(within(r).getByRole('button', { name: 'Assign to me' }));
    expect(threadApi.assign).toHaveBeenCalledWith('t2', ana.id);
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text)).toContain('Maria Lopez is now assigned to you.'));
    expect(within(r).queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
    // Nothing else happened: the centre is still open and nothing was marked read.
    expect(screen.getByRole('dialog', { name: 'Notifications' })).toBeInTheDocument();
    expect(notifyApi.markRead).not.toHaveBeenCalled();
  });

  it('offers no "Assign to me" on a conversation already assigned to the member, or to a Viewer', async () => {
    threads.put([thread({ id: 't1', assigneeId: ana.id })], nextSeq());
    serve([assigned, mention]);
    let centre = await openCentre();
    expect(within(row(centre, /assigned you/)).queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
    // Not known to be assigned to the member: offered.
    expect(within(row(centre, /mentioned you/)).getByRole('button', { name: 'Assign to me' })).toBeInTheDocument();
    document.body.innerHTML = '';

    workspace.status.mockResolvedValue(status(tom));
    await session.load();
    centre = await openCentre();
    expect(within(centre).queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
  });

  it('snoozes a reminder for 10 minutes or an hour', async () => {
    serve([reminder]);
    const later = Date.now() + 60 * MIN;
    taskApi.snooze.mockResolvedValue(task({ id: 'k1', remindAt: later }));
    const centre = await openCentre();
    const r = row(centre, /Reminder/);
    await fireEvent.click(within(r).getByRole('button', { name: 'Snooze 10 min' }));
    expect(taskApi.snooze).toHaveBeenLastCalledWith('k1', 10);
    await fireEvent.click(within(r).getByRole('button', { name: 'Snooze 1 hour' }));
    expect(taskApi.snooze).toHaveBeenLastCalledWith('k1', 60);
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text).join()).toMatch(/^Snoozed\. You'll be reminded again at \d\d:\d\d\.$/));
    // A reminder has no conversation to take.
    expect(within(r).queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
  });

  it('"Mark all read" clears the badge; "Load more" reads the next page', async () => {
    serve([assigned, mention], 2, 'c1');
    notifyApi.markAllRead.mockResolvedValue(undefined);
    const centre = await openCentre();
    notifyApi.list.mockResolvedValueOnce({ items: [wrote], next: '', unread: 2 });
    await fireEvent.click(within(centre).getByRole('button', { name: 'Load more' }));
    await vi.waitFor(() => expect(within(centre).getAllByRole('listitem')).toHaveLength(3));
    expect(notifyApi.list).toHaveBeenLastCalledWith('c1', expect.any(Number));
    expect(within(centre).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await fireEvent.click(within(centre).getByRole('button', { name: 'Mark all read' }));
    expect(notifyApi.markAllRead).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    expect(within(centre).getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it("says when there is nothing: you're all caught up", async () => {
    const centre = await openCentre();
    expect(within(centre).getByText("You're all caught up.")).toBeInTheDocument();
    expect(within(centre).getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('says why the list could not be read, and tries again', async () => {
    notifyApi.list.mockRejectedValueOnce(new HuddleError('unavailable', 'Huddle is busy. Try again.'));
    const centre = await openCentre();
    expect(within(centre).getByRole('alert')).toHaveTextContent('Huddle is busy. Try again.');
    await fireEvent.click(within(centre).getByRole('button', { name: 'Try again' }));
    expect(await within(centre).findByText("You're all caught up.")).toBeInTheDocument();
  });
});
