import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../bridge/types';
import { catchUpLabel, catchUpPercent, statusLine, syncTone } from './sync';

const st = (p: Partial<SyncStatus>): SyncStatus => ({
  state: 'online',
  workspace: 'Salon',
  relay: 'nats://10.0.0.5:4222',
  hosting: false,
  waiting: 0,
  lastSynced: 0,
  catchUp: null,
  problem: '',
  quarantined: 0,
  parked: 0,
  ...p,
});

describe('statusLine', () => {
  it.each([
    [st({}), 'Synced'],
    [st({ waiting: 3 }), 'Syncing…'],
    [st({ catchUp: { done: 1, total: 9 } }), 'Syncing…'],
    [st({ state: 'offline', waiting: 12 }), 'Offline — 12 changes waiting'],
    [st({ state: 'offline', waiting: 1 }), 'Offline — 1 change waiting'],
    [st({ state: 'offline' }), 'Offline'],
    [st({ state: 'connecting' }), 'Connecting…'],
    [st({ state: 'connecting', waiting: 1234 }), 'Connecting… — 1,234 changes waiting'],
    // With sync off changes stay on this computer by design: nothing is "waiting".
    [st({ state: 'off', relay: '', waiting: 40 }), 'Sync off'],
  ])('%o → %s', (s, want) => {
    expect(statusLine(s)).toBe(want);
  });
});

describe('syncTone', () => {
  it('turns the dot red for any problem, whatever the state', () => {
    expect(syncTone(st({}))).toBe('ok');
    expect(syncTone(st({ state: 'offline' }))).toBe('warn');
    expect(syncTone(st({ problem: 'The relay refused this computer.' }))).toBe('problem');
  });
});

describe('catch-up', () => {
  it('counts with thousands separators and never past the total', () => {
    expect(catchUpLabel({ done: 1234, total: 5000 })).toBe('Catching up… 1,234 of 5,000');
    expect(catchUpLabel({ done: 5010, total: 5000 })).toBe('Catching up… 5,000 of 5,000');
    expect(catchUpPercent({ done: 1234, total: 5000 })).toBe(24);
  });

  it('has no count or percentage before the total is known', () => {
    expect(catchUpLabel({ done: 0, total: 0 })).toBe('Catching up…');
    expect(catchUpPercent(null)).toBeNull();
  });
});
