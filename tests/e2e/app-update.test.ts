import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  launchChromium,
  newTablet,
  waitForServiceWorkerControl,
  watchErrors,
} from './support/browser.js';
import { ProductServer } from './support/product-server.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { CONCERN_LABEL as CONCERN, OrderFormPage } from './support/page-models/order-form-page.js';
import { signIn } from './support/page-models/session-page.js';

describe('a new app version', () => {
  let server: ProductServer;
  let browser: Browser;
  let appDir: string;

  beforeAll(async () => {
    // A copy of the build that the test can turn into "the next version".
    appDir = mkdtempSync(join(tmpdir(), 'lane-app-'));
    cpSync('dist', appDir, { recursive: true });
    server = await ProductServer.start({ staticDir: appDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(appDir, { recursive: true, force: true });
  });

  it('is offered while the advisor types and installed only when the advisor chooses, with nothing lost', async () => {
    const tablet = await newTablet(browser);
    const page = await tablet.newPage();
    const errors = watchErrors(page);
    const list = new OrderListPage(page);
    await page.goto(server.url);
    await signIn(page);
    await waitForServiceWorkerControl(page);
    await list.startNewOrder();
    const form = new OrderFormPage(page);
    await form.goToStep('Concern');
    await form.field(CONCERN).fill('仪表盘有故障灯亮');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    // The server now serves a changed service worker: the next version.
    appendFileSync(join(appDir, 'sw.js'), '\n// next version\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    await page
      .getByRole('alert')
      .filter({ hasText: 'A new version of the app is ready.' })
      .waitFor();
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(await form.field(CONCERN).inputValue()).toBe('仪表盘有故障灯亮');

    await page.getByRole('button', { name: 'Update now' }).click();
    await page.waitForFunction(() => !('sameDocument' in window));
    await page.getByRole('heading', { name: /^Repair order RO-/ }).waitFor();
    expect(await new OrderFormPage(page).field(CONCERN).inputValue()).toBe('仪表盘有故障灯亮');
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting),
    ).toBeFalsy();
    expect(errors).toEqual([]);
    await tablet.close();
  });
});
