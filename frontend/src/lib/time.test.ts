import { describe, expect, it } from 'vitest';
import { agoLabel, dateInputFromDue, dayLabel, dueFromDateInput, dueLabel, isOverdue, relativeTime } from './time';

// Local times, so the tests hold in any time zone.
const at = (y: number, mo: number, d: number, h = 12, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const now = at(2025, 3, 14, 15, 0); // Friday 14 March 2025, 15:00

describe('relativeTime', () => {
  it.each([
    [now - 20_000, 'now'],
    [now - 5 * 60_000, '5m'],
    [now - 59 * 60_000, '59m'],
    [at(2025, 3, 14, 9, 30), '5h'],
    [at(2025, 3, 13, 23, 0), 'Yesterday'],
    [at(2025, 3, 11, 10, 0), 'Tue'],
    [at(2025, 2, 2, 10, 0), '2 Feb'],
    [at(2024, 12, 24, 10, 0), '24 Dec 2024'],
  ])('%s → %s', (ms, want) => {
    expect(relativeTime(ms, now)).toBe(want);
  });

  it('is empty for a missing time', () => {
    expect(relativeTime(0, now)).toBe('');
  });
});

describe('dayLabel', () => {
  it('names today and yesterday, then the full date', () => {
    expect(dayLabel(at(2025, 3, 14, 8), now)).toBe('Today');
    expect(dayLabel(at(2025, 3, 13, 8), now)).toBe('Yesterday');
    expect(dayLabel(at(2025, 3, 10, 8), now)).toBe('Monday 10 March');
    expect(dayLabel(at(2024, 3, 10, 8), now)).toBe('Sunday 10 March 2024');
  });
});

describe('due dates', () => {
  it('a date picked in a date input is due at the end of that local day', () => {
    const due = dueFromDateInput('2025-03-14');
    expect(new Date(due).getDate()).toBe(14);
    expect(new Date(due).getHours()).toBe(23);
    expect(dateInputFromDue(due)).toBe('2025-03-14');
    expect(dueFromDateInput('')).toBe(0);
    expect(dateInputFromDue(0)).toBe('');
  });

  it('a task due today is not overdue until the day is over', () => {
    const today = dueFromDateInput('2025-03-14');
    expect(isOverdue({ dueAt: today, done: false }, now)).toBe(false);
    expect(isOverdue({ dueAt: dueFromDateInput('2025-03-13'), done: false }, now)).toBe(true);
  });

  it('done tasks and tasks without a due date are never overdue', () => {
    expect(isOverdue({ dueAt: at(2025, 3, 1), done: true }, now)).toBe(false);
    expect(isOverdue({ dueAt: 0, done: false }, now)).toBe(false);
  });

  it.each([
    ['2025-03-14', 'Due today'],
    ['2025-03-15', 'Due tomorrow'],
    ['2025-03-18', 'Due Tue'],
    ['2025-04-02', 'Due 2 Apr'],
    ['2025-03-13', 'Overdue · yesterday'],
    ['2025-03-03', 'Overdue · 3 Mar'],
  ])('dueLabel(%s) = %s', (day, want) => {
    expect(dueLabel(dueFromDateInput(day), now)).toBe(want);
  });

  it('a done task is not called overdue', () => {
    expect(dueLabel(dueFromDateInput('2025-03-03'), now, true)).toBe('Due 3 Mar');
  });
});

describe('agoLabel', () => {
  it.each([
    [now - 20_000, 'just now'],
    [now - 2 * 60_000, '2 min ago'],
    [now - 60 * 60_000, '1 hour ago'],
    [now - 5 * 60 * 60_000, '5 hours ago'],
  ])('%s → %s', (ms, want) => {
    expect(agoLabel(ms, now)).toBe(want);
  });

  it('gives the date and time after a day, and nothing for never', () => {
    expect(agoLabel(at(2025, 3, 12, 9, 5), now)).toContain('12 Mar 2025');
    expect(agoLabel(0, now)).toBe('');
  });
});
