// Scheduled replies on a fresh install, against the real Go backend: the Owner turns on the
// workspace's quiet hours, writes a reply to a client and schedules it for tomorrow at 9:00
// (a time already past is refused in Go's words; one in quiet hours is warned about). It waits in the conversation's Scheduled strip, not in the timeline, and on the
// Scheduled page, whose sidebar entry counts it. She edits its text and time from the page,
// cancels it there (after confirming): the page empties, the count goes, and the conversation
// keeps a muted "cancelled" line. A second reply, sent at once with "Send now", shows in the
// timeline as sent, marked Scheduled. Screenshots: build/screenshots/scheduled.png (the page),
// scheduled-dialog.png, scheduled-strip.png and scheduled-conversation.png.
import { test, expect, screenshot, createWorkspace } from './huddle';
import type { Page } from '@playwright/test';

/** Clears confirmations so screenshots show the screen itself. */
async function dismissToasts(page: Page) {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  // A toast may time out on its own between count() and click(): never wait long for one.
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1000 }).catch(() => {});
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Local time `days` days from today at h:m. */
function dayAt(days: number, h: number, m = 0): Date {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(h, m, 0, 0);
  return d;
}

/** The value a datetime-local input takes. */
const localInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** How the app says a send time two or more days ahead: "Mon 24 Nov at 10:30". */
function laterWords(d: Date): string {
  const year = d.getFullYear() === new Date().getFullYear() ? '' : ` ${d.getFullYear()}`;
  return `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}${year} at ${d.getHours()}:${pad(d.getMinutes())}`;
}

test('scheduled replies: schedule, the strip, the page and its count, edit, cancel, send now', async ({ page }) => {
  test.setTimeout(120_000);
  const conversation = page.getByRole('region', { name: 'Conversation with Maria Lopez' });
  const timeline = conversation.getByRole('log', { name: 'Messages' });
  const strip = conversation.getByRole('region', { name: 'Scheduled replies' });
  const replyBox = conversation.getByRole('textbox', { name: 'Message to client', exact: true });
  const scheduledNav = page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: /^Scheduled/ });
  const list = page.getByRole('list', { name: 'Scheduled replies' });

  // --- a workspace and a client's conversation --------------------------------------------
  await createWorkspace(page);
  await expect(scheduledNav).toHaveAccessibleName('Scheduled');

  // Workspace quiet hours, overnight (22:00 to 07:00 when first switched on).
  await page.getByRole('button', { name: 'Team', exact: true }).click();
  const quietForm = page.getByRole('form', { name: 'Workspace quiet hours' });
  await quietForm.getByLabel('Quiet hours').check();
  await expect(quietForm.getByLabel('From')).toHaveValue('22:00');
  await expect(quietForm.getByLabel('To')).toHaveValue('07:00');

  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: 'New client' }).click();
  const newClient = page.getByRole('dialog', { name: 'New client' });
  await newClient.getByLabel('Name').fill('Maria Lopez');
  await newClient.getByRole('button', { name: 'Create client' }).click();
  await expect(newClient).toBeHidden();
  await expect(conversation.getByRole('heading', { name: 'Maria Lopez' })).toBeVisible();

  // --- schedule a reply for tomorrow at 9:00 ------------------------------------------------
  const first = 'Just a reminder: your colour appointment is on Friday at 10.';
  await replyBox.fill(first);
  await conversation.getByRole('button', { name: 'Schedule reply…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule reply' });
  await expect(dialog.getByRole('textbox', { name: 'Message to Maria Lopez' })).toHaveValue(first);

  // A time already past: Go refuses it in its own words, and the dialog stays.
  await dialog.getByLabel('Send at').fill(localInput(dayAt(0, new Date().getHours() - 1)));
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Pick a time at least a minute from now; to send straight away, use Send.');

  // In quiet hours: a plain warning says when it will really go.
  const quietNote = dialog.getByRole('note');
  await dialog.getByLabel('Send at').fill(localInput(dayAt(1, 6, 30)));
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(quietNote).toHaveText('Quiet hours: it will go at 07:00 when they end.');
  await dismissToasts(page);
  await screenshot(page, 'scheduled-dialog');

  await dialog.getByRole('button', { name: 'Tomorrow 9:00' }).click();
  await expect(dialog.getByLabel('Send at')).toHaveValue(localInput(dayAt(1, 9)));
  await expect(dialog).toContainText('Goes to Maria Lopez tomorrow at 9:00.');
  await expect(quietNote).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(replyBox).toHaveValue('');

  // It waits above the composer, not in the timeline; the sidebar counts it.
  const waiting = strip.getByRole('article', { name: 'Scheduled reply, Tomorrow at 9:00' });
  await expect(waiting).toContainText(first);
  await expect(waiting).toContainText('by Camille Laurent');
  await expect(timeline).not.toContainText(first);
  await expect(scheduledNav).toHaveAccessibleName('Scheduled, 1 reply');
  await expect(scheduledNav).toContainText('1');

  // --- the Scheduled page ------------------------------------------------------------------
  await scheduledNav.click();
  await expect(page.getByRole('heading', { name: 'Scheduled', level: 1 })).toBeVisible();
  const row = list.getByRole('article');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAccessibleName('Scheduled reply, Tomorrow at 9:00');
  await expect(row).toContainText('Maria Lopez');
  await expect(row).toContainText('by Camille Laurent');
  await expect(row).toContainText(first);

  // --- edit its text and time from the page ---------------------------------------------------
  const second = 'Reminder: your colour appointment is on Friday at 10. Reply here to move it.';
  const later = dayAt(2, 10, 30);
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit scheduled reply' });
  const editText = edit.getByRole('textbox', { name: 'Message to Maria Lopez' });
  await expect(editText).toHaveValue(first);
  await expect(edit.getByLabel('Send at')).toHaveValue(localInput(dayAt(1, 9)));
  await editText.fill(second);
  await edit.getByLabel('Send at').fill(localInput(later));
  await expect(edit).toContainText(`Goes to Maria Lopez on ${laterWords(later)}.`);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toHaveAccessibleName(`Scheduled reply, ${laterWords(later)}`);
  await expect(row).toContainText(second);
  await dismissToasts(page);
  await screenshot(page, 'scheduled');

  // The conversation's strip says the same.
  await row.getByRole('button', { name: 'Open conversation' }).click();
  await expect(strip.getByRole('article', { name: `Scheduled reply, ${laterWords(later)}` })).toContainText(second);
  await screenshot(page, 'scheduled-strip');

  // --- cancel it from the page, after confirming ---------------------------------------------
  await scheduledNav.click();
  await row.getByRole('button', { name: 'Cancel' }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel this scheduled reply?' });
  await expect(confirm).toContainText('It will not go to Maria Lopez.');
  await confirm.getByRole('button', { name: 'Cancel reply' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('No replies are waiting to go.')).toBeVisible();
  await expect(list).toHaveCount(0);
  await expect(scheduledNav).toHaveAccessibleName('Scheduled');
  await expect(scheduledNav).not.toContainText(/\d/);

  // The conversation keeps a muted line, and nothing waits any more.
  await page.getByRole('button', { name: /^All open/ }).click();
  const cancelled = timeline.getByRole('article', { name: 'Scheduled reply cancelled by Camille Laurent' });
  await expect(cancelled).toContainText(second);
  await expect(strip).toHaveCount(0);
  await expect(timeline.getByRole('article', { name: /^Message from/ })).toHaveCount(0);

  // --- another one, sent at once with "Send now" ----------------------------------------------
  const third = 'Your booking is confirmed. See you on Friday!';
  await replyBox.fill(third);
  await conversation.getByRole('button', { name: 'Schedule reply…' }).click();
  await dialog.getByRole('button', { name: 'Monday 9:00' }).click();
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(scheduledNav).toHaveAccessibleName('Scheduled, 1 reply');
  const next = strip.getByRole('article');
  await expect(next).toContainText(third);

  await next.getByRole('button', { name: 'Send now' }).click();
  await expect(strip).toHaveCount(0);
  const sent = timeline.getByRole('article', { name: 'Message from Camille Laurent' }).filter({ hasText: third });
  await expect(sent).toBeVisible();
  await expect(sent.getByText('Scheduled', { exact: true })).toBeVisible();
  await expect(sent).toContainText(/Queued|Sent/);
  await expect(scheduledNav).toHaveAccessibleName('Scheduled');
  // The sent reply is the newest entry; the cancelled line stays where it was cancelled.
  await expect(timeline.getByRole('article').last()).toContainText(third);
  await dismissToasts(page);
  await screenshot(page, 'scheduled-conversation');
});
