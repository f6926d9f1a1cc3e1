import { describe, expect, it } from 'vitest';
import { ana, camille, message } from '../test/fixtures';
import { activityIds, arrivalWarning, arrivedSince } from './sendGuard';

const members = new Map([ana, camille].map((m) => [m.id, m]));
const member = (id: string) => members.get(id);

const hello = message({ id: 'a1', body: 'Hello' });
const event = message({ id: 'e1', kind: 'event', direction: 'internal', body: 'Assigned to Ana' });
const gone = message({ id: 'd1', deleted: true });

describe('activityIds', () => {
  it('keeps messages and notes, not event lines or deleted entries', () => {
    const note = message({ id: 'n1', kind: 'note', direction: 'internal', authorId: 'm2' });
    expect(activityIds([hello, event, gone, note])).toEqual(['a1', 'n1']);
  });
});

describe('arrivedSince', () => {
  it('finds what arrived after the draft began', () => {
    const fresh = message({ id: 'a2', body: 'Actually, 4pm?' });
    expect(arrivedSince([hello, fresh], ['a1'], 'm1')).toEqual([fresh]);
  });

  it('ignores event lines, deleted messages and what the writer sent', () => {
    const mine = message({ id: 'r1', direction: 'outbound', authorId: 'm1' });
    const myNote = message({ id: 'n1', kind: 'note', direction: 'internal', authorId: 'm1' });
    expect(arrivedSince([hello, event, gone, mine, myNote], ['a1'], 'm1')).toEqual([]);
  });

  it("counts a teammate's scheduled reply once it goes, not while it waits or once cancelled", () => {
    const waiting = message({ id: 's1', direction: 'outbound', authorId: 'm2', delivery: 'scheduled', sendAt: 5 });
    const cancelled = { ...waiting, id: 's2', delivery: 'cancelled', cancelledAt: 3 };
    expect(arrivedSince([hello, waiting, cancelled], ['a1'], 'm1')).toEqual([]);
    const sent = { ...waiting, delivery: 'queued', sentAt: 5 };
    expect(arrivedSince([hello, sent], ['a1'], 'm1')).toEqual([sent]);
  });

  it('counts a client message the writer logged from a call', () => {
    const logged = message({ id: 'a2', direction: 'inbound', authorId: 'm1' });
    expect(arrivedSince([hello, logged], ['a1'], 'm1')).toEqual([logged]);
  });
});

describe('arrivalWarning', () => {
  it('names the client for a client message', () => {
    expect(arrivalWarning([hello], 'Maria Lopez', member)).toBe(
      'A new message from Maria Lopez arrived while you were typing. Send anyway?',
    );
  });

  it('names the teammate for a note', () => {
    const note = message({ id: 'n1', kind: 'note', direction: 'internal', authorId: 'm2' });
    expect(arrivalWarning([note], 'Maria Lopez', member)).toBe(
      'A new note from Ana Diaz arrived while you were typing. Send anyway?',
    );
  });

  it('counts several arrivals', () => {
    expect(arrivalWarning([hello, message({ id: 'a2' })], 'Maria', member)).toBe(
      '2 new messages arrived while you were typing. Send anyway?',
    );
  });
});
