// The inbox search: the text being typed and the newest answer for it. Answers can arrive out
// of order (a short prefix matches more and answers later), so only the newest request's
// answer is applied (Latest).
import { inboxApi, messageOf, type SearchResult } from '../bridge';
import { Latest } from './seq';

const EMPTY: SearchResult = { clients: [], threads: [] };

class Search {
  text = $state('');
  result = $state<SearchResult>(EMPTY);
  /** The text the shown result answers; differs from text while a search is in flight. */
  answered = $state('');
  error = $state('');
  #latest = new Latest();

  /** Runs a search for text; a blank text clears the result without asking Go. */
  async run(text: string): Promise<void> {
    this.text = text;
    const seq = this.#latest.begin();
    if (!text.trim()) {
      this.result = EMPTY;
      this.answered = text;
      this.error = '';
      return;
    }
    try {
      const result = await inboxApi.search(text);
      if (!this.#latest.isCurrent(seq)) return;
      this.result = result;
      this.answered = text;
      this.error = '';
    } catch (e) {
      if (!this.#latest.isCurrent(seq)) return;
      this.result = EMPTY;
      this.answered = text;
      this.error = messageOf(e);
    }
  }

  /** Forgets the search (on close, or when another teammate signs in). */
  clear(): void {
    this.#latest.invalidate();
    this.text = '';
    this.answered = '';
    this.error = '';
    this.result = EMPTY;
  }
}

export const search = new Search();
