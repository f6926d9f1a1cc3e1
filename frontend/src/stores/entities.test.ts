import { describe, expect, it } from 'vitest';
import { thread } from '../test/fixtures';
import { Entities } from './entities.svelte';

describe('Entities', () => {
  it('keeps one copy per id, replaced by newer responses', () => {
    const t = new Entities<ReturnType<typeof thread>>();
    t.put([thread({ id: 'a', lastPreview: 'one' }), thread({ id: 'b' })], 1);
    t.put([thread({ id: 'a', lastPreview: 'two' })], 2);
    expect(t.byId.size).toBe(2);
    expect(t.get('a')?.lastPreview).toBe('two');
  });

  it('ignores an older response that arrives after a newer one', () => {
    const t = new Entities<ReturnType<typeof thread>>();
    t.put([thread({ id: 'a', status: 'resolved' })], 7);
    t.put([thread({ id: 'a', status: 'open' })], 5);
    expect(t.get('a')?.status).toBe('resolved');
  });
});
