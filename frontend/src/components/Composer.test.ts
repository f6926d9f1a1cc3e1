import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, threadApi, workspace } from '../test/fakeApi';
import { camille, detail, message, status, thread } from '../test/fixtures';
import { clearDrafts } from '../stores/drafts';
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

  it('tells a reader who cannot write why there is no composer', () => {
    render(Composer, { threadId: 't1', canWrite: false });
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('You can read this conversation but not write in it.')).toBeInTheDocument();
  });
});
