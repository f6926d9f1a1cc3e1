// A shared "now" for relative times and overdue marks, ticking twice a minute so "5m" ages
// without every row running its own timer.
class Clock {
  ms = $state(Date.now());

  constructor() {
    if (typeof window !== 'undefined') setInterval(() => (this.ms = Date.now()), 30_000);
  }
}

export const now = new Clock();
