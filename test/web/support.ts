// What the browser tests share: the whole stack on real PostgreSQL and Temporal with the web app
// built and served, Debian's chromium driven by Playwright, a signed-in page per user, an axe check
// (no serious or critical WCAG 2.1 A/AA violation) with a screenshot, and running an action.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web';
import { startStack, TestStack } from '../support/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', '.screenshots');

export async function launch(name: string): Promise<{ stack: TestStack; browser: Browser; base: string }> {
  await buildWeb();
  const stack = await startStack(name);
  await stack.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(SHOTS, { recursive: true });
  return { stack, browser, base };
}

/** A signed-in page of its own (each user has their own cookies), at 1280 px or a 390 px phone. */
export async function signIn(browser: Browser, base: string, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-demo-pass`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** No serious or critical WCAG 2.1 A/AA violation on the page as it is now; a screenshot for people. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Runs an action the page offers: its button, its form, Send; waits for the page to show the answer. */
export async function act(page: Page, command: string, fill: (form: Locator) => Promise<void> = async () => {}): Promise<void> {
  await page.locator(`button[data-command="${command}"]`).click();
  // The command's own form: a page may offer other forms too (a CSI proposal's what-if replay).
  const form = page.locator(`form.action[data-command="${command}"]`);
  await fill(form);
  await form.getByRole('button', { name: 'Send' }).click();
  // Answered: the form closes with the new state shown, or stays with the refusal.
  await Promise.race([form.waitFor({ state: 'detached' }), form.locator('[role=alert]').waitFor()]);
}
