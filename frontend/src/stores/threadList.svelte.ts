// The inbox list: one view with its filters, paged over the shared thread table.
import { inboxApi, type Channel, type Thread, type View } from '../bridge';
import { threads } from './entities.svelte';
import { Paged } from './paged.svelte';

export const PAGE_SIZE = 50;

export interface ThreadFilters {
  brandId: string;
  channel: Channel | '';
  label: string;
}

export const NO_FILTERS: ThreadFilters = { brandId: '', channel: '', label: '' };

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
  );

  /** Shows another view (keeping the filters). */
  async show(view: View): Promise<void> {
    if (view === this.view && this.pages.loaded) return this.pages.refresh();
    this.view = view;
    return this.pages.reload();
  }

  async setFilters(f: ThreadFilters): Promise<void> {
    this.filters = f;
    return this.pages.reload();
  }

  refresh(): Promise<void> {
    return this.pages.refresh();
  }

  loadMore(): Promise<void> {
    return this.pages.loadMore();
  }

  clear(): void {
    this.pages.clear();
  }
}

export const threadList = new ThreadList();
