import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { HuddleError, type MemberLoad, type Queue } from '../bridge';
import { inboxApi, queueApi, resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, marcus, status, tom, zoe } from '../test/fixtures';
import { nav } from '../stores/nav.svelte';
import { session } from '../stores/session.svelte';
import { sync } from '../stores/sync.svelte';
import { teamQueue } from '../stores/teamQueue.svelte';
import { threadList } from '../stores/threadList.svelte';
import Sidebar from './Sidebar.svelte';
import TeamQueuePage from './TeamQueuePage.svelte';

const load = (memberId: string, open: number, p: Partial<MemberLoad> = {}): MemberLoad => ({
  memberId,
  assignable: true,
  open,
  unread: 0,
  overdue: 0,
  overdueMore: false,
  ...p,
});

// Average over the four who can hold work: (2 + 10 + 4 + 0) / 4 = 4.
const QUEUE: Queue = {
  members: [
    load(ana.id, 10, { unread: 3, overdue: 2 }),
    load(camille.id, 2),
    load(marcus.id, 0),
    load(tom.id, 0, { assignable: false }),
    load(zoe.id, 4),
  ],
  unassigned: { total: 7, unread: 2 },
  brands: [
    { brandId: 'b1', open: 20, unassigned: 5, unassignedMore: false },
    { brandId: 'b2', open: 3, unassigned: 2, unassignedMore: false },
  ],
};

const row = (id: string) => screen.getByTestId(`queue-member-${id}`);

beforeEach(async () => {
  resetFakes();
  sync.reset();
  teamQueue.hide();
  teamQueue.clear();
  nav.page = 'queue';
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  queueApi.load.mockResolvedValue(QUEUE);
});

describe('TeamQueuePage', () => {
  it('marks who is over and under the team average, and says the rule in a tooltip', async () => {
    render(TeamQueuePage);
    expect(await screen.findByTestId(`queue-member-${ana.id}`)).toBeInTheDocument();

    expect(row(ana.id)).toHaveAttribute('data-load', 'over');
    const over = within(row(ana.id)).getByText('over');
    expect(over).toHaveAttribute('title', expect.stringMatching(/more than 1\.5× the team's average/));
    expect(within(row(marcus.id)).getByText('under')).toHaveAttribute('title', expect.stringMatching(/less than 0\.5×/));
    expect(row(marcus.id)).toHaveAttribute('data-load', 'under');
    // At the average, or between the two thresholds: no label.
    for (const id of [zoe.id, camille.id]) {
      expect(row(id)).toHaveAttribute('data-load', 'even');
      expect(within(row(id)).queryByText(/^(over|under)$/)).not.toBeInTheDocument();
    }
    // A Viewer holds no work and is never marked.
    expect(row(tom.id)).toHaveAttribute('data-load', 'even');
    expect(within(row(tom.id)).getByText(/cannot be assigned/)).toBeInTheDocument();
    expect(screen.getByText(/Average 4 open conversations per teammate/)).toBeInTheDocument();
  });

  it('shows counts, overdue tasks in red, presence and the unassigned queue', async () => {
    sync.applyPresence([{ deviceId: 'd1', deviceName: 'Desk', memberId: ana.id, state: 'online', since: 1 }]);
    render(TeamQueuePage);
    await screen.findByTestId(`queue-member-${ana.id}`);

    expect(within(row(ana.id)).getByTestId('open-count')).toHaveTextContent('10');
    expect(within(row(ana.id)).getByText('3 unread')).toBeInTheDocument();
    const late = within(row(ana.id)).getByTestId('overdue-count');
    expect(late).toHaveTextContent('2');
    expect(late).toHaveClass('late');
    expect(late).toHaveAccessibleName('2 overdue tasks');
    expect(within(row(zoe.id)).getByTestId('overdue-count')).not.toHaveClass('late');
    expect(within(row(ana.id)).getByText(/Agent · Online/)).toBeInTheDocument();
    expect(within(row(zoe.id)).getByText(/Agent · Offline/)).toBeInTheDocument();

    expect(screen.getByTestId('unassigned-count')).toHaveTextContent('7');
    expect(screen.getByText(/open conversations nobody holds, 2 unread/)).toBeInTheDocument();
    const brands = screen.getByRole('table', { name: 'Open conversations per location' });
    expect(within(brands).getByRole('row', { name: 'Riverside 20 5' })).toBeInTheDocument();
    expect(within(brands).getByRole('row', { name: 'Old Town 3 2' })).toBeInTheDocument();
  });

  it('opens the Unassigned inbox view from the queue', async () => {
    inboxApi.page.mockResolvedValue({ threads: [], next: '' });
    render(TeamQueuePage);
    await fireEvent.click(await screen.findByRole('button', { name: 'Open the Unassigned queue' }));
    expect(nav.page).toBe('inbox');
    expect(threadList.view).toBe('unassigned');
    expect(inboxApi.page).toHaveBeenCalledWith(expect.objectContaining({ view: 'unassigned' }));
  });

  it('says why when the backend refuses', async () => {
    queueApi.load.mockRejectedValue(new HuddleError('forbidden', 'Only an Owner or Admin can see the team queue.'));
    render(TeamQueuePage);
    expect(await screen.findByRole('alert')).toHaveTextContent('Only an Owner or Admin can see the team queue.');
  });

  it('stops re-reading once it is closed', async () => {
    const page = render(TeamQueuePage);
    await screen.findByTestId(`queue-member-${ana.id}`);
    expect(teamQueue.shown).toBe(true);
    page.unmount();
    expect(teamQueue.shown).toBe(false);
  });
});

describe('the Team queue entry in the sidebar', () => {
  it('is there for Owners and Admins only', async () => {
    const owner = render(Sidebar);
    expect(screen.getByRole('button', { name: 'Team queue' })).toBeInTheDocument();
    owner.unmount();

    workspace.status.mockResolvedValue(status(ana));
    await session.load();
    render(Sidebar);
    expect(screen.queryByRole('button', { name: 'Team queue' })).not.toBeInTheDocument();
  });

  it('opens the page', async () => {
    nav.page = 'inbox';
    render(Sidebar);
    await fireEvent.click(screen.getByRole('button', { name: 'Team queue' }));
    expect(nav.page).toBe('queue');
  });
});
