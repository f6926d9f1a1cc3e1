// Search in the demo salon: typing part of a word finds the conversations that say it, and a
// result opens its thread. "appointm" is the start of "appointment", which the demo's booking
// and reschedule conversations use (internal/demo/conversations.go).
//
// Seeding the demo takes about a minute on a 2-core machine (see demo.spec.ts), so one app
// serves the whole file.
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p));

test('typing part of a word finds a message and opens its conversation', async () => {
  const input = page.getByTestId('search-input');
  await expect(input).toBeVisible();
  await input.fill('appointm');
  const results = page.getByTestId('search-results');
  await expect(results).toBeVisible();
  await expect(results.getByText('Conversations')).toBeVisible();
  const hit = results.locator('[data-testid="search-result"][data-kind="message"]').first();
  await expect(hit).toBeVisible();
  await expect(hit).toContainText(/appointment/i);
  await screenshot(page, 'search-results');

  const title = (await hit.locator('.title').textContent())?.split(' · ')[0]?.trim() ?? '';
  await hit.click();
  await expect(results).toBeHidden();
  const conversation = page.getByRole('region', { name: /^Conversation with/ });
  await expect(conversation).toBeVisible();
  await expect(conversation).toHaveAccessibleName(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText(/appointment/i);
  await screenshot(page, 'search-opened-thread');
});

test('the focus event and Escape', async () => {
  await page.locator('body').click();
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('huddle:focus-search')));
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill('balay');
  await expect(page.getByTestId('search-results')).toBeVisible();
  await input.press('Escape');
  await expect(page.getByTestId('search-results')).toBeHidden();
  await expect(input).toHaveValue('');
});
