import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError, type Client } from '../bridge';
import { session } from '../stores/session.svelte';
import { clientApi, inboxApi, resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, client, deferred, status } from '../test/fixtures';
import AnnounceDialog, { sentSentence } from './AnnounceDialog.svelte';

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const maria = client({ id: 'c1', name: 'Maria Lopez', chatThreadId: 't1' });
const mario = client({ id: 'c2', name: 'Mario Rossi', chatThreadId: 't2' });
const marta = client({ id: 'c3', name: 'Marta Diaz', brandId: 'b2', chatThreadId: 't3' });
const all = [maria, mario, marta];

beforeEach(async () => {
  resetFakes();
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  clientApi.list.mockImplementation(async (q: unknown) => {
    const prefix = ((q as { prefix?: string }).prefix ?? '').toLowerCase();
    return { clients: all.filter((c: Client) => c.name.toLowerCase().startsWith(prefix)), next: '' };
  });
});

function open() {
  const onclose = vi.fn();
  render(AnnounceDialog, { onclose });
  return { dialog: screen.getByRole('dialog', { name: 'New announcement' }), onclose };
}

const write = (text: string) => fireEvent.input(screen.getByLabelText('Announcement'), { target: { value: text } });

async function pickClients(...names: string[]) {
  await fireEvent.click(screen.getByRole('radio', { name: 'Selected clients' }));
  for (const name of names) {
    const prefix = name.slice(0, 4);
    await fireEvent.input(screen.getByPlaceholderText('Find clients by name'), { target: { value: prefix } });
    await vi.waitFor(() => expect(clientApi.list).toHaveBeenLastCalledWith({ prefix, limit: 8 }));
    const found = screen.getByRole('group', { name: 'Matching clients' });
    await fireEvent.click(await within(found).findByRole('checkbox', { name: new RegExp(name) }));
  }
}

describe('AnnounceDialog', () => {
  it('needs a text, and at least one client when sending to selected clients', async () => {
    open();
    await fireEvent.click(screen.getByRole('radio', { name: 'Selected clients' }));
    await fireEvent.click(screen.getByRole('button', { name: /^Send to 0 clients/ }));
    expect(screen.getByText('Write the announcement first.')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one client to send it to.')).toBeInTheDocument();
    expect(inboxApi.announce).not.toHaveBeenCalled();
  });

  it('sends to every client of a location, highlighted, and says how many it reached', async () => {
    open();
    await write('Closed on Monday for refurbishment.');
    await fireEvent.change(screen.getByRole('combobox', { name: 'Location' }), { target: { value: 'b2' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: "Highlight it in each client's chat" }));
    inboxApi.announce.mockResolvedValueOnce({ delivered: 124 });
    await fireEvent.click(screen.getByRole('button', { name: 'Send to every client of Old Town' }));
    expect(inboxApi.announce).toHaveBeenCalledWith({
      id: expect.stringMatching(ULID),
      brandId: 'b2',
      clientIds: [],
      body: 'Closed on Monday for refurbishment.',
      highlight: true,
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Sent to 124 clients.');
    expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument();
    expect(screen.getByLabelText('Announcement')).toBeDisabled();
  });

  it('an Owner can send to every location at once', async () => {
    open();
    expect(screen.getByRole('combobox', { name: 'Location' })).toHaveValue('');
    await write('New prices from April.');
    inboxApi.announce.mockResolvedValueOnce({ delivered: 300 });
    await fireEvent.click(screen.getByRole('button', { name: 'Send to every client' }));
    expect(inboxApi.announce).toHaveBeenCalledWith(expect.objectContaining({ brandId: '', clientIds: [] }));
  });

  it('an Agent of one location sends to that location', async () => {
    workspace.status.mockResolvedValue(status(ana));
    await session.load();
    open();
    const where = screen.getByRole('combobox', { name: 'Location' });
    expect(where).toHaveValue('b1');
    expect(within(where).getAllByRole('option').map((o) => o.textContent)).toEqual(['Riverside']);
  });

  it('finds clients by name and sends to the ones picked', async () => {
    open();
    await write('Your stylist is back on Tuesday.');
    await pickClients('Maria Lopez', 'Marta Diaz');
    // Only the clients whose name starts with what was typed are offered.
    const found = screen.getByRole('group', { name: 'Matching clients' });
    const offered = () => within(found).getAllByRole('checkbox').map((c) => c.closest('label')?.querySelector('.name')?.textContent);
    await vi.waitFor(() => expect(offered()).toEqual(['Marta Diaz']));
    expect(within(found).getByText('Old Town')).toBeInTheDocument();
    const chosen = screen.getByRole('list', { name: 'Chosen clients' });
    expect(within(chosen).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual(['Maria Lopez', 'Marta Diaz']);
    // A chip takes a client off again.
    await pickClients('Mario Rossi');
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Mario Rossi' }));

    inboxApi.announce.mockResolvedValueOnce({ delivered: 2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Send to 2 clients' }));
    expect(inboxApi.announce).toHaveBeenCalledWith(expect.objectContaining({ brandId: '', clientIds: ['c1', 'c3'], highlight: false }));
    expect(await screen.findByRole('status')).toHaveTextContent('Sent to 2 clients.');
  });

  it('shows progress while sending', async () => {
    open();
    await write('Closed on Monday.');
    const pending = deferred<{ delivered: number }>();
    inboxApi.announce.mockReturnValueOnce(pending.promise);
    await fireEvent.click(screen.getByRole('button', { name: 'Send to every client' }));
    expect(screen.getByRole('status')).toHaveTextContent('Sending to every client…');
    expect(screen.getByRole('button', { name: 'Send to every client' })).toBeDisabled();
    pending.resolve({ delivered: 3 });
    expect(await screen.findByText('Sent to 3 clients.')).toBeInTheDocument();
  });

  it('after a failure part-way, Send again retries the same announcement, locked as it was', async () => {
    open();
    await write('Closed on Monday.');
    await pickClients('Maria Lopez', 'Mario Rossi');
    inboxApi.announce.mockRejectedValueOnce(
      new HuddleError('unavailable', 'The announcement reached 1 of 2 clients before it stopped. The disk is full.'),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Send to 2 clients' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The announcement reached 1 of 2 clients before it stopped.');
    expect(screen.getByText('Sending it again reaches only the clients who did not get it; nobody gets it twice.')).toBeInTheDocument();
    expect(screen.getByLabelText('Announcement')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Remove Maria Lopez' })).not.toBeInTheDocument();

    inboxApi.announce.mockResolvedValueOnce({ delivered: 2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    const [first, second] = inboxApi.announce.mock.calls.map((c) => c[0]);
    expect(second).toEqual(first);
    expect(first!.id).toMatch(ULID);
    expect(await screen.findByRole('status')).toHaveTextContent('Sent to 2 clients.');
  });

  it('a refusal before anything was sent leaves the form open to change', async () => {
    open();
    await write('Closed on Monday.');
    inboxApi.announce.mockRejectedValueOnce(new HuddleError('invalid', 'There are no clients to send this announcement to.'));
    await fireEvent.click(screen.getByRole('button', { name: 'Send to every client' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There are no clients to send this announcement to.');
    expect(screen.getByLabelText('Announcement')).not.toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send to every client' })).toBeInTheDocument();
  });

  it('a chat not on this computer yet is not counted, and sending again later reaches it', async () => {
    open();
    await write('Closed on Monday.');
    await pickClients('Maria Lopez', 'Mario Rossi');
    inboxApi.announce.mockResolvedValueOnce({ delivered: 1 });
    await fireEvent.click(screen.getByRole('button', { name: 'Send to 2 clients' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      "Sent to 1 of 2 clients. 1 client's chat is not on this computer yet (still syncing); send it again later to reach them.",
    );
    inboxApi.announce.mockResolvedValueOnce({ delivered: 1 });
    await fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    expect(inboxApi.announce.mock.calls[1]![0]).toEqual(inboxApi.announce.mock.calls[0]![0]);
  });

  it('every compose gets its own id', async () => {
    inboxApi.announce.mockResolvedValue({ delivered: 1 });
    for (let i = 0; i < 2; i++) {
      const { dialog } = open();
      await write('Closed on Monday.');
      await fireEvent.click(within(dialog).getByRole('button', { name: 'Send to every client' }));
      await within(dialog).findByRole('status');
      dialog.parentElement!.remove();
    }
    const [a, b] = inboxApi.announce.mock.calls.map((c) => c[0]!.id);
    expect(a).not.toBe(b);
  });
});

describe('sentSentence', () => {
  it.each([
    [1, 0, 'Sent to 1 client.'],
    [12, 0, 'Sent to 12 clients.'],
    [3, 3, 'Sent to 3 clients.'],
    [1, 3, "Sent to 1 of 3 clients. 2 clients' chats are not on this computer yet (still syncing); send it again later to reach them."],
  ])('%i delivered of %i', (delivered, wanted, want) => {
    expect(sentSentence(delivered, wanted)).toBe(want);
  });
});
