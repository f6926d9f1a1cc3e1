// Two computers, two real Huddles: the office PC creates the workspace and hosts its relay, the
// front desk joins with an invite code. Notes written on either appear on the other; when the
// office PC is switched off the desk keeps working offline, and what it wrote arrives once the
// office PC is back, on the relay port it remembered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, launchHuddle, screenshot, watchPageErrors, type HuddleApp, createWorkspace } from './huddle';

// Port 0: any free port, which the office PC remembers for its next start.
const HOST_ARGS = ['--relay-listen', '127.0.0.1:0'];
// Sync crosses two processes and a relay: generous, never a measurement.
const SYNC_TIMEOUT = 20_000;

const errors: string[] = [];
const apps: { name: string; app: HuddleApp }[] = []; // every Huddle started, stopped or not
const dirs: string[] = [];

test.afterEach(async ({}, testInfo) => {
  const failed = testInfo.status !== testInfo.expectedStatus;
  for (const { name, app } of apps.splice(0)) {
    if (failed) await testInfo.attach(`${name}-output.txt`, { body: app.output(), contentType: 'text/plain' });
    await app.stop(); // does nothing for one already stopped
  }
  // The data folders are the test's own, so a stopped Huddle can start again on its data.
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  expect(errors.splice(0), 'unexpected errors in the pages').toEqual([]);
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'huddle-e2e-sync-'));
  dirs.push(dir);
  return dir;
}

/** Starts a Huddle on dir and opens a page on it. */
async function open(browser: Browser, name: string, args: string[], dir: string): Promise<{ app: HuddleApp; page: Page }> {
  const app = await launchHuddle({ args, dataDir: dir });
  apps.push({ name, app });
  const page = await browser.newPage();
  watchPageErrors(page, errors);
  await page.goto(app.url);
  return { app, page };
}

const syncStatus = (page: Page) => page.getByTestId('sync-status');
const conversation = (page: Page) => page.getByRole('region', { name: 'Conversation with Olivia Smith' });

async function openOlivia(page: Page) {
  await page
    .getByRole('region', { name: 'Conversation list' })
    .getByRole('button', { name: /Olivia Smith/ })
    .click();
  await expect(conversation(page).getByRole('heading', { name: 'Olivia Smith' })).toBeVisible();
}

async function writeNote(page: Page, text: string) {
  const c = conversation(page);
  await c.getByRole('radio', { name: 'Note' }).click();
  const box = c.getByRole('textbox', { name: 'Internal note', exact: true });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

const note = (page: Page, author: string, text: string) =>
  conversation(page).getByRole('article', { name: new RegExp(`^Internal note by ${author}`) }).filter({ hasText: text });

test('invite, join, notes both ways, and the host switched off and on again', async ({ browser }) => {
  test.setTimeout(90_000);
  const officeDir = dataDir();

  // --- the office PC creates the workspace, a teammate and a client -------------------------
  let office = await open(browser, 'office', HOST_ARGS, officeDir);
  let pa = office.page;
  await createWorkspace(pa);
  await expect(syncStatus(pa)).toHaveAttribute('data-state', 'online', { timeout: SYNC_TIMEOUT });

  await pa.getByRole('button', { name: 'Team', exact: true }).click();
  const addMember = pa.getByRole('form', { name: 'Add a teammate' });
  await addMember.getByLabel('Name').fill('Ana Diaz');
  await addMember.getByLabel('Riverside').check();
  await addMember.getByRole('button', { name: 'Add teammate' }).click();
  await expect(pa.getByRole('list', { name: 'Members' }).getByText('Ana Diaz')).toBeVisible();

  // --- Team → Devices → Invite a device ------------------------------------------------------
  await pa.getByTestId('invite-device').click();
  const inviteDialog = pa.getByRole('dialog', { name: 'Invite a device' });
  await inviteDialog.getByLabel('Device name').fill('Front desk');
  await inviteDialog.getByRole('button', { name: 'Create invite code' }).click();
  await expect(pa.getByTestId('invite-code')).toHaveValue(/^HUDDLE1-/);
  const code = await pa.getByTestId('invite-code').inputValue();
  await screenshot(pa, 'sync-invite');
  await inviteDialog.getByRole('button', { name: 'Done' }).click();

  await pa.getByRole('button', { name: 'Clients', exact: true }).click();
  await pa.getByRole('button', { name: 'New client' }).click();
  const newClient = pa.getByRole('dialog', { name: 'New client' });
  await newClient.getByLabel('Name').fill('Olivia Smith');
  await newClient.getByRole('button', { name: 'Create client' }).click();
  await expect(conversation(pa).getByRole('heading', { name: 'Olivia Smith' })).toBeVisible();

  // --- the front desk joins with the code ----------------------------------------------------
  const desk = await open(browser, 'desk', [], dataDir());
  const pb = desk.page;
  await pb.getByTestId('join-workspace').click();
  await pb.getByTestId('join-code').fill(code);
  await pb.getByTestId('join-submit').click();
  await expect(pb.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible({ timeout: SYNC_TIMEOUT });
  await screenshot(pb, 'sync-joined-pick');
  await pb.getByRole('button', { name: 'Sign in as Ana Diaz' }).click();
  await expect(pb.getByRole('heading', { name: 'All open' })).toBeVisible();
  await expect(syncStatus(pb)).toHaveAttribute('data-state', 'online');

  // Both computers are online, each with its person.
  for (const p of [pa, pb]) {
    await expect(p.getByTestId('online-list').locator('[data-testid^="online-"]')).toHaveCount(2, { timeout: SYNC_TIMEOUT });
  }

  // --- notes travel both ways ------------------------------------------------------------------
  await openOlivia(pb);
  await writeNote(pb, 'Olivia called: running 10 minutes late');
  await expect(note(pa, 'Ana Diaz', 'running 10 minutes late')).toBeVisible({ timeout: SYNC_TIMEOUT });
  await writeNote(pa, 'Thanks, I moved her to 3:30');
  await expect(note(pb, 'Camille Laurent', 'moved her to 3:30')).toBeVisible({ timeout: SYNC_TIMEOUT });
  await screenshot(pb, 'sync-desk-online');

  // --- the office PC (and with it the relay) is switched off --------------------------------------
  await pa.close();
  await office.app.stop();
  await expect(syncStatus(pb)).toHaveAttribute('data-state', 'offline', { timeout: SYNC_TIMEOUT });
  await writeNote(pb, 'Written while the office PC was off');
  await expect(note(pb, 'Ana Diaz', 'while the office PC was off')).toBeVisible();
  await expect(pb.getByTestId('sync-waiting')).toHaveText(/^\d+ changes? waiting$/);
  await screenshot(pb, 'sync-desk-offline');

  // --- and switched on again: same data, same relay port ------------------------------------------
  office = await open(browser, 'office-again', HOST_ARGS, officeDir);
  pa = office.page;
  await expect(pa.getByRole('heading', { name: 'All open' })).toBeVisible();
  await openOlivia(pa);
  await expect(note(pa, 'Ana Diaz', 'while the office PC was off')).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(syncStatus(pb)).toHaveAttribute('data-state', 'online', { timeout: SYNC_TIMEOUT });
  await expect(syncStatus(pb)).toHaveText('Synced', { timeout: SYNC_TIMEOUT }); // nothing waits any more
  await expect(syncStatus(pa)).toHaveAttribute('data-state', 'online');
  for (const p of [pa, pb]) {
    await expect(p.getByTestId('online-list').locator('[data-testid^="online-"]')).toHaveCount(2, { timeout: SYNC_TIMEOUT });
  }
  await screenshot(pa, 'sync-office-back');
});
