import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError } from '../bridge';
import { resetFakes, scheduleApi, threadApi, workspace } from '../test/fakeApi';
import { camille, detail, message, status, thread } from '../test/fixtures';
import { now } from '../stores/clock.svelte';
import { clearDrafts } from '../stores/drafts';
import { requestComposer } from '../stores/focus.svelte';
import { openThread } from '../stores/openThread.svelte';
import { session } from '../stores/session.svelte';
import Composer from './Composer.svelte';

beforeEach(async () => {
  resetFakes();
  clearDrafts();
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  threadApi.open.mockResolvedValue(detail(thread({ id: 't1' })));
  await openThread.open('t1');
  threadApi.reply.mockResolvedValue(message({ id: 'r1', direction: 'outbound' }));
  threadApi.note.mockResolvedValue(message({ id: 'n1', kind: 'note', direction: 'internal' }));
});

function type(el: HTMLTextAreaElement, value: string) {
  el.value = value;
  el.setSelectionRange(value.length, value.length);
  return fireEvent.input(el);
}

describe('Composer', () => {
  it('sends a message with Enter, and Shift+Enter does not send', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Hello Olivia');
    await fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(threadApi.reply).not.toHaveBeenCalled();
    await fireEvent.keyDown(box, { key: 'Enter' });
    await vi.waitFor(() => expect(threadApi.reply).toHaveBeenCalledWith('t1', 'Hello Olivia'));
    await vi.waitFor(() => expect(box.value).toBe(''));
    expect(threadApi.note).not.toHaveBeenCalled();
  });

  it('switches to note mode, which changes the box and sends a note', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    await fireEvent.click(screen.getByRole('radio', { name: 'Note' }));
    expect(screen.getByRole('radio', { name: 'Note' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByRole('textbox', { name: 'Message to client' })).not.toBeInTheDocument();
    const box = screen.getByRole('textbox', { name: 'Internal note' }) as HTMLTextAreaElement;
    expect(screen.getByRole('button', { name: 'Add internal note' })).toBeInTheDocument();
    await type(box, 'Only for us');
    await fireEvent.keyDown(box, { key: 'Enter' });
    await vi.waitFor(() => expect(threadApi.note).toHaveBeenCalledWith('t1', 'Only for us'));
    expect(threadApi.reply).not.toHaveBeenCalled();
  });

  it('suggests teammates after @ in a note; arrows move, Enter picks without sending', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    await fireEvent.click(screen.getByRole('radio', { name: 'Note' }));
    const box = screen.getByRole('textbox', { name: 'Internal note' }) as HTMLTextAreaElement;
    await type(box, 'Ask @');
    const list = screen.getByRole('listbox', { name: 'Mention a teammate' });
    const names = within(list).getAllByRole('option').map((o) => o.textContent);
    expect(names[0]).toContain('Ana Diaz');
    expect(names.some((n) => n?.includes('Camille'))).toBe(false); // not yourself
    expect(names.some((n) => n?.includes('Greg'))).toBe(false); // deactivated
    expect(within(list).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');

    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(within(list).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Ask @ana ');
    expect(threadApi.note).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('Tab also picks the highlighted teammate', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    await fireEvent.click(screen.getByRole('radio', { name: 'Note' }));
    const box = screen.getByRole('textbox', { name: 'Internal note' }) as HTMLTextAreaElement;
    await type(box, 'cc @zo');
    await fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.value).toBe('cc @zoé ');
  });

  it('does not suggest teammates in a message to the client', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Hi @');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('takes the caret in the mode the r and n keys ask for, but not for an earlier request', async () => {
    requestComposer('note'); // before this composer existed: for another conversation
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    expect(screen.getByRole('radio', { name: 'Message' })).toHaveAttribute('aria-checked', 'true');
    requestComposer('note');
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveFocus());
    requestComposer('message');
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Message to client' })).toHaveFocus());
  });

  it('tells a reader who cannot write why there is no composer', () => {
    render(Composer, { threadId: 't1', canWrite: false });
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('You can read this conversation but not write in it.')).toBeInTheDocument();
  });
});

describe('Composer snippets', () => {
  const hours = { id: 's1', shortcut: 'hours', body: 'We are open 9 to 7.' };
  const prices = { id: 's2', shortcut: 'prices', body: 'Cuts start at £55.' };

  beforeEach(async () => {
    const st = status(camille);
    st.workspace.snippets = [hours, prices];
    workspace.status.mockResolvedValue(st);
    await session.load();
  });

  it('suggests snippets after "/" and Enter inserts the text without sending', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Hi! /');
    const list = screen.getByRole('listbox', { name: 'Insert a snippet' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual([
      expect.stringContaining('/hours'),
      expect.stringContaining('/prices'),
    ]);
    await type(box, 'Hi! /pr');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(1);
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Hi! Cuts start at £55.');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(threadApi.reply).not.toHaveBeenCalled();
  });

  it('Tab inserts the highlighted snippet, Escape closes the menu and keeps the text', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, '/');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(box.value).toBe('/');
    await type(box, '/h');
    await fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.value).toBe('We are open 9 to 7.');
  });

  it('works in notes too, and not for a "/" inside a word', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    await fireEvent.click(screen.getByRole('radio', { name: 'Note' }));
    const box = screen.getByRole('textbox', { name: 'Internal note' }) as HTMLTextAreaElement;
    await type(box, 'and/h');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await type(box, 'told her /ho');
    expect(screen.getByRole('listbox', { name: 'Insert a snippet' })).toBeInTheDocument();
  });

  it('the Snippets button lists every snippet and inserts at the caret', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Hello. ');
    await fireEvent.click(screen.getByRole('button', { name: 'Snippets' }));
    const options = within(screen.getByRole('listbox', { name: 'Insert a snippet' })).getAllByRole('option');
    expect(options).toHaveLength(2);
    await fireEvent.mouseDown(options[0]!);
    expect(box.value).toBe('Hello. We are open 9 to 7.');
  });
});

describe('Composer send guard', () => {
  const first = message({ id: 'a1', body: 'Can I come at 3?' });
  const arrived = message({ id: 'a2', body: 'Actually 4pm is better', createdAt: 1_700_000_060_000 });

  beforeEach(async () => {
    threadApi.open.mockResolvedValue(detail(thread({ id: 't1' }), [first]));
    await openThread.refresh();
  });

  async function messageArrives() {
    threadApi.open.mockResolvedValue(detail(thread({ id: 't1' }), [first, arrived]));
    await openThread.refresh();
  }

  it('warns instead of sending when a message arrived while typing; Send anyway sends', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Sure, 3pm works');
    await messageArrives();
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'A new message from Olivia Smith arrived while you were typing. Send anyway?',
    );
    expect(threadApi.reply).not.toHaveBeenCalled();
    await fireEvent.keyDown(box, { key: 'Enter' }); // a second Enter is not a yes
    expect(threadApi.reply).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Send anyway' }));
    await vi.waitFor(() => expect(threadApi.reply).toHaveBeenCalledWith('t1', 'Sure, 3pm works'));
    await vi.waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('Review scrolls to the new message and keeps the draft; the next Enter sends', async () => {
    const target = document.createElement('article');
    target.dataset.messageId = 'a2';
    target.scrollIntoView = vi.fn();
    document.body.append(target);
    try {
      render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
      const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
      await type(box, 'Sure, 3pm works');
      await messageArrives();
      await fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
      await fireEvent.click(screen.getByRole('button', { name: 'Review' }));
      expect(target.scrollIntoView).toHaveBeenCalled();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(box.value).toBe('Sure, 3pm works');
      expect(threadApi.reply).not.toHaveBeenCalled();

      await type(box, 'Sure, 4pm works');
      await fireEvent.keyDown(box, { key: 'Enter' });
      await vi.waitFor(() => expect(threadApi.reply).toHaveBeenCalledWith('t1', 'Sure, 4pm works'));
    } finally {
      target.remove();
    }
  });

  it('sends at once when nothing new arrived, and counts only what came after the first keystroke', async () => {
    await messageArrives(); // before typing: already on screen
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'See you at 4');
    await fireEvent.keyDown(box, { key: 'Enter' });
    await vi.waitFor(() => expect(threadApi.reply).toHaveBeenCalledWith('t1', 'See you at 4'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('remembers when the draft began across switching conversations', async () => {
    const view = render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    await type(screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement, 'Half a reply');
    view.unmount();
    await messageArrives();
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    expect(box.value).toBe('Half a reply');
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByRole('alert')).toHaveTextContent('A new message from Olivia Smith arrived');
  });

  it('Escape puts the warning away without sending', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Sure');
    await messageArrives();
    await fireEvent.keyDown(box, { key: 'Enter' });
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(threadApi.reply).not.toHaveBeenCalled();
  });
});

describe('Composer scheduling', () => {
  const at = (days: number, h: number, m = 0) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    d.setHours(h, m, 0, 0);
    return d.getTime();
  };

  beforeEach(() => {
    now.ms = Date.now();
    scheduleApi.schedule.mockResolvedValue(message({ id: 's1', direction: 'outbound', delivery: 'scheduled' }));
  });

  it('offers "Schedule reply…" for replies only, not for notes nor in internal conversations', async () => {
    const { unmount } = render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    expect(screen.getByRole('button', { name: 'Schedule reply…' })).toBeDisabled(); // nothing written yet
    await fireEvent.click(screen.getByRole('radio', { name: 'Note' }));
    expect(screen.queryByRole('button', { name: 'Schedule reply…' })).not.toBeInTheDocument();
    unmount();
    render(Composer, { threadId: 't1', internal: true });
    expect(screen.queryByRole('button', { name: 'Schedule reply…' })).not.toBeInTheDocument();
  });

  it('schedules the reply for a quick pick and empties the composer, like Send', async () => {
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'See you tomorrow!  ');
    await fireEvent.click(screen.getByRole('button', { name: 'Schedule reply…' }));
    const dialog = screen.getByRole('dialog', { name: 'Schedule reply' });
    expect(within(dialog).getByRole('textbox', { name: 'Message to Olivia Smith' })).toHaveValue('See you tomorrow!');
    expect(within(dialog).getByRole('button', { name: 'Schedule' })).toBeDisabled(); // no time yet

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Tomorrow 9:00' }));
    expect(within(dialog).getByRole('button', { name: 'Tomorrow 9:00' })).toHaveAttribute('aria-pressed', 'true');
    expect(dialog).toHaveTextContent('Goes to Olivia Smith tomorrow at 9:00.');
    expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    await vi.waitFor(() => expect(scheduleApi.schedule).toHaveBeenCalledWith('t1', 'See you tomorrow!', at(1, 9)));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(box.value).toBe('');
    expect(threadApi.reply).not.toHaveBeenCalled();
  });

  it('warns when the time falls in the workspace quiet hours', async () => {
    const st = status(camille);
    st.workspace.quiet = { on: true, from: '20:00', to: '08:00' };
    workspace.status.mockResolvedValue(st);
    await session.load();
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    await type(screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement, 'Early bird');
    await fireEvent.click(screen.getByRole('button', { name: 'Schedule reply…' }));
    const dialog = screen.getByRole('dialog', { name: 'Schedule reply' });
    const when = within(dialog).getByLabelText('Send at');
    const early = new Date(at(2, 7, 15));
    const day = `${early.getFullYear()}-${String(early.getMonth() + 1).padStart(2, '0')}-${String(early.getDate()).padStart(2, '0')}`;
    await fireEvent.input(when, { target: { value: `${day}T07:15` } });
    expect(within(dialog).getByRole('note')).toHaveTextContent('Quiet hours: it will go at 08:00 when they end.');
    await fireEvent.input(when, { target: { value: `${day}T09:15` } });
    expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();
  });

  it("keeps the dialog open with Go's sentence when the time is refused", async () => {
    scheduleApi.schedule.mockRejectedValue(
      new HuddleError('invalid', 'Pick a time at least a minute from now; to send straight away, use Send.'),
    );
    render(Composer, { threadId: 't1', clientName: 'Olivia Smith' });
    const box = screen.getByRole('textbox', { name: 'Message to client' }) as HTMLTextAreaElement;
    await type(box, 'Too soon');
    await fireEvent.click(screen.getByRole('button', { name: 'Schedule reply…' }));
    const dialog = screen.getByRole('dialog', { name: 'Schedule reply' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'In 1 hour' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Pick a time at least a minute from now');
    // Closing keeps the draft.
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(box.value).toBe('Too soon');
  });
});
