// A fresh browser context logged in as a demo account, left on the page the log-in leads to. The
// context is kept in `contexts` so the suite's afterAll closes it.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { LoginPage } from '../pages/login-page';
import { newContext } from './browser';

export async function signIn(
  browser: Browser,
  contexts: BrowserContext[],
  adminUrl: string,
  username: string,
  options: BrowserContextOptions,
): Promise<Page> {
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${username}] page error: ${error.message}`));
  const login = new LoginPage(page, adminUrl);
  await login.goto();
  await page.waitForLoadState('networkidle');
  await login.logIn(username, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}
