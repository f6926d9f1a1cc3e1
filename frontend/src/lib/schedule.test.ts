import { describe, expect, it } from 'vitest';
import type { QuietHours } from '../bridge/types';
import { message } from '../test/fixtures';
import {
  fromLocalInput,
  localInputFrom,
  pendingOf,
  quickPicks,
  quietHoursEnd,
  quietHoursWarning,
  scheduledState,
  sendTimePhrase,
  sendTimeWords,
  shownAt,
  timelineOf,
} from './schedule';

// Local times, so the tests hold in any time zone.
const at = (y: number, mo: number, d: number, h = 12, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const now = at(2025, 11, 20, 15, 7); // Thursday 20 November 2025, 15:07

describe('quickPicks', () => {
  it('offers in an hour (rounded up to 5 minutes), tomorrow at 9:00 and Monday at 9:00', () => {
    expect(quickPicks(now)).toEqual([
      { label: 'In 1 hour', at: at(2025, 11, 20, 16, 10) },
      { label: 'Tomorrow 9:00', at: at(2025, 11, 21, 9) },
      { label: 'Monday 9:00', at: at(2025, 11, 24, 9) },
    ]);
  });

  it('on a Monday, "Monday" is next week; on a Sunday it is tomorrow', () => {
    const monday = at(2025, 11, 24, 8, 0);
    expect(quickPicks(monday)[2]!.at).toBe(at(2025, 12, 1, 9));
    const sunday = at(2025, 11, 23, 20, 0);
    expect(quickPicks(sunday)[2]!.at).toBe(at(2025, 11, 24, 9));
    expect(quickPicks(sunday)[1]!.at).toBe(at(2025, 11, 24, 9));
  });

  it('"Tomorrow" crosses a month and a year', () => {
    expect(quickPicks(at(2025, 12, 31, 23, 50))[1]!.at).toBe(at(2026, 1, 1, 9));
  });
});

describe('sendTimeWords', () => {
  it.each([
    [at(2025, 11, 20, 16, 10), 'Today at 16:10'],
    [at(2025, 11, 21, 9, 0), 'Tomorrow at 9:00'],
    [at(2025, 11, 24, 9, 0), 'Mon 24 Nov at 9:00'],
    [at(2025, 11, 20, 8, 5), 'Today at 8:05'],
    [at(2025, 11, 19, 22, 0), 'Yesterday at 22:00'],
    [at(2026, 2, 3, 14, 30), 'Tue 3 Feb 2026 at 14:30'],
  ])('%s → %s', (ms, want) => {
    expect(sendTimeWords(ms, now)).toBe(want);
  });

  it('reads inside a sentence', () => {
    expect(sendTimePhrase(at(2025, 11, 21, 9), now)).toBe('tomorrow at 9:00');
    expect(sendTimePhrase(at(2025, 11, 20, 17, 30), now)).toBe('today at 17:30');
    expect(sendTimePhrase(at(2025, 11, 24, 9), now)).toBe('on Mon 24 Nov at 9:00');
  });
});

describe('quiet hours', () => {
  const overnight: QuietHours = { on: true, from: '20:00', to: '08:00' };
  const lunch: QuietHours = { on: true, from: '12:00', to: '13:30' };

  it('warns when the time falls in quiet hours, with when it will go instead', () => {
    expect(quietHoursWarning(at(2025, 11, 21, 7, 0), overnight)).toBe('Quiet hours: it will go at 08:00 when they end.');
    expect(quietHoursWarning(at(2025, 11, 21, 12, 15), lunch)).toBe('Quiet hours: it will go at 13:30 when they end.');
    expect(quietHoursEnd(at(2025, 11, 21, 7, 0), overnight)).toBe(at(2025, 11, 21, 8, 0));
  });

  it('says when quiet hours spanning midnight end on the next day', () => {
    expect(quietHoursEnd(at(2025, 11, 20, 22, 0), overnight)).toBe(at(2025, 11, 21, 8, 0));
    expect(quietHoursWarning(at(2025, 11, 20, 22, 0), overnight)).toBe(
      'Quiet hours: it will go at 08:00 the next day, when they end.',
    );
  });

  it('says nothing outside quiet hours, at their end, or when they are off or unset', () => {
    expect(quietHoursWarning(at(2025, 11, 21, 9, 0), overnight)).toBe('');
    expect(quietHoursWarning(at(2025, 11, 21, 8, 0), overnight)).toBe(''); // the end is not quiet
    expect(quietHoursWarning(at(2025, 11, 20, 20, 0), overnight)).not.toBe(''); // the start is
    expect(quietHoursWarning(at(2025, 11, 21, 7, 0), { ...overnight, on: false })).toBe('');
    expect(quietHoursWarning(at(2025, 11, 21, 7, 0), { on: true, from: '', to: '' })).toBe('');
    expect(quietHoursWarning(at(2025, 11, 21, 7, 0), null)).toBe('');
  });
});

describe('datetime-local values', () => {
  it('round-trips a local time to the minute', () => {
    const t = at(2025, 3, 4, 9, 5);
    expect(localInputFrom(t)).toBe('2025-03-04T09:05');
    expect(fromLocalInput('2025-03-04T09:05')).toBe(t);
    expect(fromLocalInput('2025-03-04T09:05:30')).toBe(t);
  });

  it('is empty for no time, and 0 for an empty or broken value', () => {
    expect(localInputFrom(0)).toBe('');
    expect(fromLocalInput('')).toBe(0);
    expect(fromLocalInput('tomorrow')).toBe(0);
  });
});

describe('what became of a scheduled reply', () => {
  const base = { direction: 'outbound' as const, authorId: 'm1', sendAt: at(2025, 11, 21, 9) };
  const pending = message({ id: 'p', ...base, createdAt: base.sendAt, delivery: 'scheduled' });
  const sent = message({ id: 's', ...base, createdAt: now, sentAt: now, delivery: 'queued' });
  const cancelled = message({
    id: 'c', ...base, createdAt: base.sendAt, delivery: 'cancelled', cancelledAt: now - 60_000, cancelledBy: 'm2',
  });
  const late = message({ id: 'l', ...base, createdAt: now, sentAt: now, cancelledAt: now + 1000, delivery: 'sent' });

  it('tells the four states apart, and ordinary messages from them', () => {
    expect(scheduledState(pending)).toBe('pending');
    expect(scheduledState(sent)).toBe('sent');
    expect(scheduledState(cancelled)).toBe('cancelled');
    expect(scheduledState(late)).toBe('late-cancel');
    expect(scheduledState(message({ id: 'x', direction: 'outbound', delivery: 'queued' }))).toBe('');
    expect(scheduledState({ ...pending, deleted: true })).toBe('');
  });

  it('leaves pending replies out of the timeline and puts a cancelled one where it was cancelled', () => {
    const earlier = message({ id: 'a', createdAt: now - 120_000 });
    const later = message({ id: 'b', createdAt: now - 30_000 });
    // As Go sorts them: by creation time, so the cancelled and pending ones come last.
    const timeline = timelineOf([earlier, later, pending, cancelled]);
    expect(timeline.map((m) => m.id)).toEqual(['a', 'c', 'b']);
    expect(shownAt(cancelled)).toBe(now - 60_000);
    expect(pendingOf([earlier, sent, pending]).map((m) => m.id)).toEqual(['p']);
  });
});
