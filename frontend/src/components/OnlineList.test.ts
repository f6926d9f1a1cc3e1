import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { render, screen, within } from '@testing-library/svelte';
import { resetFakes, workspace } from '../test/fakeApi';
import { ana, camille, status, zoe } from '../test/fixtures';
import type { Presence } from '../bridge';
import { session } from '../stores/session.svelte';
import { sync } from '../stores/sync.svelte';
import MemberList from './MemberList.svelte';
import OnlineList from './OnlineList.svelte';

const device = (deviceId: string, memberId: string, state: Presence['state'] = 'online'): Presence => ({
  deviceId,
  deviceName: deviceId,
  memberId,
  state,
  since: 1,
});

beforeEach(async () => {
  resetFakes();
  sync.reset();
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
});

describe('OnlineList', () => {
  it('shows each teammate once, those at their desk first, the away ones dimmed', () => {
    sync.applyPresence([
      device('laptop', zoe.id, 'away'),
      device('desk', ana.id, 'away'),
      device('phone', ana.id, 'online'),
      device('front', camille.id),
      device('stranger', 'm-unknown'),
    ]);
    render(OnlineList);
    const list = screen.getByTestId('online-list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.testid)).toEqual([`online-${ana.id}`, `online-${camille.id}`, `online-${zoe.id}`]);
    expect(screen.getByTestId(`online-${zoe.id}`)).toHaveAttribute('data-presence', 'away');
    expect(screen.getByRole('img', { name: 'Camille Laurent (you), online' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Zoé Martin, away' })).toBeInTheDocument();
  });

  it('is not there while nobody is online', () => {
    render(OnlineList);
    expect(screen.queryByTestId('online-list')).not.toBeInTheDocument();
  });

  it('puts a green dot on online teammates in the Team page list', () => {
    sync.applyPresence([device('desk', ana.id)]);
    render(MemberList, { manager: false });
    const members = screen.getByRole('list', { name: 'Members' });
    expect(within(members).getAllByRole('img', { name: 'Online' })).toHaveLength(1);
    expect(within(members).getByText('Ana Diaz').closest('li')).toHaveAttribute('data-presence', 'online');
  });
});
