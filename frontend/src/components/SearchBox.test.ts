import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
vi.mock('../stores/nav.svelte', () => ({ showThread: vi.fn() }));
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { inboxApi, resetFakes } from '../test/fakeApi';
import type { SearchResult } from '../bridge';
import { showThread } from '../stores/nav.svelte';
import { search } from '../stores/search.svelte';
import SearchBox from './SearchBox.svelte';

const result: SearchResult = {
  clients: [{ id: 'cl_1', name: 'Maria Lopez', brandId: 'br_1', chatThreadId: 'th_chat' }],
  threads: [
    {
      threadId: 'th_2',
      clientId: 'cl_1',
      clientName: 'Maria Lopez',
      brandId: 'br_1',
      channel: 'sms',
      subject: '',
      messageId: 'm_1',
      kind: 'message',
      snippet: 'Can I book a balayage?',
      createdAt: 1,
    },
  ],
};

beforeEach(() => {
  resetFakes();
  search.clear();
  vi.mocked(showThread).mockReset();
  inboxApi.search.mockResolvedValue(result);
});

async function typeIn(text: string) {
  const input = screen.getByTestId('search-input');
  await fireEvent.input(input, { target: { value: text } });
  await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(2));
  return input;
}

describe('SearchBox', () => {
  it('groups clients and conversations and opens the chosen one with the keyboard', async () => {
    render(SearchBox);
    const input = await typeIn('ma');
    expect(inboxApi.search).toHaveBeenCalledWith('ma');
    expect(screen.getByText('Clients')).toBeTruthy();
    expect(screen.getByText('Conversations')).toBeTruthy();
    expect(screen.getByText('Can I book a balayage?')).toBeTruthy();
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(showThread).toHaveBeenCalledWith('th_2');
  });

  it('opens a client’s chat on click and closes on Escape', async () => {
    render(SearchBox);
    const input = await typeIn('maria');
    await fireEvent.click(screen.getAllByTestId('search-result')[0]);
    expect(showThread).toHaveBeenCalledWith('th_chat');
    await fireEvent.focus(input);
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('search-results')).toBeNull();
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('takes the focus when asked', async () => {
    render(SearchBox);
    window.dispatchEvent(new CustomEvent('huddle:focus-search'));
    expect(document.activeElement).toBe(screen.getByTestId('search-input'));
  });
});
