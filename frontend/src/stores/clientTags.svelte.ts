// The client tags the inbox can be filtered by: those of the clients the member sees.
import { inboxApi } from '../bridge';
import { Latest } from './seq';

class ClientTags {
  list = $state.raw<string[]>([]);
  #latest = new Latest();

  async refresh(): Promise<void> {
    const seq = this.#latest.begin();
    const tags = await inboxApi.clientTags();
    if (this.#latest.isCurrent(seq)) this.list = tags;
  }

  clear(): void {
    this.#latest.invalidate();
    this.list = [];
  }
}

export const clientTags = new ClientTags();
