import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, status } from '../test/fixtures';
import { HuddleError, type Member, type Snippet } from '../bridge';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import SnippetSettings from './SnippetSettings.svelte';

const hours: Snippet = { id: 'sn1', shortcut: 'hours', body: "We're open Tuesday to Saturday, 9am–7pm." };
const address: Snippet = { id: 'sn2', shortcut: 'address', body: 'Riverside: 14 Wharf Lane, next to the bakery.' };
const deposit: Snippet = { id: 'sn3', shortcut: 'deposit', body: 'We take a £30 deposit.' };

function statusWith(me: Member, snippets: Snippet[]) {
  const st = status(me);
  st.workspace.snippets = snippets;
  return st;
}

async function signIn(me: Member, snippets: Snippet[] = [hours, address]) {
  workspace.status.mockResolvedValue(statusWith(me, snippets));
  await session.load();
}

const list = () => screen.getByRole('list', { name: 'Snippets' });
const form = () => screen.getByRole('form', { name: 'Add a snippet' });

async function add(shortcut: string, body: string) {
  await fireEvent.input(within(form()).getByLabelText('Shortcut'), { target: { value: shortcut } });
  await fireEvent.input(within(form()).getByLabelText('Text'), { target: { value: body } });
  await fireEvent.click(within(form()).getByRole('button', { name: 'Add snippet' }));
}

beforeEach(() => {
  resetFakes();
  toasts.items = [];
});

describe('SnippetSettings', () => {
  it("lists the workspace's snippets by shortcut", async () => {
    await signIn(camille);
    render(SnippetSettings, { manager: true });
    const items = within(list()).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.shortcut')?.textContent)).toEqual(['/address', '/hours']);
    expect(items[1]).toHaveTextContent("We're open Tuesday to Saturday, 9am–7pm.");
  });

  it('adds a snippet: the shortcut is stored without its slash, and the list shows it', async () => {
    await signIn(camille);
    workspace.addSnippet.mockImplementationOnce(async (shortcut: string, body: string) => {
      workspace.status.mockResolvedValue(statusWith(camille, [hours, address, { id: 'sn3', shortcut, body }]));
      return { id: 'sn3', shortcut, body };
    });
    render(SnippetSettings, { manager: true });
    await add(' /Deposit ', 'We take a £30 deposit.');
    expect(workspace.addSnippet).toHaveBeenCalledWith('deposit', 'We take a £30 deposit.');
    expect(await within(list()).findByText('/deposit')).toBeInTheDocument();
    expect(within(form()).getByLabelText('Shortcut')).toHaveValue('');
    expect(within(form()).getByLabelText('Text')).toHaveValue('');
    expect(toasts.items.map((t) => t.text)).toContain('Snippet /deposit added. Type /deposit in a reply to use it.');
  });

  it('says what a shortcut and a text need before asking the backend', async () => {
    await signIn(camille);
    render(SnippetSettings, { manager: true });
    await add('', '');
    expect(within(form()).getByText('Enter a shortcut, like hours.')).toBeInTheDocument();
    expect(within(form()).getByText('Write the text the shortcut should insert.')).toBeInTheDocument();
    expect(within(form()).getByLabelText('Shortcut')).toHaveAttribute('aria-invalid', 'true');

    await add('opening hours', 'Nine to five');
    expect(within(form()).getByText('A shortcut is one word of letters and digits, like /hours.')).toBeInTheDocument();

    await add('/hours', 'Nine to five');
    expect(within(form()).getByText('The shortcut /hours is already used.')).toBeInTheDocument();

    await add('late', '   ');
    expect(within(form()).getByText('Write the text the /late shortcut should insert.')).toBeInTheDocument();
    expect(workspace.addSnippet).not.toHaveBeenCalled();
  });

  it("shows the backend's sentence when it refuses", async () => {
    await signIn(camille);
    workspace.addSnippet.mockRejectedValueOnce(new HuddleError('invalid', 'The shortcut /late is already used.'));
    render(SnippetSettings, { manager: true });
    await add('late', 'We close at 8 on Thursdays.');
    expect(await within(form()).findByRole('alert')).toHaveTextContent('The shortcut /late is already used.');
    expect(within(form()).getByLabelText('Text')).toHaveValue('We close at 8 on Thursdays.');
  });

  it('deletes a snippet after asking', async () => {
    await signIn(camille, [hours, address, deposit]);
    workspace.deleteSnippet.mockImplementationOnce(async () => {
      workspace.status.mockResolvedValue(statusWith(camille, [hours, address]));
    });
    render(SnippetSettings, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Delete snippet /deposit' }));
    const d = screen.getByRole('dialog', { name: 'Delete the snippet /deposit?' });
    await fireEvent.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(workspace.deleteSnippet).not.toHaveBeenCalled();

    await fireEvent.click(within(list()).getByRole('button', { name: 'Delete snippet /deposit' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete snippet' }));
    expect(workspace.deleteSnippet).toHaveBeenCalledWith('sn3');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(list()).queryByText('/deposit')).not.toBeInTheDocument();
    expect(toasts.items.map((t) => t.text)).toContain('Snippet /deposit deleted.');
  });

  it('lets Agents read the snippets but not change them', async () => {
    await signIn(ana);
    render(SnippetSettings, { manager: false });
    expect(within(list()).getByText('/hours')).toBeInTheDocument();
    expect(within(list()).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a snippet' })).not.toBeInTheDocument();
  });

  it('says when there are none yet', async () => {
    await signIn(camille, []);
    render(SnippetSettings, { manager: true });
    expect(within(list()).getByText('No snippets yet.')).toBeInTheDocument();
  });
});
