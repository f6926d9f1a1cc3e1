import { afterEach, describe, expect, it, vi } from 'vitest';
import { findShortcut, groupShortcuts, handleShortcut, installShortcuts, keyLabel, type Shortcut } from './shortcuts';

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

function add<T extends HTMLElement>(html: string): T {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  document.body.append(holder);
  return holder.firstElementChild as T;
}

afterEach(() => {
  document.body.innerHTML = '';
});

function registry() {
  const next = vi.fn();
  const open = vi.fn();
  const escape = vi.fn();
  const list: Shortcut[] = [
    { keys: ['j', 'ArrowDown'], group: 'List', description: 'Next', run: next },
    { keys: ['Enter'], group: 'List', description: 'Open', run: open },
    { keys: ['Escape'], group: 'Anywhere', description: 'Leave', run: escape },
    { keys: ['x'], group: 'Anywhere', description: 'Not now', run: () => false },
  ];
  return { list, next, open, escape };
}

describe('shortcut registry', () => {
  it('runs the shortcut of a key, by any of its keys, and consumes the key', () => {
    const { list, next } = registry();
    const off = installShortcuts(list);
    const e = press(document.body, 'j');
    press(document.body, 'ArrowDown');
    expect(next).toHaveBeenCalledTimes(2);
    expect(e.defaultPrevented).toBe(true);
    off();
    press(document.body, 'j');
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('ignores keys typed in inputs, text areas and selects, except Escape', () => {
    const { list, next, escape } = registry();
    const off = installShortcuts(list);
    for (const html of ['<input>', '<textarea></textarea>', '<select><option>a</option></select>', '<div contenteditable="true"></div>']) {
      const field = add(html);
      const e = press(field, 'j');
      expect(e.defaultPrevented).toBe(false);
      press(field, 'Escape');
    }
    expect(next).not.toHaveBeenCalled();
    expect(escape).toHaveBeenCalledTimes(4);
    off();
  });

  it('leaves keys with Ctrl, Alt or Meta, and keys already handled, alone', () => {
    const { list, next } = registry();
    expect(findShortcut(list, new KeyboardEvent('keydown', { key: 'j', ctrlKey: true }))).toBeUndefined();
    expect(findShortcut(list, new KeyboardEvent('keydown', { key: 'j', altKey: true }))).toBeUndefined();
    expect(findShortcut(list, new KeyboardEvent('keydown', { key: 'j', metaKey: true }))).toBeUndefined();
    const off = installShortcuts(list);
    const input = add('<textarea></textarea>');
    input.addEventListener('keydown', (e) => e.preventDefault()); // e.g. the composer closing its menu
    press(input, 'Escape');
    off();
    expect(next).not.toHaveBeenCalled();
  });

  it('lets open menus, list boxes and dialogs keep their keys', () => {
    const { list, next } = registry();
    const off = installShortcuts(list);
    press(add('<div role="listbox"><button role="option">Ana</button></div>').firstElementChild!, 'j');
    press(add('<div role="dialog"><button>Close</button></div>').firstElementChild!, 'ArrowDown');
    off();
    expect(next).not.toHaveBeenCalled();
  });

  it('leaves Enter to a focused button, but not other keys', () => {
    const { list, next, open } = registry();
    const off = installShortcuts(list);
    const button = add('<button>Resolve</button>');
    press(button, 'Enter');
    press(button, 'j');
    press(document.body, 'Enter');
    off();
    expect(open).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('leaves the key alone when the shortcut says it does not apply', () => {
    const { list } = registry();
    const e = new KeyboardEvent('keydown', { key: 'x', cancelable: true });
    expect(handleShortcut(list, e)).toBe(false);
    expect(e.defaultPrevented).toBe(false);
  });
});

describe('shortcut labels and groups', () => {
  it('writes keys as the sheet shows them', () => {
    expect(['j', 'ArrowDown', 'ArrowUp', 'Escape', '?'].map(keyLabel)).toEqual(['j', '↓', '↑', 'Esc', '?']);
  });

  it('groups shortcuts in the order their groups first appear', () => {
    const { list } = registry();
    expect(groupShortcuts(list).map((g) => [g.group, g.shortcuts.length])).toEqual([
      ['List', 2],
      ['Anywhere', 2],
    ]);
  });
});
