import { describe, expect, it } from 'vitest';
import { notification } from '../test/fixtures';
import { bellLabel, notificationSentence } from './notifications';

describe('notificationSentence', () => {
  it('says who assigned which client, and which conversation when known', () => {
    const n = notification({ id: 'n1', kind: 'assigned', excerpt: '' });
    expect(notificationSentence(n, { actor: 'Ana Diaz', where: 'SMS' })).toBe('Ana Diaz assigned you Maria Lopez · SMS');
    expect(notificationSentence(n, { actor: 'Ana Diaz' })).toBe('Ana Diaz assigned you Maria Lopez');
    // Nobody to name (the teammate is gone, or the assignment was automatic).
    expect(notificationSentence({ ...n, actorId: '' }, { actor: '' })).toBe('You were assigned Maria Lopez');
  });

  it('quotes the note a mention came in, on one line', () => {
    const n = notification({ id: 'n1', kind: 'mention', excerpt: '  can you call\nher back?' });
    expect(notificationSentence(n, { actor: 'Ana Diaz' })).toBe('Ana Diaz mentioned you on Maria Lopez: “can you call her back?”');
    expect(notificationSentence({ ...n, excerpt: '' }, { actor: 'Ana Diaz' })).toBe('Ana Diaz mentioned you on Maria Lopez');
    expect(notificationSentence(n, { actor: '' })).toMatch(/^A teammate mentioned you/);
  });

  it('names the client who wrote, and says when it is a conversation the member follows', () => {
    const n = notification({ id: 'n1', kind: 'message', actorId: '', excerpt: 'Is 4pm free?' });
    expect(notificationSentence(n, { actor: '' })).toBe('Maria Lopez wrote: “Is 4pm free?”');
    expect(notificationSentence({ ...n, kind: 'participating' }, { actor: '' })).toBe(
      'Maria Lopez wrote in a conversation you follow: “Is 4pm free?”',
    );
  });

  it("says a reminder's task, and its client when it has one", () => {
    const n = notification({ id: 'n1', kind: 'reminder', actorId: '', title: 'Call back Maria', clientName: '', excerpt: '' });
    expect(notificationSentence(n, { actor: '' })).toBe('Reminder: Call back Maria');
    expect(notificationSentence({ ...n, clientName: 'Maria Lopez' }, { actor: '' })).toBe('Reminder: Call back Maria · Maria Lopez');
  });

  it('falls back on the subject when a conversation has no client', () => {
    const n = notification({ id: 'n1', kind: 'mention', clientName: '', title: 'Rota for May', excerpt: '' });
    expect(notificationSentence(n, { actor: 'Ana Diaz' })).toBe('Ana Diaz mentioned you on Rota for May');
  });
});

describe('bellLabel', () => {
  it('counts unread notifications up to 99, then says 99+', () => {
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(bellLabel(99)).toBe('Notifications, 99 unread');
    expect(bellLabel(100)).toBe('Notifications, 99+ unread');
  });
});
