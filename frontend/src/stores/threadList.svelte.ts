// The inbox list: one view with its filters, paged over the shared thread table.
import { inboxApi, type Channel, type Thread, type View } from '../bridge';
import { threads } from './entities.svelte';
import { Paged } from './paged.svelte';
import { selection } from './selection.svelte';

export const PAGE_SIZE = 50;

/** Whether the thread has an assignee at all; '' is either (model.ThreadQuery.Assigned). */
export type AssignedFilter = '' | 'yes' | 'no';

// Named as model.ThreadQuery's JSON fields, so the filters spread straight into the query.
export interface ThreadFilters {
  brandId: string;
  channel: Channel | '';
  label: string;
  assigneeId: string;
  assigned: AssignedFilter;
  clientTag: string;
}

export const NO_FILTERS: ThreadFilters = {
  brandId: '',
  channel: '',
  label: '',
  assigneeId: '',
  assigned: '',
  clientTag: '',
};

/** The inbox indexes' order: newest activity first (negative times as 0), then by id. */
export function threadOrder(a: Thread, b: Thread): number {
  const byActivity = Math.max(0, b.lastActivityAt) - Math.max(0, a.lastActivityAt);
  return byActivity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

class ThreadList {
  view = $state<View>('all');
  filters = $state.raw<ThreadFilters>(NO_FILTERS);
  readonly pages = new Paged<Thread>(
    threads,
    async (cursor, limit) => {
      const page = await inboxApi.page({ view: this.view, ...this.filters, cursor, limit });
      return { items: page.threads, next: page.next };
    },
    PAGE_SIZE,
    threadOrder,
  );

  /** Shows another view (keeping the filters). */
  async show(view: View): Promise<void> {
    if (view === this.view && this.pages.loaded) return this.refresh();
    this.view = view;
    selection.clear();
    return this.pages.reload();
  }

  async setFilters(f: ThreadFilters): Promise<void> {
    this.filters = f;
    selection.clear();
    return this.pages.reload();
  }

  async refresh(): Promise<void> {
    await this.pages.refresh();
    selection.retain(this.pages.ids);
  }

  loadMore(): Promise<void> {
    return this.pages.loadMore();
  }

  /** Forgets the list and its filters (another member signs in). */
  clear(): void {
    selection.clear();
    this.filters = NO_FILTERS;
    this.pages.clear();
  }
}

export const threadList = new ThreadList();
