// Sync as the UI shows it: this device's connection to the relay, and who is online. Loaded
// at start, then kept current by the `huddle:sync` and `huddle:presence` events (live.ts).
// Each event carries the whole state, so the newest one simply replaces what is here.
import {
  SYNC_STATES,
  syncApi,
  type Invite,
  type Presence,
  type PresenceState,
  type RelaySetup,
  type SyncProgress,
  type SyncState,
  type SyncStatus,
} from '../bridge';
import { Latest } from './seq';

export const SYNC_OFF: SyncStatus = {
  state: 'off',
  workspace: '',
  relay: '',
  hosting: false,
  waiting: 0,
  lastSynced: 0,
  catchUp: null,
  problem: '',
  quarantined: 0,
  parked: 0,
};

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function asProgress(v: unknown): SyncProgress | null {
  if (!v || typeof v !== 'object') return null;
  const p = v as Partial<SyncProgress>;
  return { done: num(p.done), total: num(p.total) };
}

/** A SyncStatus from any payload, missing fields filled in (an unknown state reads as off). */
export function asStatus(v: unknown): SyncStatus {
  const s = (v ?? {}) as Record<string, unknown>;
  const state = (SYNC_STATES as readonly string[]).includes(str(s.state)) ? (s.state as SyncState) : 'off';
  return {
    state,
    workspace: str(s.workspace),
    relay: str(s.relay),
    hosting: !!s.hosting,
    waiting: num(s.waiting),
    lastSynced: num(s.lastSynced),
    catchUp: asProgress(s.catchUp),
    problem: str(s.problem),
    quarantined: num(s.quarantined),
    parked: num(s.parked),
  };
}

/** The devices of a presence payload; entries without a device are dropped. */
export function asPresence(v: unknown): Presence[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && !!str(p.deviceId))
    .map((p) => ({
      deviceId: str(p.deviceId),
      deviceName: str(p.deviceName),
      memberId: str(p.memberId),
      state: p.state === 'away' ? 'away' : 'online',
      since: num(p.since),
    }));
}

/** memberId → presence: online if any of the member's devices is, else away. */
export function byMember(devices: Presence[]): Map<string, PresenceState> {
  const m = new Map<string, PresenceState>();
  for (const d of devices) {
    if (!d.memberId) continue; // a device where nobody has signed in yet
    if (m.get(d.memberId) !== 'online') m.set(d.memberId, d.state);
  }
  return m;
}

class Sync {
  status = $state.raw<SyncStatus>(SYNC_OFF);
  /** The workspace's devices heartbeating now, this one included. */
  devices = $state.raw<Presence[]>([]);
  /** Each member with a device online, once, however many devices they use. */
  members = $derived(byMember(this.devices));

  #status = new Latest();
  #presence = new Latest();

  /** Reads the status and who is online; an event that arrives meanwhile wins. */
  async load(): Promise<void> {
    await Promise.all([this.loadStatus(), this.loadPresence()]);
  }

  async loadStatus(): Promise<void> {
    const seq = this.#status.begin();
    const st = await syncApi.status();
    if (this.#status.isCurrent(seq)) this.status = asStatus(st);
  }

  async loadPresence(): Promise<void> {
    const seq = this.#presence.begin();
    const online = await syncApi.online();
    if (this.#presence.isCurrent(seq)) this.devices = asPresence(online);
  }

  /** A `huddle:sync` payload: newer than any answer still in flight. */
  applyStatus(payload: unknown): void {
    this.#status.invalidate();
    this.status = asStatus(payload);
  }

  /** A `huddle:presence` payload. */
  applyPresence(payload: unknown): void {
    this.#presence.invalidate();
    this.devices = asPresence(payload);
  }

  /** 'online', 'away', or undefined when none of the member's devices is running. */
  presenceOf(memberId: string): PresenceState | undefined {
    return this.members.get(memberId);
  }

  invite(deviceName: string): Promise<Invite> {
    return syncApi.invite(deviceName);
  }

  relaySetup(): Promise<RelaySetup> {
    return syncApi.relaySetup();
  }

  async useRelay(url: string, creds: string): Promise<void> {
    await syncApi.useRelay(url, creds);
    this.#reread();
  }

  /** Joins the workspace of an invite code; it then arrives from the relay. */
  async join(code: string): Promise<void> {
    await syncApi.join(code);
    this.#reread();
  }

  // After a change of relay the next event brings the status anyway; reading it now only
  // shows "Connecting…" sooner, so a failure here must not fail the action that succeeded.
  #reread(): void {
    this.loadStatus().catch((e) => console.warn('huddle: reading the sync status failed', e));
  }

  /** Forgets everything (tests). */
  reset(): void {
    this.#status.invalidate();
    this.#presence.invalidate();
    this.status = SYNC_OFF;
    this.devices = [];
  }
}

export const sync = new Sync();
