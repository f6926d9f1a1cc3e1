// Total and unread threads of every inbox view, for the sidebar.
import { inboxApi, VIEWS, type Counts } from '../bridge';
import { Latest } from './seq';

function empty(): Counts {
  return Object.fromEntries(VIEWS.map((v) => [v, { total: 0, unread: 0 }])) as Counts;
}

class ViewCounts {
  counts = $state.raw<Counts>(empty());
  #latest = new Latest();

  async refresh(): Promise<void> {
    const seq = this.#latest.begin();
    const c = await inboxApi.counts();
    if (!this.#latest.isCurrent(seq)) return;
    this.counts = { ...empty(), ...c };
  }

  reset(): void {
    this.#latest.invalidate();
    this.counts = empty();
  }
}

export const viewCounts = new ViewCounts();
