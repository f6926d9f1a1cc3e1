import { beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { render, screen, within } from '@testing-library/svelte';
import { workspace } from '../test/fakeApi';
import { ana, camille, message, status } from '../test/fixtures';
import { session } from '../stores/session.svelte';
import MessageItem from './MessageItem.svelte';

beforeAll(async () => {
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
});

describe('MessageItem', () => {
  it('shows an internal note as a tagged note, never as a message, with the mention marked', () => {
    render(MessageItem, {
      message: message({ id: 'n', kind: 'note', direction: 'internal', authorId: camille.id, body: 'Call her back @ana please' }),
      clientName: 'Olivia Smith',
    });
    const note = screen.getByRole('article', { name: 'Internal note by Camille Laurent' });
    expect(within(note).getByText('Internal note')).toBeInTheDocument();
    expect(within(note).getByText('@ana')).toHaveAttribute('title', ana.name);
    expect(note).toHaveTextContent('Call her back @ana please');
    expect(screen.queryByRole('article', { name: /^Message/ })).not.toBeInTheDocument();
  });

  it('names the client on inbound messages and the teammate on replies, with the delivery state', () => {
    render(MessageItem, { message: message({ id: 'i', body: 'Is Friday free?' }), clientName: 'Olivia Smith' });
    render(MessageItem, {
      message: message({ id: 'o', direction: 'outbound', authorId: ana.id, body: 'Yes!', delivery: 'queued' }),
      clientName: 'Olivia Smith',
    });
    expect(screen.getByRole('article', { name: 'Message from Olivia Smith' })).toHaveTextContent('Is Friday free?');
    const reply = screen.getByRole('article', { name: 'Message from Ana Diaz' });
    expect(reply).toHaveTextContent('Yes!');
    expect(reply).toHaveTextContent('Queued');
  });

  it('tags announcements', () => {
    render(MessageItem, {
      message: message({ id: 'a', kind: 'announcement', direction: 'outbound', authorId: camille.id, highlight: true, body: 'Closed Monday' }),
      clientName: 'Olivia Smith',
    });
    const a = screen.getByRole('article', { name: 'Announcement from Camille Laurent' });
    expect(within(a).getByText('Announcement')).toBeInTheDocument();
  });

  it('shows events as a small line, not as an article', () => {
    render(MessageItem, {
      message: message({ id: 'e', kind: 'event', direction: 'internal', event: 'assigned', body: 'Camille Laurent assigned this to Ana Diaz.' }),
      clientName: 'Olivia Smith',
    });
    expect(screen.getByRole('note')).toHaveTextContent('Camille Laurent assigned this to Ana Diaz.');
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });
});
