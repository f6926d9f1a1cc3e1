import { describe, expect, it } from 'vitest';
import { ana, camille, gone, marcus, member, thread, tom, zoe } from '../test/fixtures';
import { assigneeChoices, canBeAssigned, canWriteThread, deactivatedSentence, requeuedWork, updatedSentence } from './members';

describe('assigneeChoices', () => {
  const all = [zoe, tom, marcus, gone, ana, camille];

  it('lists you first, then other assignable teammates by name, then those who cannot take it', () => {
    const list = assigneeChoices(all, 'b1', ana.id, 'Riverside');
    expect(list.map((c) => c.member.name)).toEqual(['Ana Diaz', 'Camille Laurent', 'Zoé Martin', 'Marcus Bell', 'Tom Hughes']);
    expect(list.map((c) => c.reason)).toEqual(['', '', '', 'No access to Riverside', 'Viewers cannot be assigned']);
  });

  it('never offers deactivated teammates', () => {
    expect(assigneeChoices(all, 'b1', camille.id).some((c) => c.member.id === gone.id)).toBe(false);
  });
});

describe('policy mirrors', () => {
  it('owners can be assigned anywhere; agents only in their brands; viewers never', () => {
    expect(canBeAssigned(camille, 'b2')).toBe(true);
    expect(canBeAssigned(ana, 'b2')).toBe(false);
    expect(canBeAssigned(tom, 'b1')).toBe(false);
  });

  it("a participant's own access decides whether they can write", () => {
    const th = thread({ id: 't', brandId: 'b2', participants: { m2: 'read' } });
    expect(canWriteThread(ana, th)).toBe(false);
    expect(canWriteThread(member({ id: 'm2', name: 'Ana Diaz' }), { ...th, participants: { m2: 'write' } })).toBe(true);
    expect(canWriteThread(marcus, th)).toBe(true);
    expect(canWriteThread(tom, { ...th, brandId: 'b1' })).toBe(false);
  });
});

describe('re-queue sentences', () => {
  it('count conversations and tasks as the backend returned them', () => {
    expect(requeuedWork({ threads: 3, tasks: 1 })).toBe('3 open conversations and 1 task');
    expect(requeuedWork({ threads: 1, tasks: 0 })).toBe('1 open conversation');
    expect(requeuedWork({ threads: 0, tasks: 2 })).toBe('2 open tasks');
    expect(requeuedWork({ threads: 0, tasks: 0 })).toBe('');
  });

  it('say what deactivating or changing a teammate did', () => {
    expect(deactivatedSentence('Zoé Martin', { threads: 12, tasks: 2 })).toBe(
      'Zoé Martin is deactivated; 12 open conversations and 2 tasks went back to the queue.',
    );
    expect(deactivatedSentence('Zoé Martin', { threads: 0, tasks: 0 })).toBe('Zoé Martin is deactivated; nothing was assigned to them.');
    expect(updatedSentence('Ana Diaz', { threads: 1, tasks: 0 })).toBe(
      'Ana Diaz is updated; 1 open conversation they can no longer reach went back to the queue.',
    );
    expect(updatedSentence('Ana Diaz', { threads: 0, tasks: 0 })).toBe('Ana Diaz is updated.');
  });
});
