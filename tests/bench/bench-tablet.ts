/**
 * One tablet for the bench: Debian's Chromium with the e2e flags, but with a
 * profile on disk. Playwright's ordinary contexts are incognito, and an
 * incognito profile keeps IndexedDB in memory, which no tablet does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../e2e/support/browser.js';

export interface BenchTablet {
  page: Page;
  userAgent: string;
  /** Uncaught exceptions and console errors the page reported. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBenchTablet(url: string): Promise<BenchTablet> {
  const profileDir = await mkdtemp(join(tmpdir(), 'lane-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const close = async () => {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(url);
    await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
    return { page, userAgent: await page.evaluate(() => navigator.userAgent), errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
