// The thread view's header picker and side panel on the demo salon: a task left on one of a
// client's conversations shows beside their other conversations and leads back to it; the
// assignee picker is searched from the keyboard; a teammate is added as a read-only
// participant and as a watcher, then taken off again.
//
// Seeding the demo takes about a minute on a 2-core machine: one app serves the whole file
// (see demo.spec.ts).
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p), 120_000);

const TASK = 'Bring the colour chart to the consultation';
const rows = () => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
const conversation = () => page.getByRole('region', { name: /^Conversation with/ });
const side = () => page.getByRole('complementary', { name: 'Client and tasks' });

async function dismissToasts() {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  // A toast may time out on its own between count() and click(): never wait long for one.
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1000 }).catch(() => {});
}

test("a client's task on another conversation shows in the side panel and leads back to it", async () => {
  await expect(page.getByRole('button', { name: /^Signed in as Camille Laurent/ })).toBeVisible();
  await expect(rows().first()).toBeVisible();

  // An SMS conversation: never the client's own chat, which every demo client has too.
  await page.getByLabel('Filter by channel').selectOption({ label: 'SMS' });
  await expect(rows().first()).toContainText('SMS');
  await rows().first().getByRole('button').click();
  await expect(conversation().getByText('SMS', { exact: true })).toBeVisible();
  const client = (await conversation().getByRole('heading', { level: 2 }).textContent())!.trim();

  await side().getByRole('button', { name: '+ Add task' }).click();
  const taskForm = side().getByRole('form', { name: 'New task' });
  await taskForm.getByLabel('Task').fill(TASK);
  await taskForm.getByRole('button', { name: 'Add task' }).click();
  await expect(side().getByRole('region', { name: 'Tasks', exact: true }).getByText(TASK, { exact: true })).toBeVisible();

  // The client's chat lists it among the client's other tasks.
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByLabel('Search clients by name').fill(client);
  await page.getByRole('button', { name: `Open chat with ${client}`, exact: true }).first().click();
  await expect(page.getByRole('region', { name: `Conversation with ${client}` })).toBeVisible();
  await expect(conversation().getByText('Chat', { exact: true })).toBeVisible();
  const others = side().getByRole('region', { name: `Other tasks for ${client}` });
  await expect(others.getByText(TASK, { exact: true })).toBeVisible();
  await expect(side().getByRole('region', { name: 'Tasks', exact: true }).getByText(TASK, { exact: true })).toHaveCount(0);
});

test('the assignee picker is searched and picked from the keyboard', async () => {
  const button = conversation().getByRole('button', { name: /^Assignee: / });
  const current = ((await button.getAttribute('aria-label')) ?? '').replace('Assignee: ', '');
  // Both work at both locations; pick whichever does not hold it yet.
  const [target, typed] = current === 'Nina Kowalski' ? ['Priya Shah', 'priya'] : ['Nina Kowalski', 'nina'];
  await button.click();
  const search = page.getByRole('combobox', { name: 'Search teammates' });
  await expect(search).toBeFocused();
  await search.pressSequentially(typed);
  const options = page.getByRole('listbox', { name: 'Assign to' }).getByRole('option');
  await expect(options).toHaveText([new RegExp(target), 'Unassign']);
  await search.press('Enter');
  await expect(conversation().getByRole('button', { name: `Assignee: ${target}` })).toBeVisible();
  await expect(conversation().getByText(`Camille Laurent assigned this to ${target}.`).last()).toBeVisible();

  // Escape closes it without a change.
  await conversation().getByRole('button', { name: `Assignee: ${target}` }).click();
  await page.getByRole('combobox', { name: 'Search teammates' }).press('Escape');
  await expect(page.getByRole('listbox', { name: 'Assign to' })).toHaveCount(0);
});

test('a teammate is added as a read-only participant and as a watcher, then removed', async () => {
  const people = side().getByRole('region', { name: 'Participants' });
  const add = async (as: 'Read-only' | 'Watcher') => {
    await people.getByRole('button', { name: '+ Add teammate' }).click();
    const form = people.getByRole('form', { name: 'Add a teammate' });
    await form.getByLabel('Teammate').selectOption({ label: 'Tom Hughes' });
    // Tom is the bookkeeper, a Viewer: reading is all he can be given.
    await expect(form.getByLabel('Add as')).toHaveValue('read');
    await expect(form.getByText('Tom Hughes is a Viewer, so they can only read.')).toBeVisible();
    await form.getByLabel('Add as').selectOption({ label: as });
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(form).toHaveCount(0);
  };

  await add('Read-only');
  const participants = people.getByRole('list', { name: 'Participants' });
  await expect(participants.getByRole('combobox', { name: 'Access of Tom Hughes' })).toHaveValue('read');
  await expect(page.getByText('Tom Hughes added as a participant (read-only).')).toBeVisible();

  await add('Watcher');
  const watchers = people.getByRole('list', { name: 'Watching' });
  await expect(watchers.getByText('Tom Hughes')).toBeVisible();

  // A Viewer asked to write: the panel never offers it.
  await expect(
    participants.getByRole('combobox', { name: 'Access of Tom Hughes' }).getByRole('option', { name: 'Can write' }),
  ).toBeDisabled();

  await dismissToasts();
  await screenshot(page, 'thread-panel');

  await people.getByRole('button', { name: 'Remove Tom Hughes from participants' }).click();
  await expect(people.getByRole('combobox', { name: 'Access of Tom Hughes' })).toHaveCount(0);
  await people.getByRole('button', { name: 'Remove Tom Hughes from watchers' }).click();
  await expect(people.getByRole('button', { name: 'Remove Tom Hughes from watchers' })).toHaveCount(0);
  await expect(people.getByText('Tom Hughes')).toHaveCount(0);
});

test("a task of the client's other conversation opens that conversation", async () => {
  const client = (await conversation().getByRole('heading', { level: 2 }).textContent())!.trim();
  await side()
    .getByRole('region', { name: `Other tasks for ${client}` })
    // The task's title is in the button's name for screen readers (after "Open its conversation").
    .getByRole('button', { name: new RegExp(`^Open its conversation\\W+${TASK}$`) })
    .click();
  await expect(conversation().getByText('SMS', { exact: true })).toBeVisible();
  await expect(side().getByRole('region', { name: 'Tasks', exact: true }).getByText(TASK, { exact: true })).toBeVisible();
});
