import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { Task } from '../bridge';
import { session } from '../stores/session.svelte';
import { taskList } from '../stores/taskList.svelte';
import { resetFakes, taskApi, workspace } from '../test/fakeApi';
import { ana, status, task } from '../test/fixtures';
import TasksPage from './TasksPage.svelte';

const HOUR = 3_600_000;
const tasksNamed = () => within(screen.getByRole('list', { name: 'Tasks' })).queryAllByText(/./, { selector: '.title' }).map((e) => e.textContent);

let rows: Task[];

beforeEach(async () => {
  resetFakes();
  taskList.clear();
  taskList.filter = 'mine';
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
  const now = Date.now();
  rows = [
    task({ id: 'k1', title: 'Call back Maria', assigneeId: ana.id, dueAt: now - 26 * HOUR, remindAt: now - 28 * HOUR, threadId: 't1' }),
    task({ id: 'k2', title: 'Order colour', assigneeId: 'm3', dueAt: now - HOUR }),
  ];
  taskApi.list.mockImplementation(async () => ({ tasks: rows, next: '' }));
});

afterEach(() => {
  taskList.clear();
});

describe('TasksPage', () => {
  it("Overdue lists the team's open tasks due before now, from the store's due-date index", async () => {
    render(TasksPage);
    await vi.waitFor(() => expect(taskApi.list).toHaveBeenCalledWith(expect.objectContaining({ assigneeId: ana.id, dueBefore: 0 })));
    const before = Date.now();
    await fireEvent.click(screen.getByRole('button', { name: 'Overdue' }));
    expect(screen.getByRole('button', { name: 'Overdue' })).toHaveAttribute('aria-pressed', 'true');
    await vi.waitFor(() => expect(taskApi.list).toHaveBeenCalledTimes(2));
    const q = taskApi.list.mock.lastCall![0] as { assigneeId: string; done: boolean; dueBefore: number };
    expect(q).toMatchObject({ assigneeId: '', done: false });
    expect(q.dueBefore).toBeGreaterThanOrEqual(before);
    expect(q.dueBefore).toBeLessThanOrEqual(Date.now());
    await vi.waitFor(() => expect(tasksNamed()).toEqual(['Call back Maria', 'Order colour']));
    expect(screen.getAllByText(/^Overdue · /)).toHaveLength(2);
  });

  it('says when nothing is overdue', async () => {
    rows = [];
    render(TasksPage);
    await fireEvent.click(screen.getByRole('button', { name: 'Overdue' }));
    expect(await screen.findByText('Nothing overdue. Everything is on time.')).toBeInTheDocument();
  });

  it('edits the due date and reminder of a task from its row; a task due later leaves Overdue', async () => {
    taskList.filter = 'overdue';
    render(TasksPage);
    await vi.waitFor(() => expect(tasksNamed()).toEqual(['Call back Maria', 'Order colour']));
    expect(screen.getByText(/^Reminder /)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Edit Call back Maria' }));
    const form = screen.getByRole('form', { name: 'Edit task' });
    const tomorrow = new Date(Date.now() + 24 * HOUR);
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`;
    await fireEvent.input(within(form).getByLabelText('Due date'), { target: { value: day } });
    await fireEvent.input(within(form).getByLabelText('Due time'), { target: { value: '10:00' } });
    await fireEvent.input(within(form).getByLabelText('Reminder date'), { target: { value: day } });
    await fireEvent.input(within(form).getByLabelText('Reminder time'), { target: { value: '09:00' } });
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const due = new Date(y, m - 1, d, 10, 0).getTime();
    const remind = new Date(y, m - 1, d, 9, 0).getTime();
    taskApi.update.mockImplementationOnce(async (_id: string, p: { dueAt: number; remindAt: number }) => {
      rows = [{ ...rows[0]!, dueAt: p.dueAt, remindAt: p.remindAt }, rows[1]!];
      return rows[0];
    });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    // Only what changed is sent.
    expect(taskApi.update).toHaveBeenCalledWith('k1', { dueAt: due, remindAt: remind });
    await vi.waitFor(() => expect(tasksNamed()).toEqual(['Order colour']));
    expect(screen.queryByRole('form', { name: 'Edit task' })).not.toBeInTheDocument();
  });

  it('My tasks holds only mine; marking one done takes it off the list', async () => {
    render(TasksPage);
    await vi.waitFor(() => expect(tasksNamed()).toEqual(['Call back Maria']));
    taskApi.setDone.mockImplementationOnce(async () => {
      rows = [{ ...rows[0]!, done: true, doneBy: ana.id }, rows[1]!];
      return rows[0];
    });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Done: Call back Maria' }));
    expect(taskApi.setDone).toHaveBeenCalledWith('k1', true);
    expect(await screen.findByText('Nothing on your list. Nice.')).toBeInTheDocument();
  });

  it('creates a task with a reminder', async () => {
    render(TasksPage);
    await fireEvent.click(screen.getByRole('button', { name: 'New task' }));
    const form = screen.getByRole('form', { name: 'New task' });
    await fireEvent.input(within(form).getByLabelText('Task'), { target: { value: 'Send the voucher' } });
    await fireEvent.input(within(form).getByLabelText('Due date'), { target: { value: '2030-03-15' } });
    await fireEvent.input(within(form).getByLabelText('Reminder date'), { target: { value: '2030-03-15' } });
    await fireEvent.input(within(form).getByLabelText('Reminder time'), { target: { value: '09:00' } });
    taskApi.create.mockImplementationOnce(async (t: Task) => task({ ...t, id: 'k9' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Add task' }));
    await vi.waitFor(() =>
      expect(taskApi.create).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'Send the voucher', remindAt: new Date(2030, 2, 15, 9, 0).getTime(), notes: '', threadId: '' }),
      ),
    );
  });
});
