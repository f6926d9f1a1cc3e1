// The conversation shown on the right: its timeline (normalized messages), client and tasks,
// and every action on it. The thread itself lives in the shared thread table, so the list row
// and the header always agree.
import { SvelteMap } from 'svelte/reactivity';
import { threadApi, taskApi, type Access, type Message, type NewTask, type Task } from '../bridge';
import { clients, tasks, threads } from './entities.svelte';
import { Latest, nextSeq } from './seq';

export type ComposerMode = 'message' | 'note';
export type OpenState = 'empty' | 'loading' | 'ready' | 'gone';

class OpenThread {
  id = $state<string | null>(null);
  state = $state<OpenState>('empty');
  messages = new SvelteMap<string, Message>();
  messageIds = $state.raw<string[]>([]);
  clientId = $state('');
  taskIds = $state.raw<string[]>([]);
  /** The client's other open tasks: on the client alone or on another of their conversations. */
  clientTaskIds = $state.raw<string[]>([]);

  thread = $derived(this.id ? threads.get(this.id) : undefined);
  client = $derived(this.clientId ? clients.get(this.clientId) : undefined);
  timeline = $derived(this.messageIds.map((id) => this.messages.get(id)!).filter(Boolean));
  openTasks = $derived(openOf(this.taskIds));
  clientTasks = $derived(openOf(this.clientTaskIds));

  #latest = new Latest();

  async open(id: string): Promise<void> {
    if (this.id !== id) {
      this.id = id;
      this.messages.clear();
      this.messageIds = [];
      this.clientId = '';
      this.taskIds = [];
      this.clientTaskIds = [];
      this.state = 'loading';
    }
    await this.refresh();
  }

  close(): void {
    this.#latest.invalidate();
    this.id = null;
    this.state = 'empty';
    this.messages.clear();
    this.messageIds = [];
    this.clientId = '';
    this.taskIds = [];
    this.clientTaskIds = [];
  }

  /** Re-reads the open thread; a response for another thread or an older request is dropped. */
  async refresh(): Promise<void> {
    const id = this.id;
    if (!id) return;
    const seq = this.#latest.begin();
    try {
      const d = await threadApi.open(id);
      if (!this.#latest.isCurrent(seq) || this.id !== id) return;
      threads.put([d.thread], seq);
      if (d.client?.id) clients.put([d.client], seq);
      const clientTasks = d.clientTasks ?? [];
      tasks.put([...d.tasks, ...clientTasks], seq);
      const live = d.messages.filter((m) => !m.deleted);
      for (const m of live) this.messages.set(m.id, m);
      const keep = new Set(live.map((m) => m.id));
      for (const old of this.messages.keys()) if (!keep.has(old)) this.messages.delete(old);
      this.messageIds = live.map((m) => m.id);
      this.clientId = d.client?.id ?? '';
      this.taskIds = d.tasks.map((t) => t.id);
      this.clientTaskIds = clientTasks.map((t) => t.id);
      this.state = 'ready';
    } catch (e) {
      if (!this.#latest.isCurrent(seq) || this.id !== id) return;
      if ((e as { code?: string }).code === 'not_found') {
        this.state = 'gone';
        return;
      }
      throw e;
    }
  }

  #thread(): string {
    if (!this.id) throw new Error('no thread is open');
    return this.id;
  }

  /** Sends a reply to the client or adds an internal note. */
  async send(mode: ComposerMode, body: string): Promise<void> {
    const id = this.#thread();
    const msg = mode === 'note' ? await threadApi.note(id, body) : await threadApi.reply(id, body);
    this.#appendIfCurrent(id, msg);
    await this.refresh();
  }

  /** Records what the client said through a channel Huddle does not connect to (a call). */
  async logInbound(body: string): Promise<void> {
    const id = this.#thread();
    const msg = await threadApi.logInbound(id, body);
    this.#appendIfCurrent(id, msg);
    await this.refresh();
  }

  async assign(memberId: string): Promise<void> {
    await threadApi.assign(this.#thread(), memberId);
    await this.refresh();
  }

  async resolve(): Promise<void> {
    await threadApi.resolve(this.#thread());
    await this.refresh();
  }

  async reopen(): Promise<void> {
    await threadApi.reopen(this.#thread());
    await this.refresh();
  }

  async setLabel(labelId: string, on: boolean): Promise<void> {
    await threadApi.setLabel(this.#thread(), labelId, on);
    await this.refresh();
  }

  async follow(on: boolean): Promise<void> {
    await threadApi.follow(this.#thread(), on);
    await this.refresh();
  }

  /** Adds a teammate to the thread, or changes their access. */
  async setParticipant(memberId: string, access: Access): Promise<void> {
    await threadApi.setParticipant(this.#thread(), memberId, access);
    await this.refresh();
  }

  async removeParticipant(memberId: string): Promise<void> {
    await threadApi.removeParticipant(this.#thread(), memberId);
    await this.refresh();
  }

  /** Adds (on) or removes a read-only watcher. */
  async setWatcher(memberId: string, on: boolean): Promise<void> {
    await threadApi.setWatcher(this.#thread(), memberId, on);
    await this.refresh();
  }

  async addTask(input: Omit<NewTask, 'threadId' | 'clientId' | 'notes'>): Promise<void> {
    const id = this.#thread();
    const t = await taskApi.create({ ...input, notes: '', threadId: id, clientId: '' });
    tasks.put([t], nextSeq());
    if (this.id === id) this.taskIds = [...this.taskIds, t.id];
  }

  async setTaskDone(taskId: string, done: boolean): Promise<void> {
    const t = await taskApi.setDone(taskId, done);
    tasks.put([t], nextSeq());
  }

  // The sent message shows at once, before the refresh that follows brings the event lines.
  #appendIfCurrent(id: string, msg: Message): void {
    if (this.id !== id || this.messages.has(msg.id)) return;
    this.messages.set(msg.id, msg);
    this.messageIds = [...this.messageIds, msg.id];
  }
}

/** The tasks of ids still open, in the order given. */
function openOf(ids: string[]): Task[] {
  return ids.map((id) => tasks.get(id)).filter((t): t is Task => !!t && !t.done && !t.deleted);
}

export const openThread = new OpenThread();

