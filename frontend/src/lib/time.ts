// Time formatting for lists, timelines and due dates. Times are unix milliseconds (the Go
// side's convention). `now` is a parameter so tests never depend on the clock.

const LOCALE = 'en-GB';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Whole calendar days from `ms` to `now` (0 = same day, 1 = yesterday, -1 = tomorrow). */
export function daysAgo(ms: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(ms)) / (24 * HOUR));
}

const fmt = {
  clock: new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' }),
  weekday: new Intl.DateTimeFormat(LOCALE, { weekday: 'short' }),
  dayMonth: new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short' }),
  dayMonthYear: new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' }),
  longWeekday: new Intl.DateTimeFormat(LOCALE, { weekday: 'long' }),
  longDayMonth: new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long' }),
  full: new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }),
};

/** Short age for list rows: now, 5m, 3h, Yesterday, Mon, 12 Mar, 12 Mar 2024. */
export function relativeTime(ms: number, now: number): string {
  if (!ms) return '';
  const diff = now - ms;
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  const days = daysAgo(ms, now);
  if (days <= 0) return `${Math.floor(diff / HOUR)}h`;
  if (days === 1) return 'Yesterday';
  if (days < 7) return fmt.weekday.format(ms);
  if (new Date(ms).getFullYear() === new Date(now).getFullYear()) return fmt.dayMonth.format(ms);
  return fmt.dayMonthYear.format(ms);
}

/** Hours and minutes, e.g. 14:05. */
export function clockTime(ms: number): string {
  return fmt.clock.format(ms);
}

/** Full date and time for tooltips. */
export function fullTime(ms: number): string {
  return ms ? fmt.full.format(ms) : '';
}

/** Heading of a day in a timeline: Today, Yesterday, Monday 12 March. */
export function dayLabel(ms: number, now: number): string {
  const days = daysAgo(ms, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  // Composed by hand: ICU puts a comma after the weekday only when a year follows.
  const label = `${fmt.longWeekday.format(ms)} ${fmt.longDayMonth.format(ms)}`;
  const year = new Date(ms).getFullYear();
  return year === new Date(now).getFullYear() ? label : `${label} ${year}`;
}

/** True when two times fall on the same calendar day. */
export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** A task is overdue once its due time has passed and it is not done. */
export function isOverdue(task: { dueAt: number; done: boolean }, now: number): boolean {
  return !task.done && task.dueAt > 0 && task.dueAt < now;
}

/**
 * Due date for task rows: Due today, Due tomorrow, Due Fri, Due 14 Mar, Overdue · 12 Mar.
 * A task due at a set time (not the end of its day) says the time too: Due today 14:30.
 */
export function dueLabel(dueAt: number, now: number, done = false): string {
  if (!dueAt) return '';
  const days = daysAgo(dueAt, now);
  const at = isEndOfDay(dueAt) ? '' : ` ${clockTime(dueAt)}`;
  if (!done && dueAt < now) {
    if (days === 0) return `Overdue · today${at}`;
    if (days === 1) return `Overdue · yesterday${at}`;
    return `Overdue · ${fmt.dayMonth.format(dueAt)}${at}`;
  }
  if (days === 0) return `Due today${at}`;
  if (days === -1) return `Due tomorrow${at}`;
  if (days > -7 && days < 0) return `Due ${fmt.weekday.format(dueAt)}${at}`;
  return `Due ${fmt.dayMonth.format(dueAt)}${at}`;
}

/** A reminder for task rows: Reminder today 14:00, Reminder tomorrow 09:00, Reminder 14 Mar 09:00. */
export function reminderLabel(remindAt: number, now: number): string {
  if (!remindAt) return '';
  const days = daysAgo(remindAt, now);
  const at = clockTime(remindAt);
  if (days === 0) return `Reminder today ${at}`;
  if (days === -1) return `Reminder tomorrow ${at}`;
  if (days === 1) return `Reminder yesterday ${at}`;
  if (days > -7 && days < 0) return `Reminder ${fmt.weekday.format(remindAt)} ${at}`;
  return `Reminder ${fmt.dayMonth.format(remindAt)} ${at}`;
}

/** True for 23:59 local time: a due date picked without a time (see dueFromDateInput). */
function isEndOfDay(ms: number): boolean {
  const d = new Date(ms);
  return d.getHours() === 23 && d.getMinutes() === 59;
}

/**
 * The due time for a date picked in an <input type="date"> ("2025-03-14"): the end of that
 * local day, so a task due today only turns overdue tomorrow. '' means no due date (0).
 */
export function dueFromDateInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 0;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 0, 0).getTime();
}

/** The value for an <input type="date"> showing a due time (local day), '' for none. */
export function dateInputFromDue(ms: number): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The value for an <input type="time"> (14:05), '' for none. */
export function timeInputFrom(ms: number): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * The due time's value for an <input type="time">: '' for a task due at the end of its day
 * (no time was picked), which is how the form shows it again.
 */
export function timeInputFromDue(ms: number): string {
  return ms && !isEndOfDay(ms) ? timeInputFrom(ms) : '';
}

/**
 * The moment a date input and a time input name together (local time), 0 when the date is
 * empty or malformed. An empty time means the end of the day, as for a due date.
 */
export function atFromInputs(date: string, time: string): number {
  const day = dueFromDateInput(date);
  if (!day) return 0;
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!t) return time ? 0 : day;
  const d = new Date(day);
  d.setHours(Number(t[1]), Number(t[2]), 0, 0);
  return d.getTime();
}

/** Quick pick "Tomorrow": the end of the next local day. */
export function tomorrowAt(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(23, 59, 0, 0);
  return d.getTime();
}

/** Quick pick "In 2 hours": hours from now, rounded up to the next 5 minutes. */
export function inHours(now: number, hours: number): number {
  const step = 5 * MINUTE;
  return Math.ceil((now + hours * HOUR) / step) * step;
}

/** How long ago, for "Last synced": just now, 2 min ago, 3 hours ago, then the date and time. */
export function agoLabel(ms: number, now: number): string {
  if (!ms) return '';
  const diff = Math.max(0, now - ms);
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < 24 * HOUR) {
    const h = Math.floor(diff / HOUR);
    return `${h} ${h === 1 ? 'hour' : 'hours'} ago`;
  }
  return fullTime(ms);
}
