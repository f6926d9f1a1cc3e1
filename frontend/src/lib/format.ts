// Small, dependency-free formatting helpers shared by components.

/** Formats an unread count for a badge: 0 → '', 1..99 → '7', ≥100 → '99+'. */
export function badgeCount(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '';
  if (n > 99) return '99+';
  return String(Math.floor(n));
}

/** Initials for an avatar: 'Ada Lovelace' → 'AL', 'ada' → 'A', '' → '?'. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0]![0]!;
  const last = parts.length > 1 ? parts[parts.length - 1]![0]! : '';
  return (first + last).toUpperCase();
}
