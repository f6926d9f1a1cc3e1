// A second Huddle on the same data folder must not run, and must say why in its own window:
// someone who double-clicks the icon again reads the reason instead of seeing nothing happen.
import { test, expect, launchHuddle, screenshot } from './huddle';

test('a second Huddle on the same data says another one is using it', async ({ page, huddle }) => {
  await expect(page.getByRole('heading', { name: 'Welcome to Huddle' })).toBeVisible();

  const second = await launchHuddle({ dataDir: huddle.dataDir });
  try {
    await page.goto(second.url);
    await expect(page.getByRole('heading', { name: 'Huddle could not open your workspace' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('already running with this data folder');
    await expect(page.getByRole('button', { name: 'Close Huddle' })).toBeVisible();
    await screenshot(page, 'second-instance');
  } finally {
    await second.stop();
  }
  // The first one is untouched and still works.
  expect(huddle.running()).toBe(true);
  await page.goto(huddle.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Huddle' })).toBeVisible();
});
