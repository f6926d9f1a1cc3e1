// Single-key shortcuts across the app: a list of keys and what they do, and one keydown
// listener that runs them. Keys belong to whatever is being typed in (inputs, text areas,
// selects) except Escape; to open menus, list boxes and dialogs, which have their own keys;
// and Enter/Space to the focused button or link. A key with Ctrl, Alt or Meta is never ours,
// so the browser's and the system's own shortcuts keep working.

export interface Shortcut {
  /** KeyboardEvent.key values, e.g. ['j', 'ArrowDown']; the first is the one shown. */
  keys: string[];
  /** What it does, as the shortcut sheet says it. */
  description: string;
  /** Heading it is listed under in the sheet. */
  group: string;
  /** Runs the shortcut; return false when it does not apply now, so the key is left alone. */
  run: () => boolean | void;
}

/** What the `/` key announces; the search box listens for it and takes the caret. */
export const FOCUS_SEARCH_EVENT = 'huddle:focus-search';

export const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const OWN_KEYS = '[role="menu"], [role="listbox"], [role="dialog"], [role="alertdialog"]';
const ACTIVATES = 'button, a[href], summary, [role="button"], [role="link"], [role="option"], [role="menuitem"]';

function closest(target: EventTarget | null, selector: string): Element | null {
  return target instanceof Element ? target.closest(selector) : null;
}

/** True when the key should go to where it was typed rather than to the shortcuts. */
export function keyBelongsToTarget(e: KeyboardEvent): boolean {
  if (closest(e.target, OWN_KEYS)) return true;
  if (closest(e.target, TYPING)) return e.key !== 'Escape';
  if (e.key === 'Enter' || e.key === ' ') return !!closest(e.target, ACTIVATES);
  return false;
}

/** The shortcut for `e`, if any applies. */
export function findShortcut(list: readonly Shortcut[], e: KeyboardEvent): Shortcut | undefined {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return undefined;
  if (keyBelongsToTarget(e)) return undefined;
  return list.find((s) => s.keys.includes(e.key));
}

/** Runs the shortcut for `e`; true when one ran (the key is then consumed). */
export function handleShortcut(list: readonly Shortcut[], e: KeyboardEvent): boolean {
  const s = findShortcut(list, e);
  if (!s || s.run() === false) return false;
  e.preventDefault();
  return true;
}

/** Installs the one listener on `target`; returns its removal. */
export function installShortcuts(list: readonly Shortcut[], target: Window | HTMLElement = window): () => void {
  const onKey = (e: Event) => void handleShortcut(list, e as KeyboardEvent);
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}

const KEY_LABELS: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  ' ': 'Space',
};

/** How a key is written on the sheet: "j", "↓", "Esc". */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

/** The shortcuts by group, in the order the groups first appear. */
export function groupShortcuts(list: readonly Shortcut[]): { group: string; shortcuts: Shortcut[] }[] {
  const groups = new Map<string, Shortcut[]>();
  for (const s of list) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return [...groups].map(([group, shortcuts]) => ({ group, shortcuts }));
}
