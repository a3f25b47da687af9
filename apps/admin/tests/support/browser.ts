import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots of each step, for people to look at (gitignored with the rest of test-results/). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/**
 * Debian's Chromium, never a downloaded one. playwright's launch() gives every browser a fresh
 * temporary user-data dir (and deletes it on close); the flags keep Chromium off the network it
 * would otherwise probe (updates, sync, field trials), which a closed network answers with stalls.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Chromium decodes a download's UTF-8 file name (filename*=UTF-8'') by the process's locale: a
    // runner started without LANG (a clean `env -i` shell) would name every Chinese download
    // "download". The users' browsers run in a UTF-8 locale, so the tests' does too.
    env: { ...process.env, LANG: 'C.UTF-8' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What pages broke of the Content-Security-Policy, as Chromium reported it in their consoles. */
const violations: string[] = [];

export function cspViolations(): readonly string[] {
  return violations;
}

/**
 * A browser context whose pages are watched for Content-Security-Policy violations (a blocked
 * script, style or image): the suites check at their end that there were none, since a blocked
 * style or script may break a page without failing the step that shows it.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      violations.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    }
  });
  return context;
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'zh-CN' };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
