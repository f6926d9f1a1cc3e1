// Who may do what, as the UI needs to know it to offer the right choices. The Go side
// (internal/policy) is the authority and checks again; these only shape menus and buttons.
import type { Member, Role, Thread } from '../bridge/types';

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

/** Mirrors policy.CanBeAssigned: active, not a Viewer, with access to the brand. */
export function canBeAssigned(m: Member, brandId: string): boolean {
  return m.active && m.role !== 'viewer' && canAccessBrand(m, brandId);
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
