/** Debian's Chromium driven by playwright-core, with the flags this machine needs. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { NetworkLink } from './network-link.js';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/** One tablet: its own storage, a landscape tablet screen, English UI unless asked otherwise. */
/**
 * A 1024×768 touch tablet. `bypassCSP` lets a test inject axe-core, which the
 * app's Content-Security-Policy would refuse; only the accessibility checks use it.
 */
export async function newTablet(
  browser: Browser,
  locale = 'en-US',
  { bypassCSP = false }: { bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1024, height: 768 },
    locale,
    hasTouch: true,
    bypassCSP,
  });
}

/**
 * Collects page errors so a test can assert the app ran without uncaught
 * exceptions. Pass the list of an earlier page to collect a later page's into it
 * (copying the list would copy it while still empty).
 */
export function watchErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

/**
 * Takes a tablet off the network: the link to the server is cut, and the
 * browser reports itself offline (navigator.onLine, the offline event).
 */
export async function goOffline(tablet: BrowserContext, link: NetworkLink): Promise<void> {
  link.cut();
  await tablet.setOffline(true);
}

export async function goOnline(tablet: BrowserContext, link: NetworkLink): Promise<void> {
  link.restore();
  await tablet.setOffline(false);
}
