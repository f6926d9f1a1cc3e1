// Tasks on a fresh install, against the real Go backend: a task made from a conversation
// ("call back Maria tomorrow") with a reminder shows under My tasks; moving its due date into
// the past puts it under Overdue (the store's due-date index, read up to now); its link opens
// the conversation; ticking it off takes it to Done. Screenshot: build/screenshots/tasks.png.
import { test, expect, screenshot, createWorkspace } from './huddle';
import type { Page } from '@playwright/test';

/** The local date `offsetDays` from today, as an <input type="date"> takes it. */
function isoDate(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Clears confirmations so screenshots show the screen itself. */
async function dismissToasts(page: Page) {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1000 }).catch(() => {});
}

test('a task from a conversation: reminder, My tasks, Overdue, its conversation, done', async ({ page }) => {
  test.setTimeout(120_000);

  // --- a workspace and a client, whose chat opens -------------------------------------
  await createWorkspace(page);

  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: 'New client' }).click();
  const newClient = page.getByRole('dialog', { name: 'New client' });
  await newClient.getByLabel('Name').fill('Maria Lopez');
  await newClient.getByRole('button', { name: 'Create client' }).click();
  await expect(newClient).toBeHidden();
  const conversation = page.getByRole('region', { name: 'Conversation with Maria Lopez' });
  await expect(conversation.getByRole('heading', { name: 'Maria Lopez' })).toBeVisible();

  // --- "call back Maria tomorrow", with a reminder at 9 ----------------------------------
  const side = page.getByRole('complementary', { name: 'Client and tasks' });
  await side.getByRole('button', { name: '+ Add task' }).click();
  const form = side.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task').fill('Call back Maria');
  await expect(form.getByLabel('Assignee')).toHaveValue(/.+/); // the signed-in member
  await form.getByRole('button', { name: 'Tomorrow' }).click();
  await expect(form.getByLabel('Due date')).toHaveValue(isoDate(1));
  await expect(form.getByLabel('Due time')).toHaveValue('');
  // A reminder after the due time is refused with a sentence before anything is sent.
  await form.getByLabel('Reminder date').fill(isoDate(2));
  await form.getByLabel('Reminder time').fill('09:00');
  await expect(form.getByText(/^The reminder must be at or before the due time/)).toBeVisible();
  await form.getByLabel('Reminder date').fill(isoDate(1));
  await expect(form.getByText(/^The reminder must be at or before the due time/)).toHaveCount(0);
  await form.getByRole('button', { name: 'Add task' }).click();
  const sideTask = side.getByRole('listitem').filter({ hasText: 'Call back Maria' });
  await expect(sideTask).toContainText('Due tomorrow');
  await expect(sideTask).toContainText('Reminder tomorrow 09:00');

  // --- My tasks ------------------------------------------------------------------------
  await page.getByRole('button', { name: 'Tasks', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'My tasks', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const list = page.getByRole('list', { name: 'Tasks' });
  const row = list.getByRole('listitem').filter({ hasText: 'Call back Maria' });
  await expect(row).toContainText('Due tomorrow');
  await expect(row).toContainText('Reminder tomorrow 09:00');
  await expect(row.getByRole('button', { name: 'Open conversation with Maria Lopez' })).toBeVisible();

  await page.getByRole('button', { name: 'Overdue', exact: true }).click();
  await expect(page.getByText('Nothing overdue. Everything is on time.')).toBeVisible();

  // --- due yesterday: it is overdue --------------------------------------------------------
  await page.getByRole('button', { name: 'My tasks', exact: true }).click();
  await row.getByRole('button', { name: 'Edit Call back Maria' }).click();
  const edit = row.getByRole('form', { name: 'Edit task' });
  await expect(edit.getByLabel('Reminder time')).toHaveValue('09:00');
  await edit.getByLabel('Due date').fill(isoDate(-1));
  // The reminder is now after the due time; the form says so until it moves too.
  await expect(edit.getByText(/^The reminder must be at or before the due time/)).toBeVisible();
  await edit.getByLabel('Reminder date').fill(isoDate(-1));
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('Overdue · yesterday');

  await page.getByRole('button', { name: 'Overdue', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Overdue', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const overdue = list.getByRole('listitem').filter({ hasText: 'Call back Maria' });
  await expect(overdue).toContainText('Overdue · yesterday');
  await dismissToasts(page);
  await screenshot(page, 'tasks');

  // --- the linked task opens its conversation ------------------------------------------------
  await overdue.getByRole('button', { name: 'Open conversation with Maria Lopez' }).click();
  await expect(conversation.getByRole('heading', { name: 'Maria Lopez' })).toBeVisible();
  await page.getByRole('button', { name: 'Tasks', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Overdue', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // --- done ------------------------------------------------------------------------------------
  // click, not check(): the done task leaves the list, so its box may never be seen ticked.
  await overdue.getByRole('checkbox', { name: 'Done: Call back Maria' }).click();
  await expect(page.getByText('Nothing overdue. Everything is on time.')).toBeVisible();
  await page.getByRole('button', { name: 'My tasks', exact: true }).click();
  await expect(page.getByText('Nothing on your list. Nice.')).toBeVisible();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  const done = list.getByRole('listitem').filter({ hasText: 'Call back Maria' });
  await expect(done.getByRole('checkbox', { name: 'Done: Call back Maria' })).toBeChecked();
});
