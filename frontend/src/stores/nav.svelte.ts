// Which page is shown, and the moves between pages that touch several stores.
import type { View } from '../bridge';
import { clients, notifications, tasks, threads } from './entities.svelte';
import { clientList } from './clientList.svelte';
import { clientTags } from './clientTags.svelte';
import { clearDrafts } from './drafts';
import { viewCounts } from './counts.svelte';
import { notificationCentre } from './notifications.svelte';
import { notifySettings } from './notifySettings.svelte';
import { openThread } from './openThread.svelte';
import { scheduledReplies } from './scheduled.svelte';
import { search } from './search.svelte';
import { session } from './session.svelte';
import { taskList } from './taskList.svelte';
import { teamQueue } from './teamQueue.svelte';
import { threadList } from './threadList.svelte';
import { toasts } from './toasts.svelte';

export type Page = 'inbox' | 'scheduled' | 'tasks' | 'clients' | 'team' | 'queue';

class Nav {
  page = $state<Page>('inbox');
}

export const nav = new Nav();

/** The view a front desk starts on: all open conversations. */
export const DEFAULT_VIEW: View = 'all';

/** Shows an inbox view in the middle column. */
export function showView(view: View): void {
  nav.page = 'inbox';
  threadList.show(view).catch(toasts.error.bind(toasts));
}

/** Shows the open conversations of one location; again on the shown one shows every location. */
export function showBrand(brandId: string): void {
  nav.page = 'inbox';
  const shown = threadList.view === 'all' && threadList.filters.brandId === brandId;
  threadList.view = 'all';
  threadList.setFilters({ ...threadList.filters, brandId: shown ? '' : brandId }).catch(toasts.error.bind(toasts));
}

export function showPage(page: Page): void {
  nav.page = page;
}

/** Opens a conversation on the right of the inbox, from anywhere (a client, a task). */
export function showThread(id: string): void {
  nav.page = 'inbox';
  if (!threadList.pages.loaded) threadList.show(threadList.view).catch(toasts.error.bind(toasts));
  openThread.open(id).catch(toasts.error.bind(toasts));
}

/** Loads what the signed-in member sees first: the counts and their inbox view. */
export async function startInbox(): Promise<void> {
  // The bell's count is background state, like the sync status: a failure is logged, and the
  // next change or opening the centre reads it again.
  notificationCentre.refresh().catch((e) => console.warn('huddle: reading notifications failed', e));
  scheduledReplies.refresh().catch((e) => console.warn('huddle: reading scheduled replies failed', e));
  await Promise.all([viewCounts.refresh(), threadList.show(threadList.view), clientTags.refresh()]);
}

/** Signs another teammate in on this shared desktop and starts their views afresh. */
export async function switchMember(memberId: string): Promise<void> {
  await session.switchTo(memberId);
  forgetMemberData();
  nav.page = 'inbox';
  threadList.view = DEFAULT_VIEW;
  await startInbox();
}

// What one member may see differs from the next (brands, unread marks), and a half-written
// reply is theirs alone: drop it all.
function forgetMemberData(): void {
  clearDrafts();
  openThread.close();
  threadList.clear();
  taskList.clear();
  clientList.clear();
  search.clear();
  teamQueue.clear();
  viewCounts.reset();
  clientTags.clear();
  notificationCentre.clear();
  notifySettings.clear();
  scheduledReplies.clear();
  threads.clear();
  tasks.clear();
  clients.clear();
  notifications.clear();
}
