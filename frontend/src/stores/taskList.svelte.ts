// The Tasks page: my open tasks, all open tasks, overdue tasks or done tasks, paged over the
// shared task table. Overdue is every open task the member can see that was due before the
// list was read (the store walks its due-date index up to that moment).
import { taskApi, type NewTask, type Task, type TaskPatch } from '../bridge';
import { now } from './clock.svelte';
import { tasks } from './entities.svelte';
import { Paged } from './paged.svelte';
import { nextSeq } from './seq';

export type TaskFilter = 'mine' | 'open' | 'overdue' | 'done';

class TaskList {
  filter = $state<TaskFilter>('mine');
  meId = $state('');
  /** When the overdue list was last read: what counts as overdue until the clock passes it. */
  asOf = $state(0);
  readonly pages = new Paged<Task>(
    tasks,
    async (cursor, limit) => {
      let dueBefore = 0;
      if (this.filter === 'overdue') {
        dueBefore = Date.now();
        this.asOf = dueBefore;
      }
      const page = await taskApi.list({
        assigneeId: this.filter === 'mine' ? this.meId : '',
        done: this.filter === 'done',
        dueBefore,
        cursor,
        limit,
      });
      return { items: page.tasks, next: page.next };
    },
    100,
  );

  /**
   * Rows still matching the filter: a task ticked off leaves an open list at once, and one
   * whose due date moved later leaves the overdue list.
   */
  rows = $derived(
    this.pages.rows.filter(
      (t) =>
        !t.deleted &&
        t.done === (this.filter === 'done') &&
        (this.filter !== 'mine' || t.assigneeId === this.meId) &&
        (this.filter !== 'overdue' || (t.dueAt > 0 && t.dueAt < Math.max(this.asOf, now.ms))),
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
    await this.update(id, { assigneeId });
  }

  /** Changes a task; fields left out of patch stay as they are. */
  async update(id: string, patch: TaskPatch): Promise<void> {
    tasks.put([await taskApi.update(id, patch)], nextSeq());
    await this.refresh();
  }
}

export const taskList = new TaskList();
