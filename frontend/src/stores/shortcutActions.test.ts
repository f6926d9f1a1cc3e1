import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { inboxApi, resetFakes, threadApi, workspace } from '../test/fakeApi';
import { camille, detail, status, thread } from '../test/fixtures';
import { handleShortcut } from '../lib/shortcuts';
import { threads } from './entities.svelte';
import { focus } from './focus.svelte';
import { nav } from './nav.svelte';
import { openThread } from './openThread.svelte';
import { session } from './session.svelte';
import { appShortcuts } from './shortcutActions';
import { threadList } from './threadList.svelte';

const openSheet = vi.fn();
const shortcuts = appShortcuts({ openSheet });
const press = (key: string) => handleShortcut(shortcuts, new KeyboardEvent('keydown', { key, cancelable: true }));

beforeEach(async () => {
  resetFakes();
  threads.clear();
  threadList.clear();
  openThread.close();
  focus.threadId = null;
  nav.page = 'inbox';
  workspace.status.mockResolvedValue(status(camille));
  await session.load();
  inboxApi.page.mockResolvedValue({ threads: ['t1', 't2', 't3'].map((id) => thread({ id })), next: '' });
  await threadList.show('all');
  threadApi.open.mockImplementation(async (id) => detail(thread({ id })));
  threadApi.assign.mockResolvedValue(undefined);
  threadApi.resolve.mockResolvedValue(undefined);
});

describe('app shortcuts', () => {
  it('j and k move through the list, stopping at its ends; Enter opens', async () => {
    expect(press('j')).toBe(true);
    expect(focus.threadId).toBe('t1');
    press('j');
    press('ArrowDown');
    press('j');
    expect(focus.threadId).toBe('t3');
    press('k');
    expect(focus.threadId).toBe('t2');
    press('Enter');
    await vi.waitFor(() => expect(openThread.id).toBe('t2'));
    expect(threadApi.open).toHaveBeenCalledWith('t2');
    press('ArrowUp');
    press('o');
    await vi.waitFor(() => expect(openThread.id).toBe('t1'));
  });

  it('a assigns the open conversation to me, as the assignee menu does', async () => {
    await openThread.open('t2');
    press('a');
    await vi.waitFor(() => expect(threadApi.assign).toHaveBeenCalledWith('t2', camille.id));
  });

  it('e resolves the open conversation and opens the next one', async () => {
    await openThread.open('t2');
    press('e');
    await vi.waitFor(() => expect(openThread.id).toBe('t3'));
    expect(threadApi.resolve).toHaveBeenCalledWith('t2');
    expect(focus.threadId).toBe('t3');
  });

  it('e on the last conversation opens the one above it', async () => {
    await openThread.open('t3');
    press('e');
    await vi.waitFor(() => expect(openThread.id).toBe('t2'));
  });

  it('r and n ask the composer for the caret in message or note mode', async () => {
    await openThread.open('t1');
    const before = focus.composer.seq;
    press('n');
    expect(focus.composer).toEqual({ mode: 'note', seq: before + 1 });
    press('r');
    expect(focus.composer).toEqual({ mode: 'message', seq: before + 2 });
  });

  it('conversation keys do nothing without an open conversation or off the inbox', async () => {
    expect(press('a')).toBe(false);
    expect(press('e')).toBe(false);
    expect(press('r')).toBe(false);
    nav.page = 'tasks';
    expect(press('j')).toBe(false);
    expect(focus.threadId).toBeNull();
  });

  it('/ asks the search box for the caret and ? opens the sheet', () => {
    const heard = vi.fn();
    window.addEventListener('huddle:focus-search', heard);
    press('/');
    window.removeEventListener('huddle:focus-search', heard);
    expect(heard).toHaveBeenCalledTimes(1);
    press('?');
    expect(openSheet).toHaveBeenCalled();
  });
});
