// Errors that reach people. The Go side rejects a call with the JSON {"code","message"}
// (app/errors.go); decodeError turns any rejection into a HuddleError whose message is a
// sentence a receptionist can act on.

export type ErrorCode =
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'locked'
  | 'corrupt'
  | 'unavailable'
  | 'no_workspace'
  | 'internal';

const CODES = new Set<string>([
  'forbidden',
  'not_found',
  'invalid',
  'conflict',
  'locked',
  'corrupt',
  'unavailable',
  'no_workspace',
  'internal',
]);

/** Shown when a failure carries no sentence of its own (a bug, a lost connection). */
export const FALLBACK_MESSAGE = 'Something went wrong and the action was not saved. Try again.';

export class HuddleError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'HuddleError';
    this.code = code;
  }
}

function fromPayload(v: unknown): HuddleError | null {
  if (!v || typeof v !== 'object') return null;
  const { code, message } = v as { code?: unknown; message?: unknown };
  if (typeof message !== 'string' || message === '') return null;
  const c = typeof code === 'string' && CODES.has(code) ? (code as ErrorCode) : 'internal';
  return new HuddleError(c, message);
}

function fromText(text: string): HuddleError | null {
  const t = text.trim();
  if (!t.startsWith('{')) return null;
  try {
    return fromPayload(JSON.parse(t));
  } catch {
    return null;
  }
}

/** Turns whatever a bound call rejected with into a HuddleError. */
export function decodeError(e: unknown): HuddleError {
  if (e instanceof HuddleError) return e;
  if (typeof e === 'string') return fromText(e) ?? new HuddleError('internal', FALLBACK_MESSAGE);
  if (e instanceof Error) return fromText(e.message) ?? fromPayload(e.message) ?? logged(e);
  return fromPayload(e) ?? new HuddleError('internal', FALLBACK_MESSAGE);
}

// A rejection without our JSON is a programming or transport error: keep it in the console
// for whoever debugs, and show people the generic sentence.
function logged(e: Error): HuddleError {
  console.warn('huddle: unexpected error', e);
  return new HuddleError('internal', FALLBACK_MESSAGE);
}

/** The sentence to show for any error value. */
export function messageOf(e: unknown): string {
  return decodeError(e).message;
}
