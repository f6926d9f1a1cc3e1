// Settings (the Team page) in the sample salon (--demo), as the Owner: rename the workspace and
// a location, change a teammate's role, add a snippet and find it in the composer with "/",
// and deactivate a teammate, whose open conversations go back to the queue (the toast says
// how many, and Unassigned grows by that much).
//
// Seeding the demo takes about a minute on a 2-core machine: one app serves the whole file
// (see demo.spec.ts).
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p), 120_000);

const region = (name: string) => page.getByRole('region', { name, exact: true });
const members = () => page.getByRole('list', { name: 'Members' });
const memberRow = (name: string) => members().getByRole('listitem').filter({ hasText: name });
const views = () => page.getByRole('navigation', { name: 'Inbox views' });
const conversation = () => page.getByRole('region', { name: /^Conversation with/ });
const replyBox = () => conversation().getByRole('textbox', { name: 'Message to client', exact: true });

async function openTeam() {
  await page.getByRole('button', { name: 'Team', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
}

async function unassignedCount(): Promise<number> {
  const label = await views().getByRole('button', { name: /^Unassigned,/ }).getAttribute('aria-label');
  return Number(/(\d+) conversations?/.exec(label ?? '')?.[1]);
}

test('the Owner renames the workspace and a location', async () => {
  await expect(page.getByRole('button', { name: /^Signed in as Camille Laurent/ })).toBeVisible();
  await openTeam();

  const ws = region('Workspace').getByRole('form', { name: 'Rename the workspace' });
  await expect(ws.getByLabel('Workspace name')).toHaveValue('Maison Lumière');
  await ws.getByLabel('Workspace name').fill('Maison Lumière Salons');
  await ws.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByTitle('Maison Lumière Salons')).toBeVisible(); // the sidebar
  await expect(ws.getByRole('button', { name: 'Save name' })).toBeDisabled();

  const brands = region('Locations');
  await brands.getByRole('button', { name: 'Rename Old Town' }).click();
  await brands.getByLabel('New name for Old Town').fill('Old Town Studio');
  await brands.getByRole('button', { name: 'Save' }).click();
  await expect(brands.getByRole('list', { name: 'Locations' }).getByText('Old Town Studio', { exact: true })).toBeVisible();
  await expect(brands.getByRole('button', { name: 'Rename Old Town Studio' })).toBeVisible();
  // Members who work there show the new name too.
  await expect(memberRow('Marcus Bell')).toContainText('Old Town Studio');

  // The inbox's location filter offers the new name.
  await views().getByRole('button', { name: /^All open,/ }).click();
  await expect(page.getByLabel('Filter by location').getByRole('option', { name: 'Old Town Studio' })).toBeAttached();
});

test("the Owner changes a teammate's role", async () => {
  await openTeam();
  await expect(memberRow('Tom Hughes')).toContainText('Viewer');
  await members().getByRole('button', { name: 'Edit Tom Hughes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Tom Hughes' });
  await expect(dialog.getByLabel('Role')).toHaveValue('viewer');
  await dialog.getByLabel('Role').selectOption({ label: 'Agent' });
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Tom Hughes is updated.' })).toBeVisible();
  await expect(memberRow('Tom Hughes')).toContainText('Agent');
});

test('a new snippet is offered in the composer when typing /', async () => {
  await openTeam();
  const form = region('Snippets').getByRole('form', { name: 'Add a snippet' });
  await form.getByLabel('Shortcut').fill('parking');
  await form.getByLabel('Text').fill('There is free parking behind the salon after 6pm.');
  await form.getByRole('button', { name: 'Add snippet' }).click();
  await expect(region('Snippets').getByRole('list', { name: 'Snippets' }).getByText('/parking', { exact: true })).toBeVisible();
  await expect(form.getByLabel('Shortcut')).toHaveValue('');

  // An SMS conversation has a client to reply to.
  await views().getByRole('button', { name: /^All open,/ }).click();
  await page.getByLabel('Filter by channel').selectOption({ label: 'SMS' });
  const rows = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
  await expect(rows.first()).toContainText('SMS');
  await rows.first().getByRole('button').click();
  await replyBox().click();
  await replyBox().pressSequentially('Hello! /park');
  const menu = conversation().getByRole('listbox', { name: 'Insert a snippet' });
  await expect(menu.getByRole('option', { name: /\/parking/ })).toBeVisible();
  await replyBox().press('Enter');
  await expect(replyBox()).toHaveValue('Hello! There is free parking behind the salon after 6pm.');
  await replyBox().fill('');
  await page.getByLabel('Filter by channel').selectOption({ label: 'Channel' });
});

test('deactivating a teammate asks first, then says how much work went back to the queue', async () => {
  await expect(views().getByRole('button', { name: /^Unassigned,/ })).toBeVisible();
  const before = await unassignedCount();
  await openTeam();

  await members().getByRole('button', { name: 'Deactivate Léa Moreau' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate Léa Moreau?' });
  await expect(dialog).toContainText('Their open conversations and tasks go back to the queue');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 }); // the requeue writes every thread she held

  const toast = page.getByRole('status').filter({ hasText: 'Léa Moreau is deactivated;' }).locator('p');
  await expect(toast).toHaveText(
    /^Léa Moreau is deactivated; (?:(?:\d+ open conversations?(?: and \d+ tasks?)?|\d+ open tasks?) went back to the queue|nothing was assigned to them)\.$/,
  );
  // Read now: a toast goes after a few seconds.
  const requeued = Number(/(\d+) open conversations?/.exec((await toast.textContent()) ?? '')?.[1] ?? 0);
  await expect(memberRow('Léa Moreau')).toContainText('Deactivated');
  await expect(members().getByRole('button', { name: 'Reactivate Léa Moreau' })).toBeVisible();
  await screenshot(page, 'settings');

  // Unassigned grew by the conversations the sentence counted.
  await expect.poll(unassignedCount).toBe(before + requeued);
});
