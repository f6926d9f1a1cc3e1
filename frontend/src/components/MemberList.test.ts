import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, gone, marcus, member, status, tom, zoe } from '../test/fixtures';
import { HuddleError, type Member, type WorkspaceStatus } from '../bridge';
import { session } from '../stores/session.svelte';
import { toasts } from '../stores/toasts.svelte';
import MemberList from './MemberList.svelte';

const admin = member({ id: 'm7', name: 'Ada Admin', role: 'admin', brands: ['b1'] });
const nina = member({ id: 'm8', name: 'Nina Kowalski', role: 'agent', brands: ['b1', 'b2'] });

async function signIn(me: Member, st: WorkspaceStatus = status(me, [camille, ana, zoe, marcus, tom, gone, admin, nina])) {
  workspace.status.mockResolvedValue(st);
  await session.load();
}

const list = () => screen.getByRole('list', { name: 'Members' });
const dialog = (name: string | RegExp) => screen.getByRole('dialog', { name });
const toastTexts = () => toasts.items.map((t) => t.text);

beforeEach(() => {
  resetFakes();
  toasts.items = [];
});

describe('MemberList: editing a teammate', () => {
  it("changes a teammate's role and says what went back to the queue", async () => {
    await signIn(camille);
    workspace.updateMember.mockResolvedValueOnce({ threads: 4, tasks: 1 });
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Edit Ana Diaz' }));
    const d = dialog('Edit Ana Diaz');
    expect(within(d).getByLabelText('Name')).toHaveValue('Ana Diaz');
    expect(within(d).getByLabelText('Role')).toHaveValue('agent');
    expect(within(d).getByLabelText('Riverside')).toBeChecked();
    expect(within(d).getByLabelText('Old Town')).not.toBeChecked();
    expect(within(d).queryByTestId('requeue-warning')).not.toBeInTheDocument();

    await fireEvent.change(within(d).getByLabelText('Role'), { target: { value: 'viewer' } });
    expect(within(d).getByTestId('requeue-warning')).toHaveTextContent('go back to the queue');
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));

    // Only what changed is sent.
    expect(workspace.updateMember).toHaveBeenCalledWith('m2', { role: 'viewer' });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(toastTexts()).toContain('Ana Diaz is updated; 4 open conversations and 1 task they can no longer reach went back to the queue.');
    expect(workspace.status).toHaveBeenCalledTimes(2); // the list reloads
  });

  it('changes locations and name; saving nothing closes without a call', async () => {
    await signIn(camille);
    workspace.updateMember.mockResolvedValueOnce({ threads: 0, tasks: 0 });
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Edit Zoé Martin' }));
    let d = dialog('Edit Zoé Martin');
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));
    expect(workspace.updateMember).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await fireEvent.click(within(list()).getByRole('button', { name: 'Edit Zoé Martin' }));
    d = dialog('Edit Zoé Martin');
    await fireEvent.input(within(d).getByLabelText('Name'), { target: { value: '  Zoé Martin-Roy ' } });
    await fireEvent.click(within(d).getByLabelText('Old Town'));
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));
    expect(workspace.updateMember).toHaveBeenCalledWith('m3', { name: 'Zoé Martin-Roy', brands: ['b1', 'b2'] });
    await vi.waitFor(() => expect(toastTexts()).toContain('Zoé Martin-Roy is updated.'));
  });

  it('needs a location for everyone but an Owner', async () => {
    await signIn(camille);
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Edit Ana Diaz' }));
    const d = dialog('Edit Ana Diaz');
    await fireEvent.click(within(d).getByLabelText('Riverside'));
    expect(within(d).getByTestId('requeue-warning')).toBeInTheDocument();
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));
    expect(within(d).getByText('Choose at least one location they work at.')).toBeInTheDocument();
    expect(workspace.updateMember).not.toHaveBeenCalled();

    // An Owner sees every location: no list to pick from, and none is sent.
    workspace.updateMember.mockResolvedValueOnce({ threads: 0, tasks: 0 });
    await fireEvent.change(within(d).getByLabelText('Role'), { target: { value: 'owner' } });
    expect(within(d).queryByRole('group', { name: 'Locations' })).not.toBeInTheDocument();
    expect(within(d).getByText('Owners see every location.')).toBeInTheDocument();
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));
    expect(workspace.updateMember).toHaveBeenCalledWith('m2', { role: 'owner' });
  });

  it("shows the backend's sentence in the dialog when a change is refused", async () => {
    await signIn(camille);
    workspace.updateMember.mockRejectedValueOnce(new HuddleError('invalid', 'Camille Laurent is the only Owner; make someone else an Owner first.'));
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Edit Camille Laurent' }));
    const d = dialog('Edit Camille Laurent');
    await fireEvent.change(within(d).getByLabelText('Role'), { target: { value: 'admin' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));
    expect(await within(d).findByRole('alert')).toHaveTextContent('Camille Laurent is the only Owner; make someone else an Owner first.');
    expect(dialog('Edit Camille Laurent')).toBeInTheDocument();
  });

  it("an Admin cannot make Owners or change an Owner, and keeps locations they cannot see", async () => {
    // Ada works at Riverside only: the workspace she gets lists that brand alone.
    const st = status(admin, [camille, admin, nina]);
    st.workspace.brands = st.workspace.brands.filter((b) => b.id === 'b1');
    await signIn(admin, st);
    workspace.updateMember.mockResolvedValueOnce({ threads: 0, tasks: 0 });
    render(MemberList, { manager: true });
    expect(within(list()).queryByRole('button', { name: 'Edit Camille Laurent' })).not.toBeInTheDocument();
    expect(within(list()).queryByRole('button', { name: 'Deactivate Camille Laurent' })).not.toBeInTheDocument();

    await fireEvent.click(within(list()).getByRole('button', { name: 'Edit Nina Kowalski' }));
    const d = dialog('Edit Nina Kowalski');
    const roles = [...(within(d).getByLabelText('Role') as HTMLSelectElement).options].map((o) => o.value);
    expect(roles).toEqual(['admin', 'agent', 'viewer']);
    expect(within(d).queryByLabelText('Old Town')).not.toBeInTheDocument();
    expect(within(d).getByText(/also works at a location you cannot see/)).toBeInTheDocument();
    await fireEvent.change(within(d).getByLabelText('Role'), { target: { value: 'admin' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Save changes' }));
    expect(workspace.updateMember).toHaveBeenCalledWith('m8', { role: 'admin' });
  });

  it('offers no buttons to Agents', async () => {
    await signIn(ana);
    render(MemberList, { manager: false });
    expect(within(list()).queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('MemberList: deactivating', () => {
  it('asks first, then says how much work went back to the queue', async () => {
    await signIn(camille);
    workspace.deactivate.mockResolvedValueOnce({ threads: 12, tasks: 2 });
    render(MemberList, { manager: true });
    // No button to deactivate yourself.
    expect(within(list()).queryByRole('button', { name: 'Deactivate Camille Laurent' })).not.toBeInTheDocument();

    await fireEvent.click(within(list()).getByRole('button', { name: 'Deactivate Zoé Martin' }));
    let d = dialog('Deactivate Zoé Martin?');
    expect(d).toHaveTextContent('Their open conversations and tasks go back to the queue');
    expect(within(d).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await fireEvent.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(workspace.deactivate).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await fireEvent.click(within(list()).getByRole('button', { name: 'Deactivate Zoé Martin' }));
    d = dialog('Deactivate Zoé Martin?');
    await fireEvent.click(within(d).getByRole('button', { name: 'Deactivate' }));
    expect(workspace.deactivate).toHaveBeenCalledWith('m3');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(toastTexts()).toContain('Zoé Martin is deactivated; 12 open conversations and 2 tasks went back to the queue.');
  });

  it('says so when nothing was assigned', async () => {
    await signIn(camille);
    workspace.deactivate.mockResolvedValueOnce({ threads: 0, tasks: 0 });
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Deactivate Tom Hughes' }));
    await fireEvent.click(within(dialog('Deactivate Tom Hughes?')).getByRole('button', { name: 'Deactivate' }));
    await vi.waitFor(() => expect(toastTexts()).toContain('Tom Hughes is deactivated; nothing was assigned to them.'));
  });

  it('keeps the dialog open with the sentence when the requeue stopped part-way, and reloads', async () => {
    await signIn(camille);
    workspace.deactivate.mockRejectedValueOnce(
      new HuddleError('unavailable', 'Marcus Bell is deactivated, but some of their open work is still assigned to them; deactivate them again to finish.'),
    );
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Deactivate Marcus Bell' }));
    const d = dialog('Deactivate Marcus Bell?');
    await fireEvent.click(within(d).getByRole('button', { name: 'Deactivate' }));
    expect(await within(d).findByRole('alert')).toHaveTextContent('deactivate them again to finish');
    expect(workspace.status).toHaveBeenCalledTimes(2);
  });

  it('reactivates a deactivated teammate', async () => {
    await signIn(camille);
    workspace.reactivate.mockResolvedValueOnce(undefined);
    render(MemberList, { manager: true });
    await fireEvent.click(within(list()).getByRole('button', { name: 'Reactivate Greg Old' }));
    expect(workspace.reactivate).toHaveBeenCalledWith('m6');
    await vi.waitFor(() => expect(toastTexts()).toContain('Greg Old can use Huddle again.'));
  });
});
