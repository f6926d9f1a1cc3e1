import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { resetFakes } from '../test/fakeApi';
import { appShortcuts } from '../stores/shortcutActions';
import ShortcutSheet from './ShortcutSheet.svelte';

beforeEach(() => resetFakes());

describe('ShortcutSheet', () => {
  it('lists every shortcut of the app with its keys, by group', () => {
    const shortcuts = appShortcuts({ openSheet: () => {} });
    render(ShortcutSheet, { shortcuts, onclose: () => {} });
    const sheet = screen.getByTestId('shortcut-sheet');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainElement(sheet);
    for (const s of shortcuts) expect(within(sheet).getByText(s.description)).toBeInTheDocument();
    const list = within(sheet).getByRole('region', { name: 'Conversation list' });
    const keys = within(list).getAllByText((_, el) => el?.tagName === 'KBD').map((k) => k.textContent);
    expect(keys).toEqual(['j', '↓', 'k', '↑', 'Enter', 'o']);
    for (const k of ['r', 'n', 'a', 'e', '/', '?', 'Esc']) {
      expect(within(sheet).getAllByText(k, { selector: 'kbd' }).length).toBeGreaterThan(0);
    }
  });

  it('closes with Escape', async () => {
    const onclose = vi.fn();
    render(ShortcutSheet, { shortcuts: appShortcuts({ openSheet: () => {} }), onclose });
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });
});
