import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, status } from '../test/fixtures';
import { HuddleError, type Member, type WorkspaceStatus } from '../bridge';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import TeamPage from './TeamPage.svelte';

async function signIn(me: Member, st: WorkspaceStatus = status(me)) {
  workspace.status.mockResolvedValue(st);
  await session.load();
}

/** The status after a change: the same workspace with `edit` applied. */
function after(me: Member, edit: (st: WorkspaceStatus) => void): WorkspaceStatus {
  const st = status(me);
  edit(st);
  return st;
}

const region = (name: string) => screen.getByRole('region', { name });

beforeEach(() => {
  resetFakes();
  toasts.items = [];
});

describe('Team page: the workspace', () => {
  it('renames the workspace from the field at the top', async () => {
    await signIn(camille);
    workspace.rename.mockImplementationOnce(async (name: string) => {
      workspace.status.mockResolvedValue(after(camille, (st) => (st.workspace.name = name.trim())));
    });
    render(TeamPage);
    const form = within(region('Workspace')).getByRole('form', { name: 'Rename the workspace' });
    const field = within(form).getByLabelText('Workspace name');
    expect(field).toHaveValue('Maison Lumière');
    expect(within(form).getByRole('button', { name: 'Save name' })).toBeDisabled();

    await fireEvent.input(field, { target: { value: '' } });
    await fireEvent.submit(form);
    expect(within(form).getByText('Enter the name of your business.')).toBeInTheDocument();
    expect(workspace.rename).not.toHaveBeenCalled();

    await fireEvent.input(field, { target: { value: 'Maison Lumière Salons ' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save name' }));
    expect(workspace.rename).toHaveBeenCalledWith('Maison Lumière Salons ');
    await vi.waitFor(() => expect(toasts.items.map((t) => t.text)).toContain('The workspace is now called Maison Lumière Salons.'));
    expect(session.workspace?.name).toBe('Maison Lumière Salons');
    expect(field).toHaveValue('Maison Lumière Salons');
    expect(within(form).getByRole('button', { name: 'Save name' })).toBeDisabled();
  });

  it("shows the backend's sentence when the name is refused", async () => {
    await signIn(camille);
    workspace.rename.mockRejectedValueOnce(new HuddleError('invalid', "The workspace's name is too long; keep it under 120 characters."));
    render(TeamPage);
    const form = within(region('Workspace')).getByRole('form', { name: 'Rename the workspace' });
    await fireEvent.input(within(form).getByLabelText('Workspace name'), { target: { value: 'x'.repeat(130) } });
    await fireEvent.submit(form);
    expect(await within(form).findByText("The workspace's name is too long; keep it under 120 characters.")).toBeInTheDocument();
  });

  it('shows Agents the name, and the snippets, without anything to change', async () => {
    await signIn(ana);
    render(TeamPage);
    expect(within(region('Workspace')).getByText('Maison Lumière')).toBeInTheDocument();
    expect(within(region('Workspace')).queryByRole('textbox')).not.toBeInTheDocument();
    expect(within(region('Snippets')).queryByRole('form')).not.toBeInTheDocument();
    expect(within(region('Locations')).queryByRole('button', { name: /^Rename/ })).not.toBeInTheDocument();
    expect(within(region('Labels')).queryByRole('button', { name: /^Delete label/ })).not.toBeInTheDocument();
  });
});

describe('Team page: locations', () => {
  it('renames a location in place', async () => {
    await signIn(camille);
    workspace.renameBrand.mockImplementationOnce(async (id: string, name: string) => {
      workspace.status.mockResolvedValue(after(camille, (st) => (st.workspace.brands.find((b) => b.id === id)!.name = name)));
    });
    render(TeamPage);
    const brands = region('Locations');
    await fireEvent.click(within(brands).getByRole('button', { name: 'Rename Old Town' }));
    const field = within(brands).getByLabelText('New name for Old Town');
    expect(field).toHaveValue('Old Town');
    expect(field).toHaveFocus();
    await fireEvent.input(field, { target: { value: 'Old Town Studio' } });
    await fireEvent.click(within(brands).getByRole('button', { name: 'Save' }));
    expect(workspace.renameBrand).toHaveBeenCalledWith('b2', 'Old Town Studio');
    expect(await within(brands).findByText('Old Town Studio')).toBeInTheDocument();
    expect(within(brands).queryByRole('textbox', { name: /^New name/ })).not.toBeInTheDocument();
  });

  it("keeps the field open with the backend's sentence, and Escape gives up", async () => {
    await signIn(camille);
    workspace.renameBrand.mockRejectedValueOnce(new HuddleError('invalid', 'There is already a location called Riverside.'));
    render(TeamPage);
    const brands = region('Locations');
    await fireEvent.click(within(brands).getByRole('button', { name: 'Rename Old Town' }));
    const field = within(brands).getByLabelText('New name for Old Town');
    await fireEvent.input(field, { target: { value: 'riverside' } });
    await fireEvent.click(within(brands).getByRole('button', { name: 'Save' }));
    expect(await within(brands).findByText('There is already a location called Riverside.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await fireEvent.keyDown(field, { key: 'Escape' });
    expect(within(brands).queryByLabelText('New name for Old Town')).not.toBeInTheDocument();
    expect(within(brands).getByText('Old Town')).toBeInTheDocument();
  });
});

describe('Team page: labels', () => {
  it('deletes a label after asking', async () => {
    await signIn(camille);
    workspace.deleteLabel.mockImplementationOnce(async () => {
      workspace.status.mockResolvedValue(after(camille, (st) => (st.workspace.labels = [])));
    });
    render(TeamPage);
    await fireEvent.click(within(region('Labels')).getByRole('button', { name: 'Delete label Booking' }));
    const d = screen.getByRole('dialog', { name: 'Delete the label Booking?' });
    await fireEvent.click(within(d).getByRole('button', { name: 'Delete label' }));
    expect(workspace.deleteLabel).toHaveBeenCalledWith('l1');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(region('Labels')).getByText('No labels yet.')).toBeInTheDocument();
  });
});
