// The Team queue in the sample salon (--demo), as its manager sees it: Priya Shah, an Admin
// of both locations. Every teammate's load with presence, overdue tasks, the unassigned queue
// and the per-location totals; the queue's button lands on the Unassigned inbox view.
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => {
  page = p;
});

const queue = () => page.getByTestId('team-queue');
const teammates = () => queue().getByRole('table', { name: "Teammates' load" });
const workspaceNav = () => page.getByRole('navigation', { name: 'Workspace' });

test('the manager opens the Team queue and sees every teammate with counts', async () => {
  // The demo desk starts signed in as the Owner; the salon's manager is Priya, an Admin.
  await page.getByRole('button', { name: /^Signed in as Camille Laurent/ }).click();
  await page.getByRole('menu', { name: 'Switch teammate' }).getByRole('menuitemradio', { name: /Priya Shah/ }).click();
  await expect(page.getByRole('button', { name: /^Signed in as Priya Shah/ })).toBeVisible();

  await workspaceNav().getByRole('button', { name: 'Team queue' }).click();
  await expect(queue().getByRole('heading', { name: 'Team queue', level: 1 })).toBeVisible();

  // One row per active teammate: the Owner and the five staff of the demo.
  const rows = teammates().locator('tbody tr');
  await expect(rows).toHaveCount(6);
  for (const name of ['Camille Laurent', 'Priya Shah (you)', 'Léa Moreau', 'Marcus Bell', 'Nina Kowalski', 'Tom Hughes']) {
    await expect(teammates().getByRole('rowheader', { name: new RegExp(name.replace(/[()]/g, '\\$&')) })).toBeVisible();
  }
  // Priya is at this desk, so she shows online.
  await expect(teammates().getByRole('rowheader', { name: /Priya Shah/ })).toContainText('Online');

  // The demo hands out conversations: someone holds some, and the counts are numbers.
  const open = (await teammates().getByTestId('open-count').allTextContents()).map(Number);
  expect(open.length).toBe(5); // Tom, the Viewer, holds none and has no bar
  expect(open.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
  expect(open.some((n) => n > 0)).toBe(true);
  const overdue = (await teammates().getByTestId('overdue-count').allTextContents()).map((t) => parseInt(t, 10));
  expect(overdue).toHaveLength(6);
  expect(overdue.some((n) => n > 0), 'the demo has overdue tasks').toBe(true);
  // Overdue tasks show in red.
  const late = teammates().locator('[data-testid="overdue-count"].late');
  await expect(late.first()).toHaveCSS('color', /rgb\(201, 42, 42\)|rgb\(248, 113, 113\)/);

  // The unassigned queue and the two locations.
  const unassigned = Number(await queue().getByTestId('unassigned-count').textContent());
  expect(unassigned).toBeGreaterThan(0);
  const locations = queue().getByRole('table', { name: 'Open conversations per location' });
  await expect(locations.getByRole('rowheader', { name: 'Riverside' })).toBeVisible();
  await expect(locations.getByRole('rowheader', { name: 'Old Town' })).toBeVisible();

  // The "Signed in as" note would cover the corner of the picture.
  const toast = page.getByText('Signed in as Priya Shah.');
  if (await toast.isVisible()) await page.getByRole('button', { name: 'Dismiss' }).first().click();
  await expect(toast).toHaveCount(0);
  await screenshot(page, 'team-queue');
});

test('the unassigned queue opens the Unassigned inbox view', async () => {
  const unassigned = Number(await queue().getByTestId('unassigned-count').textContent());
  await queue().getByRole('button', { name: 'Open the Unassigned queue' }).click();
  await expect(page.getByRole('heading', { name: 'Unassigned', level: 1 })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Inbox views' });
  await expect(nav.getByRole('button', { name: new RegExp(`^Unassigned, ${unassigned} conversations?`) })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').first()).toBeVisible();
});

test('an Agent has no Team queue', async () => {
  await page.getByRole('button', { name: /^Signed in as Priya Shah/ }).click();
  await page.getByRole('menu', { name: 'Switch teammate' }).getByRole('menuitemradio', { name: /Léa Moreau/ }).click();
  await expect(page.getByRole('button', { name: /^Signed in as Léa Moreau/ })).toBeVisible();
  await expect(workspaceNav().getByRole('button', { name: 'Team', exact: true })).toBeVisible();
  await expect(workspaceNav().getByRole('button', { name: 'Team queue' })).toHaveCount(0);
});
