import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen } from '@testing-library/svelte';
import { HuddleError } from '../bridge';
import { dueFromDateInput } from '../lib/time';
import { session } from '../stores/session.svelte';
import { resetFakes, workspace } from '../test/fakeApi';
import { ana, status, task } from '../test/fixtures';
import TaskForm from './TaskForm.svelte';

// Local times, so the tests hold in any time zone.
const at = (y: number, mo: number, d: number, h = 12, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

beforeEach(async () => {
  resetFakes();
  workspace.status.mockResolvedValue(status(ana));
  await session.load();
});

afterEach(() => {
  vi.useRealTimers();
});

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const set = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });

function renderForm(props: Record<string, unknown> = {}) {
  const onsubmit = vi.fn(async (_t: unknown) => {});
  render(TaskForm, { brandId: 'b1', onsubmit, ...props });
  return onsubmit;
}

describe('TaskForm', () => {
  it('adds a task with a due date, a due time and a reminder', async () => {
    const onsubmit = renderForm();
    await set('Task', 'Call back Maria');
    await set('Due date', '2025-03-15');
    await set('Due time', '17:00');
    await set('Reminder date', '2025-03-15');
    await set('Reminder time', '09:00');
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(onsubmit).toHaveBeenCalledWith({
      title: 'Call back Maria',
      assigneeId: ana.id,
      dueAt: at(2025, 3, 15, 17, 0),
      remindAt: at(2025, 3, 15, 9, 0),
    });
    // Ready for the next one.
    await vi.waitFor(() => expect(field('Task').value).toBe(''));
    expect(field('Reminder date').value).toBe('');
  });

  it('leaves the reminder out when none is set; a due date alone is due by the end of the day', async () => {
    const onsubmit = renderForm();
    await set('Task', 'Order colour');
    await set('Due date', '2025-03-15');
    expect(screen.getByText('Due by the end of the day.')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(onsubmit).toHaveBeenCalledWith(expect.objectContaining({ dueAt: dueFromDateInput('2025-03-15'), remindAt: 0 }));
  });

  it('says so at once when the reminder is after the due time, and does not send', async () => {
    const onsubmit = renderForm();
    await set('Task', 'Call back Maria');
    await set('Due date', '2025-03-15');
    await set('Reminder date', '2025-03-16');
    await set('Reminder time', '09:00');
    expect(screen.getByText(/^The reminder must be at or before the due time \(15 Mar 2025, 23:59\)\.$/)).toBeInTheDocument();
    expect(field('Reminder date')).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(onsubmit).not.toHaveBeenCalled();

    // At the due time exactly is fine.
    await set('Due time', '09:00');
    await set('Reminder date', '2025-03-15');
    expect(screen.queryByText(/^The reminder must be/)).not.toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(onsubmit).toHaveBeenCalledWith(
      expect.objectContaining({ dueAt: at(2025, 3, 15, 9, 0), remindAt: at(2025, 3, 15, 9, 0) }),
    );
  });

  it('a reminder needs both a day and a time', async () => {
    const onsubmit = renderForm();
    await set('Task', 'Call back Maria');
    await set('Reminder date', '2025-03-15');
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(screen.getByText('Pick the time of the reminder, or clear its date.')).toBeInTheDocument();
    await set('Reminder date', '');
    await set('Reminder time', '09:00');
    expect(screen.getByText('Pick the day of the reminder, or clear its time.')).toBeInTheDocument();
    expect(onsubmit).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'No reminder' }));
    expect(field('Reminder time').value).toBe('');
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(onsubmit).toHaveBeenCalledWith(expect.objectContaining({ remindAt: 0 }));
  });

  it('quick picks: Tomorrow is due by the end of tomorrow, In 2 hours at a time today', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2025, 2, 14, 15, 2) });
    const onsubmit = renderForm();
    await set('Task', 'Call back Maria tomorrow');
    await fireEvent.click(screen.getByRole('button', { name: 'Tomorrow' }));
    expect(field('Due date').value).toBe('2025-03-15');
    expect(field('Due time').value).toBe('');
    await fireEvent.click(screen.getByRole('button', { name: 'In 2 hours' }));
    expect(field('Due date').value).toBe('2025-03-14');
    expect(field('Due time').value).toBe('17:05');
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(onsubmit).toHaveBeenCalledWith(expect.objectContaining({ dueAt: at(2025, 3, 14, 17, 5) }));
  });

  it('edits a task: starts from its values and saves', async () => {
    const oncancel = vi.fn();
    const t = task({ id: 'k1', title: 'Confirm Friday', assigneeId: ana.id, dueAt: at(2025, 3, 20, 10, 0), remindAt: at(2025, 3, 20, 8, 30) });
    const onsubmit = renderForm({ task: t, oncancel });
    expect(screen.getByRole('form', { name: 'Edit task' })).toBeInTheDocument();
    expect(field('Task').value).toBe('Confirm Friday');
    expect(field('Due date').value).toBe('2025-03-20');
    expect(field('Due time').value).toBe('10:00');
    expect(field('Reminder date').value).toBe('2025-03-20');
    expect(field('Reminder time').value).toBe('08:30');
    await set('Due date', '2025-03-19');
    await set('Reminder date', '2025-03-19');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onsubmit).toHaveBeenCalledWith({
      title: 'Confirm Friday',
      assigneeId: ana.id,
      dueAt: at(2025, 3, 19, 10, 0),
      remindAt: at(2025, 3, 19, 8, 30),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(oncancel).toHaveBeenCalled();
  });

  it("shows the backend's refusal in its own words", async () => {
    const onsubmit = renderForm();
    onsubmit.mockRejectedValueOnce(new HuddleError('invalid', 'The reminder must be at or before the time the task is due.'));
    await set('Task', 'Call back Maria');
    await fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The reminder must be at or before the time the task is due.');
  });
});
