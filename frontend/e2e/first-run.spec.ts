// The front-desk path on a fresh install, against the real Go backend: set up the workspace,
// add a teammate, add a client, note with an @mention, assign, resolve, and see a logged
// client message reopen the conversation. Screenshots of each main screen go to
// build/screenshots/.
import { test, expect, screenshot } from './huddle';
import type { Page } from '@playwright/test';

const sidebarView = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Inbox views' }).getByRole('button', { name: new RegExp(`^${name},`) });

/** Clears confirmations so screenshots show the screen itself. */
async function dismissToasts(page: Page) {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  // A toast may time out on its own between count() and click(): never wait long for one.
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1000 }).catch(() => {});
}

function isoDate(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('first run: workspace, teammate, client, note, assign, resolve, reopen', async ({ page, huddle }) => {
  test.setTimeout(120_000);

  // --- first-run screen -------------------------------------------------------------
  await expect(page.getByRole('heading', { name: 'Welcome to Huddle' })).toBeVisible();
  // Empty submit: every field says what it needs, inline.
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText('Enter the name of your business.')).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Business name').fill('Maison Lumière');
  await page.getByLabel('Your name').fill('Camille Laurent');
  await page.getByLabel('First location or brand').fill('Riverside');
  await screenshot(page, 'first-run');
  await page.getByRole('button', { name: 'Create workspace' }).click();

  // --- the inbox ----------------------------------------------------------------------
  await expect(page.getByRole('heading', { name: 'All open' })).toBeVisible();
  await expect(sidebarView(page, 'All open')).toHaveAccessibleName('All open, 0 conversations');
  await huddle.waitForOutput('inbox rendered');

  // --- Team: a teammate (Agent at Riverside) and a label -------------------------------
  await page.getByRole('button', { name: 'Team', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  const addMember = page.getByRole('form', { name: 'Add a teammate' });
  await addMember.getByRole('button', { name: 'Add teammate' }).click();
  await expect(addMember.getByText("Enter the teammate's name.")).toBeVisible();
  await addMember.getByLabel('Name').fill('Ana Diaz');
  await expect(addMember.getByLabel('Role')).toHaveValue('agent');
  await addMember.getByLabel('Riverside').check();
  await addMember.getByRole('button', { name: 'Add teammate' }).click();
  const members = page.getByRole('list', { name: 'Members' });
  await expect(members.getByText('Ana Diaz')).toBeVisible();
  await expect(members.getByText('@ana · Riverside')).toBeVisible();

  const addLabel = page.getByRole('form', { name: 'Add a label' });
  await addLabel.getByLabel('Label name').fill('Booking');
  await addLabel.getByRole('button', { name: 'Add label' }).click();
  await expect(page.getByRole('list', { name: 'Labels' }).getByText('Booking')).toBeVisible();
  await dismissToasts(page);
  await screenshot(page, 'team');

  // --- Clients: a new client opens their chat -----------------------------------------
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: 'New client' }).click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name').fill('Olivia Smith');
  await dialog.getByLabel('Phone').fill('+44 7700 900123');
  await dialog.getByLabel('Email').fill('olivia@example.com');
  await dialog.getByLabel('Tags').fill('vip, colour');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(dialog).toBeHidden();

  const conversation = page.getByRole('region', { name: 'Conversation with Olivia Smith' });
  await expect(conversation.getByRole('heading', { name: 'Olivia Smith' })).toBeVisible();
  await expect(conversation.getByLabel('Status: Open')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Client details' }).getByText('olivia@example.com')).toBeVisible();
  await expect(sidebarView(page, 'Unassigned')).toHaveAccessibleName(/^Unassigned, 1 conversation/);

  // --- a note that mentions the teammate via the autocomplete ---------------------------
  await conversation.getByRole('radio', { name: 'Note' }).click();
  const note = conversation.getByRole('textbox', { name: 'Internal note', exact: true });
  await note.pressSequentially('Olivia wants Friday at 3pm. Can you check with her, @an');
  const suggestions = page.getByRole('listbox', { name: 'Mention a teammate' });
  await expect(suggestions.getByRole('option', { name: /Ana Diaz/ })).toBeVisible();
  await note.press('Enter'); // picks the highlighted teammate, does not send
  await expect(note).toHaveValue('Olivia wants Friday at 3pm. Can you check with her, @ana ');
  await note.pressSequentially('please?');
  await note.press('Enter');
  const sentNote = conversation.getByRole('article', { name: /^Internal note by Camille Laurent/ });
  await expect(sentNote).toBeVisible();
  await expect(sentNote).toContainText('Internal note');
  await expect(sentNote).toContainText('@ana please?');
  await expect(note).toHaveValue('');
  // A note is never shown as a message to the client.
  await expect(conversation.getByRole('article', { name: /^Message from/ })).toHaveCount(0);

  // A reply, so the timeline shows both kinds side by side.
  await conversation.getByRole('radio', { name: 'Message' }).click();
  const reply = conversation.getByLabel('Message to client');
  await reply.fill('Hi Olivia, we are checking Friday 3pm for you.');
  await reply.press('Enter');
  await expect(conversation.getByRole('article', { name: 'Message from Camille Laurent' })).toBeVisible();

  // --- assign to the teammate -----------------------------------------------------------
  await conversation.getByRole('button', { name: 'Assignee: Unassigned' }).click();
  const assignTo = page.getByRole('listbox', { name: 'Assign to' });
  await expect(assignTo.getByRole('option').last()).toHaveText('Unassign');
  await assignTo.getByRole('option', { name: /Ana Diaz/ }).click();
  await expect(conversation.getByRole('button', { name: 'Assignee: Ana Diaz' })).toBeVisible();
  await expect(conversation.getByText('Camille Laurent assigned this to Ana Diaz.')).toBeVisible();
  await expect(sidebarView(page, 'Unassigned')).toHaveAccessibleName(/^Unassigned, 0 conversations/);

  // Label it, and add an overdue task for the teammate from the side panel.
  await conversation.getByRole('button', { name: 'Labels' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Booking' }).click();
  await expect(page.getByRole('menuitemcheckbox', { name: 'Booking' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  const side = page.getByRole('complementary', { name: 'Client and tasks' });
  await side.getByRole('button', { name: '+ Add task' }).click();
  const taskForm = side.getByRole('form', { name: 'New task' });
  await taskForm.getByLabel('Task').fill('Confirm Friday slot with Olivia');
  await taskForm.getByLabel('Assignee').selectOption({ label: 'Ana Diaz' });
  await taskForm.getByLabel('Due date').fill(isoDate(-1));
  await taskForm.getByRole('button', { name: 'Add task' }).click();
  await expect(side.getByText('Confirm Friday slot with Olivia')).toBeVisible();
  await expect(side.getByText('Overdue · yesterday')).toBeVisible();
  await conversation.getByRole('radio', { name: 'Note' }).click();
  await conversation.getByRole('textbox', { name: 'Internal note', exact: true }).fill('Booked in for Friday, @ana');
  await dismissToasts(page);
  await screenshot(page, 'thread-with-note');
  await conversation.getByRole('textbox', { name: 'Internal note', exact: true }).fill('');

  // --- resolve: it leaves the open views --------------------------------------------------
  await expect(sidebarView(page, 'All open')).toHaveAccessibleName(/^All open, 1 conversation/);
  await conversation.getByRole('button', { name: 'Resolve' }).click();
  await expect(conversation.getByLabel('Status: Resolved')).toBeVisible();
  await expect(conversation.getByText('Camille Laurent resolved the conversation.')).toBeVisible();
  await expect(sidebarView(page, 'All open')).toHaveAccessibleName(/^All open, 0 conversations/);
  await expect(sidebarView(page, 'Resolved')).toHaveAccessibleName(/^Resolved, 1 conversation/);
  const list = page.getByRole('region', { name: 'Conversation list' });
  await expect(list.getByText('No open conversations. Enjoy the quiet.')).toBeVisible();

  // --- a logged client message reopens it ---------------------------------------------------
  await conversation.getByRole('button', { name: 'Log client message' }).click();
  const log = page.getByRole('dialog', { name: 'Log a message from Olivia Smith' });
  await log.getByLabel('What did Olivia Smith say?').fill('Called: can we make it Saturday instead?');
  await log.getByRole('button', { name: 'Log message' }).click();
  await expect(log).toBeHidden();
  await expect(conversation.getByLabel('Status: Open')).toBeVisible();
  await expect(conversation.getByText('Reopened by a new message from Olivia Smith.')).toBeVisible();
  await expect(conversation.getByRole('article', { name: 'Message from Olivia Smith' })).toContainText('Saturday');
  await expect(sidebarView(page, 'All open')).toHaveAccessibleName(/^All open, 1 conversation/);
  await expect(list.getByRole('button', { name: /Olivia Smith/ })).toBeVisible();
  await dismissToasts(page);
  await screenshot(page, 'inbox');

  // --- Tasks: the overdue task, red, opening its conversation -------------------------------
  await page.getByRole('button', { name: 'Tasks', exact: true }).click();
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'All open' }).click();
  const tasks = page.getByRole('list', { name: 'Tasks' });
  await expect(tasks.getByText('Confirm Friday slot with Olivia')).toBeVisible();
  await expect(tasks.getByText('Overdue · yesterday')).toBeVisible();
  await expect(tasks.getByLabel('Assignee of Confirm Friday slot with Olivia')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'New task' }).click();
  const newTask = page.getByRole('form', { name: 'New task' });
  await newTask.getByLabel('Task').fill('Order more toner');
  await newTask.getByLabel('Due date').fill(isoDate(2));
  await newTask.getByLabel(/Link to the open conversation/).uncheck();
  await newTask.getByRole('button', { name: 'Add task' }).click();
  await expect(tasks.getByText('Order more toner')).toBeVisible();
  await dismissToasts(page);
  await screenshot(page, 'tasks');
  await tasks.getByLabel('Done: Order more toner').click();
  await expect(tasks.getByText('Order more toner')).toBeHidden();
  await tasks.getByRole('button', { name: 'Open conversation with Olivia Smith' }).click();
  await expect(page.getByRole('region', { name: 'Conversation with Olivia Smith' })).toBeVisible();

  // --- Clients page with the new client --------------------------------------------------------
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByLabel('Search clients by name').fill('oli');
  await expect(page.getByRole('button', { name: 'Open chat with Olivia Smith' })).toBeVisible();
  await dismissToasts(page);
  await screenshot(page, 'clients');
});
