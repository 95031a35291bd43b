import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { SessionPage, signIn } from './support/page-models/session-page.js';
import { clippedText, smallTargets } from './support/layout-checks.js';
import { seriousAxeViolations } from './support/accessibility.js';

/**
 * Every screen of every role, on a 1024×768 and a 768×1024 tablet, in both
 * languages: axe-core finds nothing critical or serious (contrast at WCAG AA,
 * every control named), no control is under 44×44 px, and no text is cut by
 * its box. A screenshot of each goes to .tmp/screenshots/screens — look at
 * them before saying a screen is done.
 */
const SCREENSHOTS = '.tmp/screenshots/screens';
const ORIENTATIONS = {
  landscape: { width: 1024, height: 768 },
  portrait: { width: 768, height: 1024 },
} as const;

interface Finding {
  screen: string;
  found: string[];
}

/** Checks what is on screen now, in both orientations, and keeps a screenshot of each. */
async function checkScreen(
  page: Page,
  name: string,
  language: string,
  findings: Finding[],
  scope = 'body',
): Promise<void> {
  for (const [orientation, viewport] of Object.entries(ORIENTATIONS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150); // one layout pass after the resize
    // A screen whose code or data is still loading is checked once it is there.
    await page.locator('[data-loading]').first().waitFor({ state: 'hidden', timeout: 20_000 });
    // A dialog still scaling in would measure its controls smaller than they are.
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
          // A transition cut short (by the resize, a re-render) rejects: it is over all the same.
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
    const where = `${name} (${language}, ${orientation})`;
    const found = [
      ...(await seriousAxeViolations(page, scope)),
      ...(await smallTargets(page, scope)).map((target) => `small: ${target}`),
      ...(await clippedText(page, scope)).map((text) => `cut: ${text}`),
    ];
    if (found.length > 0) findings.push({ screen: where, found });
    await page.screenshot({
      path: `${SCREENSHOTS}/${name}-${language}-${orientation}.png`,
      fullPage: false,
    });
  }
  await page.setViewportSize(ORIENTATIONS.landscape);
}

describe('every screen on a tablet', () => {
  const suite = useProductSuite();

  for (const [locale, language] of [
    ['en-US', 'en'],
    ['zh-CN', 'zh'],
  ] as const) {
    it(`is readable, named and glove-sized for every role (${language})`, async () => {
      const { server, browser } = suite;
      await mkdir(SCREENSHOTS, { recursive: true });
      const tablet = await newTablet(browser, locale, { bypassCSP: true });
      const page = await tablet.newPage();
      const errors = watchErrors(page);
      const findings: Finding[] = [];
      const session = new SessionPage(page);
      await page.goto(server.url);
      await session.enrolHeading().waitFor({ timeout: 30_000 });
      await checkScreen(page, 'enrol', language, findings);
      await session.enrol();
      await checkScreen(page, 'sign-in', language, findings);

      await signIn(page, 'advisor1');
      await page.locator('[role="status"] [data-pending]').waitFor();
      await page
        .locator('main [data-order]')
        .first()
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      const orderCards = page.getByRole('button', { name: /^(Open order|打开工单) / });
      await orderCards.first().waitFor({ timeout: 20_000 });
      await checkScreen(page, 'orders', language, findings);
      await page.getByRole('button', { name: /^(New check-in|新建接车)$/ }).click();
      await page.getByRole('dialog').waitFor();
      await checkScreen(page, 'find-vehicle', language, findings);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await orderCards.first().click();
      const steps = page.locator('main nav[aria-label] button');
      await steps.first().waitFor();
      for (let step = 0; step < (await steps.count()); step++) {
        await steps.nth(step).click();
        await page.waitForTimeout(200);
        await checkScreen(page, `walkaround-${step + 1}`, language, findings);
      }

      await session.lock();
      await checkScreen(page, 'who-are-you', language, findings);
      await session.personButton('advisor1').click();
      await session.pinField().waitFor();
      await checkScreen(page, 'pin-pad', language, findings);
      await page.reload();

      await signIn(page, 'foreman1');
      await page.locator('[data-order]').first().waitFor({ timeout: 20_000 });
      await checkScreen(page, 'board', language, findings);
      await page
        .getByRole('button', { name: /^(Dispatch|派工) / })
        .first()
        .click();
      await page.getByRole('dialog').waitFor();
      await checkScreen(page, 'dispatch', language, findings);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page
        .getByRole('button', { name: /^(Open job|打开作业) / })
        .first()
        .click();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForTimeout(500);
      await checkScreen(page, 'job', language, findings);

      await signIn(page, 'tech1');
      await page.waitForTimeout(500);
      await checkScreen(page, 'my-jobs', language, findings);

      await signIn(page, 'admin');
      await page.locator('main table tbody tr').first().waitFor({ timeout: 20_000 });
      await checkScreen(page, 'admin', language, findings);
      await page.locator('main table').scrollIntoViewIfNeeded();
      await checkScreen(page, 'admin-audit', language, findings, 'main table');
      console.log(JSON.stringify(findings, null, 1));
      expect(findings).toEqual([]);
      expect(errors).toEqual([]);
      await tablet.close();
    });
  }
});
