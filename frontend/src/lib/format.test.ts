import { describe, expect, it } from 'vitest';
import { badgeCount, initials } from './format';

describe('badgeCount', () => {
  it.each([
    [0, ''],
    [-3, ''],
    [Number.NaN, ''],
    [1, '1'],
    [7.9, '7'],
    [99, '99'],
    [100, '99+'],
    [12345, '99+'],
  ])('badgeCount(%s) = %j', (n, want) => {
    expect(badgeCount(n)).toBe(want);
  });
});

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['  grace   brewster  hopper ', 'GH'],
    ['ada', 'A'],
    ['', '?'],
    ['   ', '?'],
  ])('initials(%j) = %j', (name, want) => {
    expect(initials(name)).toBe(want);
  });
});
