// The sample salon (--demo): a real-sized inbox renders with counts, pages on scroll, filters,
// per-location lines and client tags, opens a conversation with its timeline, and a shared
// desk switches teammate.
//
// Seeding the demo writes thousands of documents with fsync on; that takes about a minute on
// a 2-core machine, so one app serves the whole file and gets a long start-up allowance.
import { test, expect, screenshot, serveDemo, type HuddleApp } from './huddle';
import type { Page } from '@playwright/test';

let app: HuddleApp;
let page: Page;
serveDemo((p, a) => {
  page = p;
  app = a;
});

const views = () => page.getByRole('navigation', { name: 'Inbox views' });
const list = () => page.getByRole('list', { name: 'Conversations' });
// The list is virtualized: only the rows in view (and a few around) are in the page;
// data-loaded on the list says how many are loaded.
const rows = () => list().getByRole('listitem');
const loaded = async () => Number(await list().getAttribute('data-loaded'));

test('the inbox shows the demo threads with live counts', async () => {
  await expect(views().getByRole('button', { name: /^All open, \d+ conversations/ })).toBeVisible();
  const allOpen = await views().getByRole('button', { name: /^All open,/ }).getAttribute('aria-label');
  const total = Number(/(\d+) conversations/.exec(allOpen ?? '')?.[1]);
  expect(total).toBeGreaterThan(50);
  await expect(views().getByRole('button', { name: /^Resolved, \d+ conversations/ })).toBeVisible();
  await expect(list()).toHaveAttribute('data-loaded', '50');
  await expect(rows().first()).toBeVisible();
  expect(await rows().count()).toBeLessThan(50);
  await app.waitForOutput('inbox rendered');
  expect(app.output()).toMatch(/inbox rendered.*view=all.*rows=50/);

  // The next page loads when the end of the list scrolls into view.
  await rows().last().scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'Conversation list' }).getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
  await expect.poll(loaded).toBeGreaterThan(50);
  expect(await rows().count()).toBeLessThan(50);
});

test('filters narrow the list by channel, location and assignee', async () => {
  await page.getByLabel('Filter by channel').selectOption({ label: 'SMS' });
  await expect(rows().first()).toContainText('SMS');
  const n = await rows().count();
  for (let i = 0; i < Math.min(n, 10); i++) await expect(rows().nth(i)).toContainText('SMS');
  await page.getByLabel('Filter by channel').selectOption({ label: 'Channel' });

  await page.getByLabel('Filter by location').selectOption({ label: 'Old Town' });
  await expect(rows().first()).toBeVisible();
  await page.getByLabel('Filter by location').selectOption({ label: 'Location' });

  await page.getByLabel('Filter by assignee').selectOption({ label: 'Nina Kowalski' });
  await expect(rows().first().getByRole('img', { name: 'Assigned to Nina Kowalski' })).toBeVisible();
  await page.getByLabel('Filter by assignee').selectOption({ label: 'Assignee' });
  await expect(list()).toHaveAttribute('data-loaded', '50');
});

test('each location has its line with a live count, and client tags filter the list', async () => {
  const locations = page.getByRole('navigation', { name: 'Locations' });
  const count = async (name: RegExp) =>
    Number(/(\d+) conversations/.exec((await locations.getByRole('button', { name }).getAttribute('aria-label')) ?? '')?.[1]);
  const allOpen = Number(
    /(\d+) conversations/.exec((await views().getByRole('button', { name: /^All open,/ }).getAttribute('aria-label')) ?? '')?.[1],
  );
  const [riverside, oldTown] = [await count(/^Riverside,/), await count(/^Old Town,/)];
  expect(riverside).toBeGreaterThan(0);
  expect(riverside + oldTown).toBe(allOpen);

  await locations.getByRole('button', { name: /^Old Town,/ }).click();
  await expect(locations.getByRole('button', { name: /^Old Town,/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Filter by location')).toHaveValue(/.+/);
  await expect(list()).toHaveAttribute('data-loaded', String(Math.min(50, oldTown)));
  await screenshot(page, 'inbox-location');
  await locations.getByRole('button', { name: /^Old Town,/ }).click(); // again: every location
  await expect(page.getByLabel('Filter by location')).toHaveValue('');

  await page.getByLabel('Filter by client tag').selectOption({ label: 'business' });
  // The organisations' conversations only: fewer than a page (the list no longer holds 50).
  await expect.poll(loaded).toBeLessThan(50);
  await expect(rows().first()).toBeVisible();
  for (let i = 0; i < Math.min(await rows().count(), 3); i++) {
    await rows().nth(i).getByRole('button').click();
    await expect(page.getByRole('list', { name: 'Tags' }).getByText('business', { exact: true })).toBeVisible();
  }
  await page.getByLabel('Filter by client tag').selectOption({ label: 'Client tag' });
  await expect(list()).toHaveAttribute('data-loaded', '50');
});

test('opening a thread renders its timeline', async () => {
  await rows().first().getByRole('button').click();
  const conversation = page.getByRole('region', { name: /^Conversation with/ });
  await expect(conversation.getByRole('heading', { level: 2 })).toBeVisible();
  const messages = conversation.getByRole('log', { name: 'Messages' });
  await expect(messages.getByRole('article').first()).toBeVisible();
  expect(await messages.getByRole('article').count()).toBeGreaterThan(0);
  await expect(conversation.getByRole('button', { name: /^Assignee: / })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Client details' })).toBeVisible();
  await screenshot(page, 'demo-inbox');

  // A thread with notes shows them as internal notes.
  await views().getByRole('button', { name: /^Mentioned,/ }).click();
  await page.getByRole('heading', { name: 'Mentioned', level: 1 }).waitFor();
  if ((await rows().count()) > 0) {
    await rows().first().getByRole('button').click();
    await expect(conversation.getByRole('article', { name: /^Internal note by/ }).first()).toBeVisible();
    await screenshot(page, 'demo-thread-notes');
  }
});

test('opening an unread conversation marks it read; following lists it under Followed', async () => {
  const label = async (name: RegExp) => (await views().getByRole('button', { name }).getAttribute('aria-label')) ?? '';
  const unread = async () => Number(/(\d+) unread/.exec(await label(/^All open,/))?.[1] ?? 0);
  const followed = async () => Number(/(\d+) conversations?/.exec(await label(/^Followed/))?.[1] ?? 0);
  await views().getByRole('button', { name: /^All open,/ }).click();
  // An unread row whose client has no other conversation in view, so its name finds it alone.
  const byName = (name: string) => rows().filter({ has: page.getByRole('checkbox', { name, exact: true }) });
  const unreadRows = rows().filter({ hasText: 'Unread' });
  await expect(unreadRows.first()).toBeVisible();
  let name = '';
  for (let i = 0; i < (await unreadRows.count()) && !name; i++) {
    const candidate = (await unreadRows.nth(i).getByRole('checkbox').getAttribute('aria-label'))!;
    if ((await byName(candidate).count()) === 1) name = candidate;
  }
  expect(name).not.toBe('');
  const row = byName(name);
  const [before, followedBefore] = [await unread(), await followed()];
  expect(before).toBeGreaterThan(0);

  await row.getByRole('button').click();
  const same = byName(name);
  await expect(same).not.toContainText('Unread');
  await expect.poll(unread).toBe(before - 1);

  const conversation = page.getByRole('region', { name: /^Conversation with/ });
  await conversation.getByRole('button', { name: 'Follow' }).click();
  await expect(conversation.getByRole('button', { name: 'Following' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(followed).toBe(followedBefore + 1);
  await views().getByRole('button', { name: /^Followed/ }).click();
  await expect(page.getByRole('heading', { name: 'Followed', level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name, exact: true })).toBeVisible();
});

test('the tasks page shows overdue tasks in red', async () => {
  await page.getByRole('button', { name: 'Tasks', exact: true }).click();
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'All open' }).click();
  const tasks = page.getByRole('list', { name: 'Tasks' });
  await expect(tasks.getByRole('listitem').first()).toBeVisible();
  await expect(tasks.getByText(/^Overdue/).first()).toBeVisible();
  await expect(tasks.getByText(/^Overdue/).first()).toHaveCSS('color', /rgb\(201, 42, 42\)|rgb\(248, 113, 113\)/);
  await screenshot(page, 'demo-tasks');
});

test('a shared desk switches teammate from the avatar menu', async () => {
  await page.getByRole('button', { name: /^Signed in as Camille Laurent/ }).click();
  await page.getByRole('menu', { name: 'Switch teammate' }).getByRole('menuitemradio', { name: /Léa Moreau/ }).click();
  await expect(page.getByRole('button', { name: /^Signed in as Léa Moreau/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'All open', level: 1 })).toBeVisible();
  // Léa works at Riverside only: no location filter to pick from.
  await expect(page.getByLabel('Filter by location')).toHaveCount(0);
  await expect(rows().first()).toBeVisible();
  await page.getByRole('button', { name: /^Signed in as Léa Moreau/ }).click();
  await page.getByRole('menuitemradio', { name: /Camille Laurent/ }).click();
  await expect(page.getByRole('button', { name: /^Signed in as Camille Laurent/ })).toBeVisible();
});

test('the dark theme follows the system setting', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await rows().first().getByRole('button').click();
  await expect(page.getByRole('region', { name: /^Conversation with/ })).toBeVisible();
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(18, 20, 25)');
  await screenshot(page, 'demo-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});
