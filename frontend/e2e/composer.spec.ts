// The composer in the sample salon (--demo): a snippet goes in with "/" and Enter, and the
// send guard stops a reply when the client wrote again while it was being typed (the client's
// message arrives through "Log client message", as a call would).
//
// Seeding the demo takes about a minute on a 2-core machine: one app serves the whole file.
import { test, expect, screenshot, serveDemo } from './huddle';
import type { Page } from '@playwright/test';

let page: Page;
serveDemo((p) => (page = p));

const rows = () => page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
const conversation = () => page.getByRole('region', { name: /^Conversation with/ });
const replyBox = () => conversation().getByRole('textbox', { name: 'Message to client', exact: true });
const guard = () => conversation().getByTestId('send-guard');

/** Opens an SMS conversation: it has a client to reply to and to log a message from. */
async function openSmsThread() {
  await page.getByLabel('Filter by channel').selectOption({ label: 'SMS' });
  await expect(rows().first()).toContainText('SMS');
  await rows().first().getByRole('button').click();
  await expect(replyBox()).toBeVisible();
}

/** The client "writes": their message is logged from the header, as after a phone call. */
async function clientWrites(text: string) {
  await conversation().getByRole('button', { name: 'Log client message' }).click();
  const dialog = page.getByRole('dialog', { name: /^Log a message from/ });
  await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: 'Log message' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(conversation().getByRole('article', { name: /^Message from/ }).filter({ hasText: text })).toBeVisible();
}

test('typing / suggests snippets and Enter inserts one', async () => {
  await openSmsThread();
  await replyBox().click();
  await replyBox().pressSequentially('Hi! /hou');
  const menu = conversation().getByRole('listbox', { name: 'Insert a snippet' });
  await expect(menu.getByRole('option', { name: /\/hours/ })).toBeVisible();
  await screenshot(page, 'composer-snippet-menu');
  await replyBox().press('Enter');
  await expect(replyBox()).toHaveValue(/^Hi! We're open Tuesday to Saturday/);
  await expect(menu).toHaveCount(0);

  // The button lists every snippet too.
  await replyBox().fill('');
  await conversation().getByRole('button', { name: 'Snippets' }).click();
  await menu.getByRole('option', { name: /\/address/ }).click();
  await expect(replyBox()).toHaveValue(/^Riverside: 14 Wharf Lane/);
  await replyBox().fill('');
});

test('a message that arrives while typing stops Enter; Review shows it and keeps the draft', async () => {
  const draft = 'Let me check the book for you';
  await replyBox().click();
  await replyBox().fill(draft);
  await clientWrites('Could we make it 4pm instead?');

  await replyBox().click();
  await replyBox().press('End');
  await replyBox().press('Enter');
  await expect(guard()).toContainText(/A new message from .+ arrived while you were typing\. Send anyway\?/);
  await expect(replyBox()).toHaveValue(draft);
  await screenshot(page, 'composer-send-guard');

  await guard().getByRole('button', { name: 'Review' }).click();
  await expect(guard()).toHaveCount(0);
  await expect(conversation().getByText('Could we make it 4pm instead?')).toBeInViewport();
  await expect(replyBox()).toHaveValue(draft);

  // Reviewed: the next Enter sends.
  await replyBox().press('Enter');
  await expect(replyBox()).toHaveValue('');
  await expect(conversation().getByRole('article', { name: /^Message from Camille Laurent/ }).filter({ hasText: draft })).toBeVisible();
});

test('Send anyway sends the reply as written', async () => {
  const draft = 'See you on Saturday!';
  await replyBox().click();
  await replyBox().fill(draft);
  await clientWrites('Thanks so much');
  await replyBox().click();
  await replyBox().press('End');
  await replyBox().press('Enter');
  await guard().getByRole('button', { name: 'Send anyway' }).click();
  await expect(guard()).toHaveCount(0);
  await expect(replyBox()).toHaveValue('');
  await expect(conversation().getByRole('article', { name: /^Message from Camille Laurent/ }).filter({ hasText: draft })).toBeVisible();
});
