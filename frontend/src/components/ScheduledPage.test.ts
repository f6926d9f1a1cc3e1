import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError, type ScheduledReply } from '../bridge';
import { inboxApi, resetFakes, scheduleApi, threadApi, workspace } from '../test/fakeApi';
import { ana, camille, detail, message, status, thread } from '../test/fixtures';
import { now } from '../stores/clock.svelte';
import { nav } from '../stores/nav.svelte';
import { openThread } from '../stores/openThread.svelte';
import { scheduledReplies } from '../stores/scheduled.svelte';
import { session } from '../stores/session.svelte';
import ScheduledPage from './ScheduledPage.svelte';
import Sidebar from './Sidebar.svelte';

function tomorrowAt(h: number): number {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(h, 0, 0, 0);
  return d.getTime();
}

function reply(id: string, threadId: string, clientName: string, subject: string, h: number): ScheduledReply {
  const sendAt = tomorrowAt(h);
  return {
    message: message({
      id, threadId, direction: 'outbound', authorId: ana.id, body: `Reminder for ${clientName}`,
      delivery: 'scheduled', sendAt, createdAt: sendAt,
    }),
    thread: thread({ id: threadId, clientName, subject }),
  };
}

const LIST = [reply('s1', 't1', 'Olivia Smith', 'Colour on Friday', 9), reply('s2', 't2', 'Maria Lopez', '', 14)];

beforeEach(async () => {
  resetFakes();
  scheduledReplies.clear();
  now.ms = Date.now();
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  scheduleApi.list.mockResolvedValue(LIST);
});

describe('ScheduledPage', () => {
  it('lists every reply waiting to go with its client, conversation, time, author and text', async () => {
    render(ScheduledPage);
    const list = await screen.findByRole('list', { name: 'Scheduled replies' });
    const items = within(list).getAllByRole('article');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveAccessibleName('Scheduled reply, Tomorrow at 9:00');
    expect(items[0]).toHaveTextContent('Olivia Smith');
    expect(items[0]).toHaveTextContent('Colour on Friday');
    expect(items[0]).toHaveTextContent('by Ana Diaz');
    expect(items[0]).toHaveTextContent('Reminder for Olivia Smith');
    expect(items[1]).toHaveAccessibleName('Scheduled reply, Tomorrow at 14:00');
    for (const name of ['Edit', 'Send now', 'Cancel', 'Open conversation']) {
      expect(within(items[1]!).getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('says so in plain words when nothing is scheduled', async () => {
    scheduleApi.list.mockResolvedValue([]);
    render(ScheduledPage);
    expect(await screen.findByText('No replies are waiting to go.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it("shows Go's sentence when the list cannot be read", async () => {
    scheduleApi.list.mockRejectedValue(new HuddleError('unavailable', 'Huddle cannot read its data right now.'));
    render(ScheduledPage);
    expect(await screen.findByRole('alert')).toHaveTextContent('Huddle cannot read its data right now.');
  });

  it('cancels from the page after asking, and the reply leaves the list', async () => {
    render(ScheduledPage);
    const list = await screen.findByRole('list', { name: 'Scheduled replies' });
    await fireEvent.click(within(within(list).getAllByRole('article')[0]!).getByRole('button', { name: 'Cancel' }));
    scheduleApi.cancel.mockResolvedValue(undefined);
    scheduleApi.list.mockResolvedValue([LIST[1]!]);
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel reply' }));
    await vi.waitFor(() => expect(scheduleApi.cancel).toHaveBeenCalledWith('t1', 's1'));
    await vi.waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(1));
    expect(within(list).getByRole('article')).toHaveTextContent('Maria Lopez');
  });

  it('opens the conversation a reply goes to', async () => {
    threadApi.open.mockResolvedValue(detail(thread({ id: 't2', clientName: 'Maria Lopez' })));
    inboxApi.page.mockResolvedValue({ threads: [], next: '' });
    nav.page = 'scheduled';
    render(ScheduledPage);
    const list = await screen.findByRole('list', { name: 'Scheduled replies' });
    await fireEvent.click(within(within(list).getAllByRole('article')[1]!).getByRole('button', { name: 'Open conversation' }));
    expect(nav.page).toBe('inbox');
    await vi.waitFor(() => expect(openThread.id).toBe('t2'));
  });
});

describe('the Scheduled entry in the sidebar', () => {
  it('counts the replies waiting, and says nothing when there are none', async () => {
    render(Sidebar);
    const entry = screen.getByRole('button', { name: 'Scheduled' });
    await scheduledReplies.refresh();
    expect(entry).toHaveAccessibleName('Scheduled, 2 replies');
    expect(entry).toHaveTextContent('2');

    scheduleApi.list.mockResolvedValue([LIST[0]!]);
    await scheduledReplies.refresh();
    expect(entry).toHaveAccessibleName('Scheduled, 1 reply');

    scheduleApi.list.mockResolvedValue([]);
    await scheduledReplies.refresh();
    expect(entry).toHaveAccessibleName('Scheduled');
    await fireEvent.click(entry);
    expect(nav.page).toBe('scheduled');
  });
});
