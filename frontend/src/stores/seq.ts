// One increasing number per backend request. A response is applied only if no request issued
// after it has already been applied: an older answer never overwrites a newer one.
let last = 0;

export function nextSeq(): number {
  return ++last;
}

/** Tracks the newest request of one thing (a list, a count, the open thread). */
export class Latest {
  #current = 0;

  /** Starts a request and returns its sequence number. */
  begin(): number {
    this.#current = nextSeq();
    return this.#current;
  }

  /** True if `seq` is still the newest request, i.e. its response may be applied. */
  isCurrent(seq: number): boolean {
    return seq === this.#current;
  }

  /** Makes every request in flight stale (e.g. when the signed-in member changes). */
  invalidate(): void {
    this.#current = nextSeq();
  }
}
