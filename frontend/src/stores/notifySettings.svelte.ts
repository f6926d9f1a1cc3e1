// The signed-in member's notification preferences and, for Owners and Admins, the workspace's
// quiet hours. Saves of one kind run one after another, so the last change made is the one
// kept; a save that Go refuses leaves the saved value as it was and rejects with its sentence.
import { notifyApi, type NotifyPrefs, type QuietHours } from '../bridge';
import { Latest } from './seq';

/** One setting read from Go and saved back, one save at a time. */
class Saved<T> {
  value = $state.raw<T | null>(null);
  #latest = new Latest();
  #queue: Promise<unknown> = Promise.resolve();
  #read: () => Promise<T>;
  #write: (v: T) => Promise<void>;

  constructor(read: () => Promise<T>, write: (v: T) => Promise<void>) {
    this.#read = read;
    this.#write = write;
  }

  async load(): Promise<void> {
    const seq = this.#latest.begin();
    const v = await this.#read();
    if (this.#latest.isCurrent(seq)) this.value = v;
  }

  /** Saves v after the saves before it; a read still in flight is then out of date. */
  save(v: T): Promise<void> {
    const run = this.#queue.catch(() => {}).then(async () => {
      await this.#write(v);
      this.#latest.invalidate();
      this.value = v;
    });
    this.#queue = run;
    return run;
  }

  clear(): void {
    this.#latest.invalidate();
    this.value = null;
  }
}

class NotifySettings {
  readonly prefs = new Saved<NotifyPrefs>(
    () => notifyApi.prefs(),
    (p) => notifyApi.setPrefs(p),
  );
  readonly workspaceQuiet = new Saved<QuietHours>(
    () => notifyApi.workspaceQuiet(),
    (q) => notifyApi.setWorkspaceQuiet(q),
  );

  /** Forgets both (another teammate signs in). */
  clear(): void {
    this.prefs.clear();
    this.workspaceQuiet.clear();
  }
}

export const notifySettings = new NotifySettings();
