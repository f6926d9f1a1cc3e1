// Announcements in the sample salon (--demo): write once, pick two clients by name, highlight
// it, send; the dialog says how many chats it reached, and each client's chat shows the
// highlighted announcement. Screenshot: build/screenshots/announce.png (the chat).
//
// Seeding the demo takes about a minute on a 2-core machine: one app serves the whole file.
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p), 120_000);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('an announcement to selected clients, highlighted, lands in their chats', async () => {
  await expect(page.getByRole('heading', { name: 'All open', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Announce', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New announcement' });
  await expect(dialog).toBeVisible();

  const text = 'Late opening this Thursday: we are open until 9pm at both salons.';
  await dialog.getByRole('textbox', { name: 'Announcement' }).fill(text);
  await dialog.getByRole('radio', { name: 'Selected clients' }).check();

  // The first two clients by name, each found again by typing the start of their name.
  const found = dialog.getByRole('group', { name: 'Matching clients' });
  const options = found.locator('label');
  await expect(options.nth(1)).toBeVisible();
  const names = [(await options.nth(0).locator('.name').textContent())!, (await options.nth(1).locator('.name').textContent())!];
  for (const name of names) {
    await dialog.getByPlaceholder('Find clients by name').fill(name);
    await found.getByRole('checkbox', { name: new RegExp(`^${escape(name)}`) }).first().check();
  }
  const chosen = dialog.getByRole('list', { name: 'Chosen clients' });
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('checkbox', { name: "Highlight it in each client's chat" }).check();
  await screenshot(page, 'announce-dialog');

  await dialog.getByRole('button', { name: 'Send to 2 clients' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Sent to 2 clients.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  // One client's chat, through the search box.
  const search = page.getByTestId('search-input');
  await search.fill(names[0]!);
  const results = page.getByTestId('search-results');
  await results.getByRole('option').filter({ hasText: names[0]! }).first().click();
  const conversation = page.getByRole('region', { name: `Conversation with ${names[0]}` });
  await expect(conversation).toBeVisible();
  const announcement = conversation.getByRole('article', { name: /^Announcement from Camille Laurent/ }).filter({ hasText: text });
  await expect(announcement).toBeVisible();
  await expect(announcement).toContainText('Announcement');
  await expect(announcement).toHaveClass(/\bhighlight\b/);
  await announcement.scrollIntoViewIfNeeded();
  await screenshot(page, 'announce');
});
