import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core's critical and serious findings (WCAG 2 A and AA) inside `include`
 * (a CSS selector), one line each: rule, impact, and the elements. The page's
 * context must bypass the CSP (newTablet's `bypassCSP`).
 */
export async function seriousAxeViolations(page: Page, include: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(
      { include: [selector] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations
      .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes
            .map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`.trim())
            .join(' | ')
            .slice(0, 600)}`,
      );
  }, include);
}
