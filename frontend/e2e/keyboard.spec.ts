// Keyboard-only triage in the sample salon (--demo): ? shows the shortcuts; j/k point at a
// conversation, Enter opens it, n writes a note, a assigns it to me, e resolves it and opens
// the next one, five times over, without touching the mouse.
//
// Seeding the demo takes about a minute on a 2-core machine: one app serves the whole file.
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p), 120_000);

const views = () => page.getByRole('navigation', { name: 'Inbox views' });
const rows = () => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
const conversation = () => page.getByRole('region', { name: /^Conversation with/ });
const noteBox = () => conversation().getByRole('textbox', { name: 'Internal note', exact: true });

async function openCount(): Promise<number> {
  const label = await views().getByRole('button', { name: /^All open,/ }).getAttribute('aria-label');
  return Number(/(\d+) conversations/.exec(label ?? '')?.[1]);
}

test('? shows every shortcut and Escape closes the sheet', async () => {
  await expect(rows().first()).toBeVisible();
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  for (const what of ['Point at the next conversation', 'Open the conversation pointed at', 'Write an internal note', 'Assign to me', 'Resolve and open the next one', 'Search']) {
    await expect(sheet.getByText(what)).toBeVisible();
  }
  await screenshot(page, 'keyboard-shortcut-sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});

test('five conversations triaged with the keyboard alone', async () => {
  await expect(rows().first()).toBeVisible(); // the list is virtualized: rows in view only
  const before = await openCount();

  // j j k: back on the first row; Enter opens it.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(rows().first().getByRole('button')).toHaveAttribute('aria-current', 'true');

  for (let i = 1; i <= 5; i++) {
    await expect(conversation().getByRole('heading', { level: 2 })).toBeVisible();
    const text = `Checked by keyboard (${i})`;

    await page.keyboard.press('n');
    await expect(noteBox()).toBeFocused();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(noteBox()).toHaveValue('');
    await expect(conversation().getByRole('article', { name: /^Internal note by Camille Laurent/ }).filter({ hasText: text })).toBeVisible();
    // Escape leaves the text box so the next keys are shortcuts again.
    await page.keyboard.press('Escape');
    await expect(noteBox()).not.toBeFocused();

    await page.keyboard.press('a');
    await expect(conversation().getByRole('button', { name: 'Assignee: Camille Laurent' })).toBeVisible();
    if (i === 1) await screenshot(page, 'keyboard-triage');

    await page.keyboard.press('e');
    // The note's conversation gives way to the next one (so the next n is for that one).
    await expect(conversation().getByText(text)).toHaveCount(0);
    await expect.poll(openCount).toBe(before - i);
    // The next conversation is open, and it is the one the list points at.
    await expect(conversation().getByRole('button', { name: /^Assignee: / })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Conversations' }).locator('[aria-current="true"]')).toHaveCount(1);
  }
  await expect(views().getByRole('button', { name: /^Assigned to me, \d+ conversations/ })).toBeVisible();
  await screenshot(page, 'keyboard-triage-done');
});
