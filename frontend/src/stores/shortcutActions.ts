// The app's keyboard shortcuts (lib/shortcuts runs them). Each calls the same store function
// as the button it stands for, so a key and a click can never do different things.
import { FOCUS_SEARCH_EVENT, TYPING, type Shortcut } from '../lib/shortcuts';
import { focus, moveThreadFocus, requestComposer } from './focus.svelte';
import { nav } from './nav.svelte';
import { openThread } from './openThread.svelte';
import { session } from './session.svelte';
import { threadList } from './threadList.svelte';
import { toasts } from './toasts.svelte';

const LIST = 'Conversation list';
const THREAD = 'Open conversation';
const ANYWHERE = 'Anywhere';

const onInbox = () => nav.page === 'inbox';
const threadOpen = () => onInbox() && openThread.state === 'ready' && !!openThread.thread;

function report(work: Promise<unknown>): void {
  work.catch((e) => toasts.error(e));
}

/** Resolves the open conversation (as the Resolve button does) and opens the one below it. */
export async function resolveAndOpenNext(): Promise<void> {
  const th = openThread.thread;
  if (!th) return;
  // Chosen before resolving: a resolved conversation leaves most views.
  const ids = threadList.pages.ids;
  const at = ids.indexOf(th.id);
  const next = at < 0 ? ids[0] : (ids[at + 1] ?? ids[at - 1]);
  if (th.status !== 'resolved') await openThread.resolve();
  if (next && next !== th.id) {
    focus.threadId = next;
    await openThread.open(next);
  }
}

export function appShortcuts(ui: { openSheet: () => void }): Shortcut[] {
  return [
    { keys: ['j', 'ArrowDown'], group: LIST, description: 'Point at the next conversation', run: () => onInbox() && !!moveThreadFocus(1) },
    { keys: ['k', 'ArrowUp'], group: LIST, description: 'Point at the previous conversation', run: () => onInbox() && !!moveThreadFocus(-1) },
    {
      keys: ['Enter', 'o'],
      group: LIST,
      description: 'Open the conversation pointed at',
      run: () => {
        if (!onInbox() || !focus.threadId) return false;
        report(openThread.open(focus.threadId));
      },
    },
    {
      keys: ['r'],
      group: THREAD,
      description: 'Reply to the client',
      run: () => threadOpen() && (requestComposer('message'), true),
    },
    {
      keys: ['n'],
      group: THREAD,
      description: 'Write an internal note',
      run: () => threadOpen() && (requestComposer('note'), true),
    },
    {
      keys: ['a'],
      group: THREAD,
      description: 'Assign to me',
      run: () => {
        if (!threadOpen()) return false;
        if (openThread.thread!.assigneeId !== session.meId) report(openThread.assign(session.meId));
      },
    },
    {
      keys: ['e'],
      group: THREAD,
      description: 'Resolve and open the next one',
      run: () => threadOpen() && (report(resolveAndOpenNext()), true),
    },
    {
      keys: ['/'],
      group: ANYWHERE,
      description: 'Search',
      run: () => void window.dispatchEvent(new CustomEvent(FOCUS_SEARCH_EVENT)),
    },
    { keys: ['?'], group: ANYWHERE, description: 'Show these shortcuts', run: () => ui.openSheet() },
    {
      keys: ['Escape'],
      group: ANYWHERE,
      description: 'Leave the text box, so these keys work again',
      run: () => {
        const el = document.activeElement;
        if (!(el instanceof HTMLElement) || !el.matches(TYPING)) return false;
        el.blur();
      },
    },
  ];
}
