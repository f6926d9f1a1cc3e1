// Proves the e2e pipeline: the dev binary serves the real frontend and the
// Wails bridge under Xvfb, Chromium renders it. Real feature specs live beside it.
import { test, expect, screenshot } from './huddle';

test('the app shell renders and the Wails bridge is up', async ({ page, huddle }) => {
  await expect(page).toHaveTitle('Huddle');
  await expect(page.locator('#app')).not.toBeEmpty();
  // /wails/ipc.js and /wails/runtime.js are injected by the Go side.
  await page.waitForFunction(() => 'go' in window && 'runtime' in window);
  await screenshot(page, 'e2e-shell');
  expect(huddle.running()).toBe(true);
});

test.describe('with --demo', () => {
  test.use({ huddleArgs: ['--demo'] });

  test('extra arguments reach the app', async ({ page, huddle }) => {
    expect(huddle.args).toEqual(['--demo']);
    await expect(page).toHaveTitle('Huddle');
    expect(huddle.running()).toBe(true);
  });
});
