import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { signIn } from './support/page-models/session-page.js';
import { inspectHeader, MIN_TARGET_PX } from './support/layout-checks.js';
import { seriousAxeViolations } from './support/accessibility.js';

/**
 * The header holds the product's main promise, the sync state: on a 1024×768
 * and a 768×1024 tablet, in both languages and for the roles with the most
 * screens, every word in it is shown whole, every control is big enough for
 * a gloved finger, and the screens are named in words. Screenshots go to
 * .tmp/screenshots/header.
 */
const SCREENSHOTS = '.tmp/screenshots/header';
const ORIENTATIONS = {
  landscape: { width: 1024, height: 768 },
  portrait: { width: 768, height: 1024 },
} as const;

describe('the header on a tablet', () => {
  const suite = useProductSuite();

  for (const [locale, language] of [
    ['en-US', 'en'],
    ['zh-CN', 'zh'],
  ] as const) {
    it(`shows the sync state, the screens and the person whole, with glove-sized controls (${language})`, async () => {
      const { server, browser } = suite;
      await mkdir(SCREENSHOTS, { recursive: true });
      const tablet = await newTablet(browser, locale, { bypassCSP: true });
      const page = await tablet.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url);
      for (const username of ['advisor1', 'foreman1']) {
        await signIn(page, username);
        await page.locator('[role="status"] [data-pending]').waitFor();
        for (const [orientation, viewport] of Object.entries(ORIENTATIONS)) {
          await page.setViewportSize(viewport);
          await page.waitForTimeout(100); // one layout pass after the resize
          const found = await inspectHeader(page);
          const where = `${username}, ${language}, ${orientation}`;
          expect(found.clipped, `text cut in the header: ${where}`).toEqual([]);
          expect(found.small, `controls under ${MIN_TARGET_PX} px: ${where}`).toEqual([]);
          // Readable in daylight and named for a screen reader: no serious axe finding.
          expect(await seriousAxeViolations(page, 'header'), where).toEqual([]);
          expect(found.title, where).toBe(language === 'en' ? 'Service Lane' : '服务接待');
          expect(found.navLabels.length, where).toBeGreaterThanOrEqual(2);
          for (const label of found.navLabels) expect(label, where).not.toBe('');
          await page.screenshot({
            path: `${SCREENSHOTS}/${username}-${language}-${orientation}.png`,
            clip: { x: 0, y: 0, width: viewport.width, height: 160 },
          });
        }
        await page.setViewportSize(ORIENTATIONS.landscape);
      }
      expect(errors).toEqual([]);
      await tablet.close();
    });
  }
});
