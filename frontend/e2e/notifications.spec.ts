// The notification centre on a fresh install, against the real Go backend: the Owner assigns
// a client's chat to a teammate, mentions her in a note, then takes the chat back. At the same
// desk the teammate signs in: the bell says 2 unread; the centre says both in plain words;
// "Assign to me" takes the chat back to her; a row opens its conversation and turns read;
// "Mark all read" clears the badge. Screenshot: build/screenshots/notifications.png.
import { test, expect, screenshot, createWorkspace } from './huddle';
import type { Page } from '@playwright/test';

/** Clears confirmations so screenshots show the screen itself. */
async function dismissToasts(page: Page) {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  // A toast may time out on its own between count() and click(): never wait long for one.
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1000 }).catch(() => {});
}

test('notifications: the bell, the centre in plain words, assign to me, open, mark all read', async ({ page }) => {
  test.setTimeout(120_000);
  const bell = page.getByRole('button', { name: /^Notifications/ });
  const centre = page.getByRole('dialog', { name: 'Notifications' });
  const conversation = page.getByRole('region', { name: 'Conversation with Maria Lopez' });

  // --- the Owner sets up the workspace and a teammate -------------------------------------
  await createWorkspace(page);
  await expect(bell).toHaveAccessibleName('Notifications');

  await page.getByRole('button', { name: 'Team', exact: true }).click();
  const addMember = page.getByRole('form', { name: 'Add a teammate' });
  await addMember.getByLabel('Name').fill('Ana Diaz');
  await addMember.getByLabel('Riverside').check();
  await addMember.getByRole('button', { name: 'Add teammate' }).click();
  await expect(page.getByRole('list', { name: 'Members' }).getByText('Ana Diaz')).toBeVisible();

  // --- a client; their chat goes to Ana, with a note for her ---------------------------------
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: 'New client' }).click();
  const newClient = page.getByRole('dialog', { name: 'New client' });
  await newClient.getByLabel('Name').fill('Maria Lopez');
  await newClient.getByRole('button', { name: 'Create client' }).click();
  await expect(newClient).toBeHidden();
  await expect(conversation.getByRole('heading', { name: 'Maria Lopez' })).toBeVisible();

  await conversation.getByRole('button', { name: 'Assignee: Unassigned' }).click();
  await page.getByRole('listbox', { name: 'Assign to' }).getByRole('option', { name: /Ana Diaz/ }).click();
  await expect(conversation.getByRole('button', { name: 'Assignee: Ana Diaz' })).toBeVisible();

  await conversation.getByRole('radio', { name: 'Note' }).click();
  const note = conversation.getByRole('textbox', { name: 'Internal note', exact: true });
  await note.pressSequentially('@an');
  await expect(page.getByRole('listbox', { name: 'Mention a teammate' }).getByRole('option', { name: /Ana Diaz/ })).toBeVisible();
  await note.press('Enter'); // picks Ana
  await note.pressSequentially('can you call her back?');
  await note.press('Enter');
  await expect(conversation.getByRole('article', { name: /^Internal note by Camille Laurent/ })).toContainText('@ana can you call her back?');
  // Nobody is told of their own doing: the Owner's bell stays quiet.
  await expect(bell).toHaveAccessibleName('Notifications');

  // The Owner takes the chat back for now, so Ana has something to take.
  await conversation.getByRole('button', { name: 'Assignee: Ana Diaz' }).click();
  await page.getByRole('listbox', { name: 'Assign to' }).getByRole('option', { name: /Camille Laurent/ }).click();
  await expect(conversation.getByRole('button', { name: 'Assignee: Camille Laurent' })).toBeVisible();

  // --- Ana sits down at the desk: two unread ---------------------------------------------------
  await page.getByRole('button', { name: /^Signed in as Camille Laurent/ }).click();
  await page.getByRole('menu', { name: 'Switch teammate' }).getByRole('menuitemradio', { name: /Ana Diaz/ }).click();
  await expect(page.getByRole('button', { name: /^Signed in as Ana Diaz/ })).toBeVisible();
  await expect(bell).toHaveAccessibleName('Notifications, 2 unread');
  await expect(bell).toHaveText('2');

  await bell.click();
  await expect(centre).toBeVisible();
  const rows = centre.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const mention = rows.filter({ hasText: 'mentioned you' });
  const assigned = rows.filter({ hasText: 'assigned you' });
  // Newest first: the note came after the assignment.
  await expect(rows.first()).toContainText('mentioned you');
  await expect(mention.getByRole('button', { name: /^Unread: Camille Laurent mentioned you on Maria Lopez: “@ana can you call her back\?”/ })).toBeVisible();
  await expect(assigned.getByRole('button', { name: /^Unread: Camille Laurent assigned you Maria Lopez( · Chat)?\b/ })).toBeVisible();

  // --- "Assign to me" takes the chat, without leaving the centre ---------------------------------
  await mention.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Maria Lopez is now assigned to you.' })).toBeVisible();
  await expect(centre.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  await expect(centre).toBeVisible();
  await expect(bell).toHaveAccessibleName('Notifications, 2 unread');

  // --- a row opens its conversation and turns read ----------------------------------------------------
  await assigned.getByRole('button', { name: /assigned you Maria Lopez/ }).click();
  await expect(centre).toBeHidden();
  await expect(conversation.getByRole('heading', { name: 'Maria Lopez' })).toBeVisible();
  await expect(conversation.getByRole('button', { name: 'Assignee: Ana Diaz' })).toBeVisible();
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

  // (A click outside the centre closes it: the toasts go first.)
  await dismissToasts(page);
  await bell.click();
  await expect(assigned.getByRole('button', { name: /^Camille Laurent assigned you Maria Lopez/ })).toBeVisible();
  await expect(mention.getByRole('button', { name: /^Unread: / })).toBeVisible();
  await screenshot(page, 'notifications');

  // --- Escape closes the centre; "Mark all read" clears the badge -------------------------------------
  await page.keyboard.press('Escape');
  await expect(centre).toBeHidden();
  await expect(bell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(centre).toBeVisible();
  await centre.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications');
  await expect(bell).toHaveText('');
  await expect(centre.getByRole('button', { name: /^Unread: / })).toHaveCount(0);
  await expect(centre.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
});
