// The Clients page: clients by name prefix, paged over the shared client table.
import { clientApi, type Client, type NewClient } from '../bridge';
import { clients } from './entities.svelte';
import { Paged } from './paged.svelte';
import { nextSeq } from './seq';

class ClientList {
  prefix = $state('');
  readonly pages = new Paged<Client>(clients, async (cursor, limit) => {
    const page = await clientApi.list({ prefix: this.prefix.trim(), cursor, limit });
    return { items: page.clients, next: page.next };
  });

  rows = $derived(this.pages.rows.filter((c) => !c.deleted));
  #fetching = new Set<string>();

  async search(prefix: string): Promise<void> {
    const changed = prefix !== this.prefix || !this.pages.loaded;
    this.prefix = prefix;
    return changed ? this.pages.reload() : this.pages.refresh();
  }

  async refresh(): Promise<void> {
    if (this.pages.loaded) await this.pages.refresh();
  }

  clear(): void {
    this.pages.clear();
  }

  /** Creates a client; the Go side creates its chat thread in the same write. */
  async create(input: NewClient): Promise<Client> {
    const c = await clientApi.create(input);
    clients.put([c], nextSeq());
    return c;
  }

  /** Fetches clients not in the table yet (e.g. to name the client a task is for). */
  async ensure(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && !clients.get(id) && !this.#fetching.has(id));
    await Promise.all(
      missing.map(async (id) => {
        this.#fetching.add(id);
        const seq = nextSeq();
        try {
          clients.put([await clientApi.get(id)], seq);
        } catch {
          // A client that is gone or out of reach keeps the generic label.
        } finally {
          this.#fetching.delete(id);
        }
      }),
    );
  }
}

export const clientList = new ClientList();
