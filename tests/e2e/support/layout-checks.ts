import type { Page } from 'playwright-core';

/** The smallest control a gloved finger hits reliably (WCAG 2.5.5's 44 CSS px). */
export const MIN_TARGET_PX = 44;

export interface HeaderFindings {
  clipped: string[];
  small: string[];
  navLabels: string[];
  title: string;
}

/**
 * What the app's header shows: text cut by its box, controls under the
 * minimum, the words of the navigation and the title. An element the status
 * row moves onto its hidden second line (no room) is not cut: it is left out
 * whole, and a screen reader still reads it.
 */
export async function inspectHeader(page: Page): Promise<HeaderFindings> {
  const { overflowing, navLabels, title } = await page.evaluate(() => {
    const header = document.querySelector('header');
    if (!header) throw new Error('no header');
    // A row that overflows pushes its last items off the screen.
    const rows = [...header.children] as HTMLElement[];
    return {
      overflowing: rows
        .filter((row) => row.scrollWidth > row.clientWidth + 1)
        .map((row) => `header row "${(row.textContent ?? '').trim().slice(0, 40)}"`),
      navLabels: [...header.querySelectorAll('nav a')].map((link) =>
        (link.textContent ?? '').trim(),
      ),
      title: (header.querySelector('h1') as HTMLElement | null)?.innerText ?? '',
    };
  });
  return {
    clipped: [...(await clippedText(page, 'header')), ...overflowing],
    small: await smallTargets(page, 'header'),
    navLabels,
    title,
  };
}

/** Controls under the minimum inside `within` (a CSS selector), as "what width×height". */
export function smallTargets(page: Page, within: string): Promise<string[]> {
  return page.evaluate(
    ({ minimum, root }) => {
      const small: string[] = [];
      const scope = document.querySelector(root);
      if (!scope) throw new Error(`nothing matches ${root}`);
      const controls = scope.querySelectorAll<HTMLElement>(
        'a, button, [role="radio"], [role="checkbox"], label[for], [tabindex="0"]',
      );
      for (const control of controls) {
        if (control.offsetParent === null) continue;
        // A label is the target of the radio or checkbox it names; a field's label is not tapped.
        const named = control instanceof HTMLLabelElement ? control.control : null;
        if (named && !['radio', 'checkbox'].includes((named as HTMLInputElement).type)) continue;
        const { width, height } = control.getBoundingClientRect();
        if (width >= minimum && height >= minimum) continue;
        const text = (control.textContent ?? control.getAttribute('aria-label') ?? '').trim();
        small.push(
          `${control.tagName.toLowerCase()} "${text.slice(0, 40)}" ${Math.round(width)}×${Math.round(height)}`,
        );
      }
      return small;
    },
    { minimum: MIN_TARGET_PX, root: within },
  );
}

/** Text cut by its box inside `within` (a CSS selector): wider or taller than the element showing it. */
export function clippedText(page: Page, within: string): Promise<string[]> {
  return page.evaluate((root) => {
    const scope = document.querySelector(root);
    if (!scope) throw new Error(`nothing matches ${root}`);
    const clipped: string[] = [];
    for (const element of scope.querySelectorAll<HTMLElement>('*')) {
      const hasText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      if (!hasText || !(element instanceof HTMLElement) || element.offsetParent === null) continue;
      // Text for screen readers only (a 1 px clipped box) is hidden on purpose, not cut.
      const box = element.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      if (
        element.scrollWidth > element.clientWidth + 1 ||
        element.scrollHeight > element.clientHeight + 2
      )
        clipped.push(
          `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
        );
    }
    return clipped;
  }, within);
}
