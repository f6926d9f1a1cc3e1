// Total and unread threads of every inbox view, and open threads per location, for the
// sidebar.
import { inboxApi, VIEWS, type Counts } from '../bridge';
import { Latest } from './seq';

function empty(): Counts {
  return Object.fromEntries(VIEWS.map((v) => [v, { total: 0, unread: 0 }])) as Counts;
}

class ViewCounts {
  counts = $state.raw<Counts>(empty());
  /** Open conversations by location id; only the locations the member sees. */
  brands = $state.raw<Record<string, number>>({});
  #latest = new Latest();

  async refresh(): Promise<void> {
    const seq = this.#latest.begin();
    const [c, b] = await Promise.all([inboxApi.counts(), inboxApi.brandCounts()]);
    if (!this.#latest.isCurrent(seq)) return;
    this.counts = { ...empty(), ...c };
    this.brands = b;
  }

  reset(): void {
    this.#latest.invalidate();
    this.counts = empty();
    this.brands = {};
  }
}

export const viewCounts = new ViewCounts();
