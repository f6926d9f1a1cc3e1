import { describe, expect, it } from 'vitest';
import { newUlid } from './ulid';

describe('newUlid', () => {
  it('encodes the time in the first 10 characters and the random bytes in the last 16', () => {
    // The example of the ULID spec: 1469918176385 ms is 01ARYZ6S41.
    const zeros = newUlid(1469918176385, (b) => b.fill(0));
    expect(zeros).toBe('01ARYZ6S41' + '0'.repeat(16));
    expect(newUlid(0, (b) => b.fill(255))).toBe('0'.repeat(10) + 'Z'.repeat(16));
    expect(newUlid(2 ** 48 - 1, (b) => b.fill(0))).toBe('7ZZZZZZZZZ' + '0'.repeat(16));
  });

  it('makes well-formed, distinct ids that sort by time', () => {
    const a = newUlid(1_700_000_000_000);
    const b = newUlid(1_700_000_000_001);
    expect(a).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(a).not.toBe(newUlid(1_700_000_000_000));
    expect(a < b).toBe(true);
  });

  it('refuses a time that does not fit 48 bits', () => {
    expect(() => newUlid(-1)).toThrow(RangeError);
    expect(() => newUlid(2 ** 48)).toThrow(RangeError);
  });
});
