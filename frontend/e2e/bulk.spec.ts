// Bulk actions on the demo inbox: tick rows of both locations, assign them to a teammate who
// works at one location only (the other's row is skipped, and the toast says so), then
// resolve them.
//
// Seeding the demo takes about a minute on a 2-core machine: one app serves the whole file
// (see demo.spec.ts).
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p), 120_000);

const views = () => page.getByRole('navigation', { name: 'Inbox views' });
// The list is virtualized: these are the rows in view (the top of the list here).
const rows = () => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
const bulkBar = () => page.getByRole('toolbar', { name: 'Bulk actions' });
const SELECT = 'Select conversation with ';

/** Opens row i and reads its client's location from the client details. */
async function locationOfRow(i: number): Promise<string> {
  const row = rows().nth(i);
  const name = (await row.getByRole('checkbox').getAttribute('aria-label'))!.slice(SELECT.length);
  await row.getByRole('button').click();
  await expect(page.getByRole('region', { name: `Conversation with ${name}` })).toBeVisible();
  const where = page.getByRole('region', { name: 'Client details' }).getByText(/^(Riverside|Old Town)( · Organisation)?$/);
  await expect(where).toBeVisible();
  return (await where.textContent())!.startsWith('Old Town') ? 'Old Town' : 'Riverside';
}

async function openCount(): Promise<number> {
  const label = await views().getByRole('button', { name: /^All open,/ }).getAttribute('aria-label');
  return Number(/(\d+) conversations/.exec(label ?? '')?.[1]);
}

test('bulk assign skips what the assignee cannot access, then bulk resolve', async () => {
  await expect(page.getByRole('button', { name: /^Signed in as Camille Laurent/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'All open', level: 1 })).toBeVisible();
  await expect(rows().first()).toBeVisible();

  // Two Riverside rows and one Old Town row from the top of the list. Léa Moreau works at
  // Riverside only (internal/demo/data.go).
  const riverside: number[] = [];
  let oldTown = -1;
  for (let i = 0; i < 12 && (riverside.length < 2 || oldTown < 0); i++) {
    const where = await locationOfRow(i);
    if (where === 'Riverside' && riverside.length < 2) riverside.push(i);
    if (where === 'Old Town' && oldTown < 0) oldTown = i;
  }
  expect(riverside, 'two Riverside rows near the top').toHaveLength(2);
  expect(oldTown, 'an Old Town row near the top').toBeGreaterThanOrEqual(0);
  const picked = [...riverside, oldTown];
  for (const i of picked) await rows().nth(i).getByRole('checkbox').click();
  await expect(bulkBar()).toContainText('3 selected');
  const ticked = await Promise.all(picked.map((i) => rows().nth(i).getByRole('checkbox').getAttribute('aria-label')));

  await bulkBar().getByRole('button', { name: 'Assign to…' }).click();
  const menu = page.getByRole('menu', { name: 'Assign to' });
  await expect(menu.getByRole('menuitem', { name: /Léa Moreau/ })).toContainText('No access to Old Town');
  await menu.getByRole('menuitem', { name: /Léa Moreau/ }).click();
  await expect(page.getByText('Assigned 2 conversations to Léa Moreau. 1 skipped: Léa Moreau cannot access it.')).toBeVisible();
  await expect(bulkBar()).toHaveCount(0);
  await screenshot(page, 'bulk-assign');

  // The same three again, by name (the list may have moved), then resolve them.
  const before = await openCount();
  for (const label of ticked) await page.getByRole('checkbox', { name: label!, exact: true }).first().click();
  await expect(bulkBar()).toContainText('3 selected');
  await bulkBar().getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByText(/^Resolved 3 conversations\./)).toBeVisible();
  await expect.poll(openCount).toBe(before - 3);
  await screenshot(page, 'bulk-resolve');
});
