// The Tasks page: my open tasks, all open tasks or done tasks, paged over the shared task table.
import { taskApi, type NewTask, type Task } from '../bridge';
import { tasks } from './entities.svelte';
import { Paged } from './paged.svelte';
import { nextSeq } from './seq';

export type TaskFilter = 'mine' | 'open' | 'done';

class TaskList {
  filter = $state<TaskFilter>('mine');
  meId = $state('');
  readonly pages = new Paged<Task>(
    tasks,
    async (cursor, limit) => {
      const page = await taskApi.list({
        assigneeId: this.filter === 'mine' ? this.meId : '',
        done: this.filter === 'done',
        cursor,
        limit,
      });
      return { items: page.tasks, next: page.next };
    },
    100,
  );

  /** Rows still matching the filter: a task ticked off leaves an open list at once. */
  rows = $derived(
    this.pages.rows.filter(
      (t) =>
        !t.deleted &&
        t.done === (this.filter === 'done') &&
        (this.filter !== 'mine' || t.assigneeId === this.meId),
    ),
  );

  async show(filter: TaskFilter, meId: string): Promise<void> {
    const changed = filter !== this.filter || meId !== this.meId || !this.pages.loaded;
    this.filter = filter;
    this.meId = meId;
    return changed ? this.pages.reload() : this.pages.refresh();
  }

  /** Re-reads the rows shown, if the page has been opened. */
  async refresh(): Promise<void> {
    if (this.pages.loaded) await this.pages.refresh();
  }

  clear(): void {
    this.pages.clear();
  }

  async create(input: NewTask): Promise<Task> {
    const t = await taskApi.create(input);
    tasks.put([t], nextSeq());
    await this.refresh();
    return t;
  }

  async setDone(id: string, done: boolean): Promise<void> {
    tasks.put([await taskApi.setDone(id, done)], nextSeq());
    await this.refresh();
  }

  async assign(id: string, assigneeId: string): Promise<void> {
    tasks.put([await taskApi.update(id, { assigneeId })], nextSeq());
    await this.refresh();
  }
}

export const taskList = new TaskList();
