import { describe, expect, it } from 'vitest';
import {
  agoLabel,
  atFromInputs,
  dateInputFromDue,
  dayLabel,
  dueFromDateInput,
  dueLabel,
  inHours,
  isOverdue,
  relativeTime,
  reminderLabel,
  timeInputFromDue,
  tomorrowAt,
} from './time';

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

describe('due and reminder times', () => {
  it('a date and a time pick one local moment; no time is the end of the day', () => {
    expect(atFromInputs('2025-03-14', '09:30')).toBe(at(2025, 3, 14, 9, 30));
    expect(atFromInputs('2025-03-14', '')).toBe(dueFromDateInput('2025-03-14'));
    expect(atFromInputs('', '09:30')).toBe(0);
    expect(atFromInputs('2025-03-14', 'soon')).toBe(0);
  });

  it('the form shows a due time again only when one was picked', () => {
    expect(timeInputFromDue(at(2025, 3, 14, 9, 5))).toBe('09:05');
    expect(timeInputFromDue(dueFromDateInput('2025-03-14'))).toBe('');
    expect(timeInputFromDue(0)).toBe('');
  });

  it('quick picks: tomorrow is the end of the next day, in 2 hours rounds up to 5 minutes', () => {
    expect(tomorrowAt(now)).toBe(dueFromDateInput('2025-03-15'));
    expect(tomorrowAt(at(2025, 3, 31, 23, 30))).toBe(dueFromDateInput('2025-04-01'));
    expect(inHours(at(2025, 3, 14, 15, 2), 2)).toBe(at(2025, 3, 14, 17, 5));
    expect(inHours(at(2025, 3, 14, 15, 0), 2)).toBe(at(2025, 3, 14, 17, 0));
  });

  it.each([
    [at(2025, 3, 14, 17, 30), 'Due today 17:30'],
    [at(2025, 3, 15, 9, 0), 'Due tomorrow 09:00'],
    [at(2025, 3, 14, 10, 0), 'Overdue · today 10:00'],
    [at(2025, 3, 3, 10, 0), 'Overdue · 3 Mar 10:00'],
  ])('a due time that was picked is shown: %s → %s', (due, want) => {
    expect(dueLabel(due, now)).toBe(want);
  });

  it.each([
    [at(2025, 3, 14, 17, 30), 'Reminder today 17:30'],
    [at(2025, 3, 15, 9, 0), 'Reminder tomorrow 09:00'],
    [at(2025, 3, 13, 9, 0), 'Reminder yesterday 09:00'],
    [at(2025, 3, 18, 9, 0), 'Reminder Tue 09:00'],
    [at(2025, 4, 2, 9, 0), 'Reminder 2 Apr 09:00'],
  ])('reminderLabel(%s) = %s', (ms, want) => {
    expect(reminderLabel(ms, now)).toBe(want);
  });
});
