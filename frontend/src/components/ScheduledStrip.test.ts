import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError, type Message } from '../bridge';
import { resetFakes, scheduleApi, threadApi, workspace } from '../test/fakeApi';
import { ana, camille, detail, message, status, thread, zoe } from '../test/fixtures';
import { now } from '../stores/clock.svelte';
import { openThread } from '../stores/openThread.svelte';
import { session } from '../stores/session.svelte';
import ScheduledStrip from './ScheduledStrip.svelte';
import Timeline from './Timeline.svelte';

// Relative to the real clock: the words ("Tomorrow at 9:00") then hold on any day.
function tomorrowAt(h: number, m = 0): number {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(h, m, 0, 0);
  return d.getTime();
}

const pending = (p: Partial<Message> & { id: string }): Message =>
  message({
    direction: 'outbound',
    authorId: ana.id,
    body: 'See you tomorrow!',
    delivery: 'scheduled',
    sendAt: tomorrowAt(9),
    createdAt: tomorrowAt(9),
    ...p,
  });

beforeEach(async () => {
  resetFakes();
  now.ms = Date.now();
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
  threadApi.open.mockResolvedValue(detail(thread({ id: 't1' })));
  await openThread.open('t1');
});

describe('ScheduledStrip', () => {
  it('lists the replies waiting to go, soonest first, with when in words, the text and the author', () => {
    const later = pending({ id: 's2', body: 'Second', sendAt: tomorrowAt(14, 30), createdAt: tomorrowAt(14, 30) });
    const sooner = pending({ id: 's1', body: 'First' });
    render(ScheduledStrip, { messages: [later, sooner, message({ id: 'in', body: 'Hi' })], clientName: 'Olivia Smith' });

    const strip = screen.getByRole('region', { name: 'Scheduled replies' });
    const items = within(strip).getAllByRole('article');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveAccessibleName('Scheduled reply, Tomorrow at 9:00');
    expect(items[0]).toHaveTextContent('First');
    expect(items[0]).toHaveTextContent('by Ana Diaz');
    expect(items[1]).toHaveAccessibleName('Scheduled reply, Tomorrow at 14:30');
    expect(within(strip).queryByText('Hi')).not.toBeInTheDocument();
    for (const name of ['Edit', 'Send now', 'Cancel']) {
      expect(within(items[0]!).getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('is not there when nothing is waiting: sent and cancelled replies are in the timeline', () => {
    render(ScheduledStrip, {
      messages: [
        pending({ id: 'sent', delivery: 'queued', sentAt: Date.now() }),
        pending({ id: 'gone', delivery: 'cancelled', cancelledAt: Date.now(), cancelledBy: ana.id }),
      ],
    });
    expect(screen.queryByRole('region', { name: 'Scheduled replies' })).not.toBeInTheDocument();
  });

  it("offers no actions on a teammate's reply to an Agent, nor to someone who cannot write", async () => {
    const { unmount } = render(ScheduledStrip, { messages: [pending({ id: 's1', authorId: zoe.id })] });
    expect(screen.getByRole('article')).toHaveTextContent('by Zoé Martin');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    unmount();

    render(ScheduledStrip, { messages: [pending({ id: 's1' })], canWrite: false });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets an Owner change a teammate\'s reply', async () => {
    workspace.status.mockResolvedValue(status(camille));
    await session.load();
    render(ScheduledStrip, { messages: [pending({ id: 's1', authorId: zoe.id })] });
    expect(screen.getByRole('button', { name: 'Send now' })).toBeInTheDocument();
  });

  it('Cancel asks first, then cancels and re-reads the conversation', async () => {
    scheduleApi.cancel.mockResolvedValue(undefined);
    render(ScheduledStrip, { messages: [pending({ id: 's1' })], clientName: 'Olivia Smith' });
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this scheduled reply?' });
    expect(dialog).toHaveTextContent('It will not go to Olivia Smith.');
    expect(scheduleApi.cancel).not.toHaveBeenCalled();

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(scheduleApi.cancel).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    threadApi.open.mockClear();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel reply' }));
    await vi.waitFor(() => expect(scheduleApi.cancel).toHaveBeenCalledWith('t1', 's1'));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(threadApi.open).toHaveBeenCalledWith('t1');
    expect(scheduleApi.list).toHaveBeenCalled();
  });

  it("Edit opens the dialog with the text and time; Save writes both; a refusal shows Go's sentence", async () => {
    render(ScheduledStrip, { messages: [pending({ id: 's1' })], clientName: 'Olivia Smith' });
    await fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit scheduled reply' });
    const box = within(dialog).getByRole('textbox', { name: 'Message to Olivia Smith' }) as HTMLTextAreaElement;
    const when = within(dialog).getByLabelText('Send at') as HTMLInputElement;
    expect(box.value).toBe('See you tomorrow!');
    const nine = new Date(tomorrowAt(9));
    expect(when.value).toMatch(new RegExp(`-${String(nine.getDate()).padStart(2, '0')}T09:00$`));
    expect(dialog).toHaveTextContent('Goes to Olivia Smith tomorrow at 9:00.');

    scheduleApi.edit.mockRejectedValueOnce(
      new HuddleError('invalid', 'Pick a time at least a minute from now; to send straight away, use Send.'),
    );
    await fireEvent.input(box, { target: { value: 'See you at 10 instead' } });
    await fireEvent.input(when, { target: { value: when.value.replace('T09:00', 'T10:30') } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Pick a time at least a minute from now; to send straight away, use Send.',
    );

    scheduleApi.edit.mockResolvedValueOnce(pending({ id: 's1' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(scheduleApi.edit).toHaveBeenLastCalledWith('t1', 's1', 'See you at 10 instead', tomorrowAt(10, 30));
  });

  it('Send now sends it at once', async () => {
    scheduleApi.sendNow.mockResolvedValue(pending({ id: 's1', delivery: 'queued', sentAt: Date.now() }));
    render(ScheduledStrip, { messages: [pending({ id: 's1' })] });
    await fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    await vi.waitFor(() => expect(scheduleApi.sendNow).toHaveBeenCalledWith('t1', 's1'));
  });

  it('says when a due reply is held by quiet hours', () => {
    const hhmm = (ms: number) => new Date(ms).toTimeString().slice(0, 5);
    const st = status(ana);
    st.workspace.quiet = { on: true, from: hhmm(Date.now() - 3_600_000), to: hhmm(Date.now() + 3_600_000) };
    session.workspace = st.workspace;
    render(ScheduledStrip, { messages: [pending({ id: 's1', sendAt: Date.now() - 60_000 })] });
    expect(screen.getByRole('article')).toHaveTextContent(`Held by quiet hours until ${st.workspace.quiet.to}`);
  });
});

describe('scheduled replies in the timeline', () => {
  it('leaves out the ones waiting, marks a sent one, and mutes a cancelled one', () => {
    const t = Date.now();
    render(Timeline, {
      clientName: 'Olivia Smith',
      messages: [
        message({ id: 'in', body: 'Can I come Friday?', createdAt: t - 600_000 }),
        pending({ id: 'sent', body: 'Friday is fine', delivery: 'sent', sentAt: t - 300_000, createdAt: t - 300_000 }),
        pending({ id: 'cancelled', body: 'Never mind', delivery: 'cancelled', cancelledAt: t - 200_000, cancelledBy: camille.id }),
        pending({ id: 'waiting', body: 'Reminder: tomorrow!' }),
      ],
    });
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log).not.toHaveTextContent('Reminder: tomorrow!');

    const sent = within(log).getByRole('article', { name: 'Message from Ana Diaz' });
    expect(sent).toHaveTextContent('Friday is fine');
    expect(within(sent).getByText('Scheduled')).toBeInTheDocument();
    expect(sent).toHaveTextContent('Sent');
    expect(sent).not.toHaveTextContent('the cancel arrived too late');

    const cancelled = within(log).getByRole('article', { name: 'Scheduled reply cancelled by Camille Laurent' });
    expect(cancelled).toHaveTextContent('Never mind');
    expect(within(log).getAllByRole('article').at(-1)).toBe(cancelled);
    // One day heading: the cancelled reply sits where it was cancelled, not on its send day.
    expect(within(log).getAllByRole('separator')).toHaveLength(1);
  });

  it('says when a cancel came after the reply had gone', () => {
    const t = Date.now();
    render(Timeline, {
      clientName: 'Olivia Smith',
      messages: [pending({ id: 'late', delivery: 'queued', sentAt: t, createdAt: t, cancelledAt: t + 5, cancelledBy: camille.id })],
    });
    const sent = screen.getByRole('article', { name: 'Message from Ana Diaz' });
    expect(within(sent).getByRole('note')).toHaveTextContent('Sent — the cancel arrived too late');
    expect(screen.queryByRole('article', { name: /cancelled by/ })).not.toBeInTheDocument();
  });
});
