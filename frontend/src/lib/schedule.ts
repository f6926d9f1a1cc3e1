// Scheduled replies: the quick picks of the schedule dialog, a send time in words, the
// quiet-hours warning, and what became of a scheduled message. Times are unix ms in local
// time; `now` is a parameter so tests never depend on the clock.
import type { Message, QuietHours } from '../bridge/types';
import { daysAgo, inHours } from './time';

const LOCALE = 'en-GB';
const weekday = new Intl.DateTimeFormat(LOCALE, { weekday: 'short' });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short' });

const pad2 = (n: number) => String(n).padStart(2, '0');

export interface QuickPick {
  label: string;
  at: number;
}

/** `days` calendar days after now's, at hour:00 local time (setDate keeps DST days right). */
function dayAt(now: number, days: number, hour: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
}

/**
 * The dialog's quick picks: in an hour (rounded up to the next 5 minutes), tomorrow at 9:00,
 * and the next Monday at 9:00 (a week ahead on a Monday).
 */
export function quickPicks(now: number): QuickPick[] {
  const toMonday = (8 - new Date(now).getDay()) % 7 || 7;
  return [
    { label: 'In 1 hour', at: inHours(now, 1) },
    { label: 'Tomorrow 9:00', at: dayAt(now, 1, 9) },
    { label: 'Monday 9:00', at: dayAt(now, toMonday, 9) },
  ];
}

/** 9:00, 14:05: the hour without a leading zero, as people say it. */
function hourMinute(ms: number): string {
  const d = new Date(ms);
  return `${d.getHours()}:${pad2(d.getMinutes())}`;
}

function dateWords(at: number, now: number): string {
  const date = `${weekday.format(at)} ${dayMonth.format(at)}`;
  const year = new Date(at).getFullYear();
  return year === new Date(now).getFullYear() ? date : `${date} ${year}`;
}

/** When a scheduled reply goes, in words: Today at 14:05, Tomorrow at 9:00, Mon 24 Nov at 9:00. */
export function sendTimeWords(at: number, now: number): string {
  const days = daysAgo(at, now);
  const time = hourMinute(at);
  if (days === 0) return `Today at ${time}`;
  if (days === -1) return `Tomorrow at ${time}`;
  if (days === 1) return `Yesterday at ${time}`;
  return `${dateWords(at, now)} at ${time}`;
}

/** The same inside a sentence ("Goes tomorrow at 9:00", "Goes on Mon 24 Nov at 9:00"). */
export function sendTimePhrase(at: number, now: number): string {
  const days = daysAgo(at, now);
  if (days >= -1 && days <= 1) return sendTimeWords(at, now).replace(/^\w+/, (w) => w.toLowerCase());
  return `on ${sendTimeWords(at, now)}`;
}

/** Minutes after midnight of "HH:MM", or null (model.ParseClock). */
function parseClock(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

/**
 * When a reply due at `at` really goes: the end of the workspace's quiet hours if `at` falls
 * in them (mirrors model.QuietHours Contains and End), otherwise null.
 */
export function quietHoursEnd(at: number, quiet: QuietHours | null | undefined): number | null {
  if (!quiet?.on) return null;
  const from = parseClock(quiet.from);
  const to = parseClock(quiet.to);
  if (from === null || to === null || from === to) return null;
  const d = new Date(at);
  const t = d.getHours() * 60 + d.getMinutes();
  const inside = from < to ? t >= from && t < to : t >= from || t < to;
  if (!inside) return null;
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate(), Math.floor(to / 60), to % 60);
  if (end.getTime() <= at) end.setDate(end.getDate() + 1);
  return end.getTime();
}

/** "Quiet hours: it will go at 08:00 when they end." for a time in quiet hours, else ''. */
export function quietHoursWarning(at: number, quiet: QuietHours | null | undefined): string {
  const end = quietHoursEnd(at, quiet);
  if (end === null) return '';
  const d = new Date(end);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  const when = daysAgo(end, at) === 0 ? `at ${time}` : `at ${time} the next day,`;
  return `Quiet hours: it will go ${when} when they end.`;
}

/** The value of an <input type="datetime-local"> showing ms (local time), '' for none. */
export function localInputFrom(ms: number): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** The moment an <input type="datetime-local"> names (local time), 0 when empty or malformed. */
export function fromLocalInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return 0;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime();
}

/**
 * What became of a message written as a scheduled reply: waiting to go, sent, cancelled, or
 * sent although someone cancelled it (the cancel reached this device after it went: sent
 * wins). '' for any other message.
 */
export type ScheduledState = 'pending' | 'sent' | 'cancelled' | 'late-cancel' | '';

export function scheduledState(m: Message): ScheduledState {
  if (!m.sendAt || m.deleted) return '';
  if (m.sentAt) return m.cancelledAt ? 'late-cancel' : 'sent';
  if (m.cancelledAt || m.delivery === 'cancelled') return 'cancelled';
  return m.delivery === 'scheduled' ? 'pending' : '';
}

/** A scheduled reply that has not gone and was not cancelled. */
export function isPending(m: Message): boolean {
  return scheduledState(m) === 'pending';
}

/**
 * Where a timeline shows a message: a cancelled scheduled reply at the time it was cancelled
 * (it never went, so the send time it keeps would put it after everything said since).
 */
export function shownAt(m: Message): number {
  return scheduledState(m) === 'cancelled' && m.cancelledAt ? m.cancelledAt : m.createdAt;
}

/**
 * The timeline as shown: without the replies waiting to go (they have their own strip above
 * the composer), in the order of shownAt. The sort is stable, so equal times keep Go's order.
 */
export function timelineOf(messages: Message[]): Message[] {
  return messages.filter((m) => !isPending(m)).sort((a, b) => shownAt(a) - shownAt(b));
}

/** The replies waiting to go, soonest first. */
export function pendingOf(messages: Message[]): Message[] {
  return messages.filter(isPending).sort((a, b) => (a.sendAt ?? 0) - (b.sendAt ?? 0));
}
