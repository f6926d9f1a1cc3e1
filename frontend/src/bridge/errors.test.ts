import { describe, expect, it, vi } from 'vitest';
import { decodeError, FALLBACK_MESSAGE, HuddleError } from './errors';

describe('decodeError', () => {
  it('reads the code and sentence of a Go rejection (an Error whose message is JSON)', () => {
    const e = decodeError(new Error('{"code":"forbidden","message":"You cannot see clients of Old Town."}'));
    expect(e).toBeInstanceOf(HuddleError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('forbidden');
    expect(e.message).toBe('You cannot see clients of Old Town.');
  });

  it('reads a bare JSON string and a plain payload object', () => {
    expect(decodeError('{"code":"invalid","message":"Give the task a title."}').code).toBe('invalid');
    expect(decodeError({ code: 'not_found', message: 'This task no longer exists.' }).message).toBe(
      'This task no longer exists.',
    );
  });

  it('treats an unknown code as internal but keeps the sentence', () => {
    const e = decodeError('{"code":"weird","message":"Try again."}');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('Try again.');
  });

  it('never shows people a stack trace or a technical message', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const e = decodeError(new TypeError("Cannot read properties of undefined (reading 'app')"));
    expect(e.code).toBe('internal');
    expect(e.message).toBe(FALLBACK_MESSAGE);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('passes a HuddleError through', () => {
    const e = new HuddleError('conflict', 'Someone changed this; try again.');
    expect(decodeError(e)).toBe(e);
  });
});
