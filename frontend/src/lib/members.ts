// Who may do what, as the UI needs to know it to offer the right choices. The Go side
// (internal/policy) is the authority and checks again; these only shape menus and buttons.
import type { Member, Requeued, Role, Thread } from '../bridge/types';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  agent: 'Agent',
  viewer: 'Viewer',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

export function canAccessBrand(m: Member, brandId: string): boolean {
  return m.role === 'owner' || m.brands.includes(brandId);
}

/** Whether m can hold work at all: active and not a Viewer. */
export function canHoldWork(m: Member): boolean {
  return m.active && m.role !== 'viewer';
}

/** Mirrors policy.CanBeAssigned: can hold work, with access to the brand. */
export function canBeAssigned(m: Member, brandId: string): boolean {
  return canHoldWork(m) && canAccessBrand(m, brandId);
}

/** Mirrors policy.CanWriteThread. */
export function canWriteThread(m: Member, th: Pick<Thread, 'brandId' | 'participants'>): boolean {
  if (!m.active || m.role === 'viewer') return false;
  const access = th.participants?.[m.id];
  if (access) return access === 'write';
  return canAccessBrand(m, th.brandId);
}

export function canManageTeam(m: Member | null | undefined): boolean {
  return !!m && m.active && (m.role === 'owner' || m.role === 'admin');
}

export interface AssigneeChoice {
  member: Member;
  /** Why this teammate cannot take the thread; '' when they can. */
  reason: string;
}

/**
 * The assignee menu for a thread of `brandId`: teammates who can be assigned first (the
 * signed-in member at the very top, the rest by name), then active teammates who cannot, each
 * with the reason. Deactivated members are not offered at all.
 */
export function assigneeChoices(
  members: Member[],
  brandId: string,
  meId: string,
  brandName = 'this location',
): AssigneeChoice[] {
  const byName = (a: Member, b: Member) => a.name.localeCompare(b.name);
  const active = members.filter((m) => m.active);
  const ok = active.filter((m) => canBeAssigned(m, brandId)).sort(byName);
  const me = ok.findIndex((m) => m.id === meId);
  if (me > 0) ok.unshift(...ok.splice(me, 1));
  const not = active
    .filter((m) => !canBeAssigned(m, brandId))
    .sort(byName)
    .map((member) => ({
      member,
      reason: member.role === 'viewer' ? 'Viewers cannot be assigned' : `No access to ${brandName}`,
    }));
  return [...ok.map((member) => ({ member, reason: '' })), ...not];
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 open conversations and 1 task", or '' when nothing went back to the queue. */
export function requeuedWork(rq: Requeued): string {
  const threads = rq.threads ? count(rq.threads, 'open conversation', 'open conversations') : '';
  if (!rq.tasks) return threads;
  return threads ? `${threads} and ${count(rq.tasks, 'task', 'tasks')}` : count(rq.tasks, 'open task', 'open tasks');
}

/** What deactivating `name` did to their work, from what the backend returned. */
export function deactivatedSentence(name: string, rq: Requeued): string {
  const work = requeuedWork(rq);
  return work
    ? `${name} is deactivated; ${work} went back to the queue.`
    : `${name} is deactivated; nothing was assigned to them.`;
}

/** What saving a teammate's role or locations did to the work they can no longer hold. */
export function updatedSentence(name: string, rq: Requeued): string {
  const work = requeuedWork(rq);
  return work ? `${name} is updated; ${work} they can no longer reach went back to the queue.` : `${name} is updated.`;
}
