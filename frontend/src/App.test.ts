import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('./bridge/api', () => import('./test/fakeApi'));
import { render, screen } from '@testing-library/svelte';
import { inboxApi, resetFakes, workspace } from './test/fakeApi';
import { ana, camille, status, thread } from './test/fixtures';
import { fireEvent } from '@testing-library/svelte';
import App from './App.svelte';
import { HuddleError } from './bridge/errors';

beforeEach(() => {
  resetFakes();
});

describe('App', () => {
  // First: the session store is shared, and only a session still loading turns into 'failed'.
  it('says why the workspace could not be opened, in the words of the backend', async () => {
    const why = 'Huddle is already running with this data folder (/data). Close the other Huddle window.';
    workspace.status.mockRejectedValue(new HuddleError('locked', why));
    render(App);
    expect(await screen.findByRole('heading', { name: 'Huddle could not open your workspace' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(why);
    // Retrying cannot help while the other Huddle holds the data: offer to close instead.
    expect(screen.getByRole('button', { name: 'Close Huddle' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('shows the first-run screen before a workspace exists', async () => {
    workspace.status.mockResolvedValue({ ready: false } as never);
    render(App);
    expect(await screen.findByRole('heading', { name: 'Welcome to Huddle' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create workspace' })).toBeInTheDocument();
  });

  it('opens the inbox and tells Go once that the first page is on screen', async () => {
    workspace.status.mockResolvedValue(status(camille));
    inboxApi.counts.mockResolvedValue({ all: { total: 2, unread: 1 } } as never);
    inboxApi.page.mockResolvedValue({ threads: [thread({ id: 't1' }), thread({ id: 't2', clientName: 'Ruby Lee' })], next: '' });
    render(App);
    expect(await screen.findByRole('heading', { name: 'All open', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /Ruby Lee/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'All open, 2 conversations, 1 unread' })).toBeInTheDocument();
    await vi.waitFor(() => expect(workspace.frontendReady).toHaveBeenCalledWith('all', 2));
    expect(workspace.frontendReady).toHaveBeenCalledTimes(1);
  });
  // Last: the first inbox render is reported once per page load, and this one renders too.
  it('asks who is at the desk when the workspace has nobody signed in, never the first-run screen', async () => {
    workspace.status.mockResolvedValue({ hasWorkspace: true, ready: false, workspace: status(camille).workspace, teammates: [camille, ana] } as never);
    workspace.switchMember.mockResolvedValue(status(ana));
    inboxApi.counts.mockResolvedValue({} as never);
    inboxApi.page.mockResolvedValue({ threads: [], next: '' });
    render(App);
    expect(await screen.findByRole('heading', { name: 'Who is at the desk?' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Welcome to Huddle' })).not.toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: `Sign in as ${ana.name}` }));
    expect(workspace.switchMember).toHaveBeenCalledWith(ana.id);
  });
});
