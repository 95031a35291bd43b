import type { Locator, Page } from 'playwright-core';

const VIEW_NAMES = {
  top: 'top',
  front: 'front',
  rear: 'rear',
  left: 'left side',
  right: 'right side',
} as const;

/** The damage step: tap a view of the car to drop a marker, then describe it in the marker's card. */
export class DamageMapPage {
  constructor(readonly page: Page) {}

  view(view: keyof typeof VIEW_NAMES): Locator {
    return this.page.getByRole('button', { name: `Mark damage on the ${VIEW_NAMES[view]}` });
  }

  marker(number: number): Locator {
    return this.page.getByRole('button', { name: `Damage ${number}`, exact: true });
  }

  /** The card of the selected marker. */
  editor(number: number): Locator {
    return this.page.locator('.mantine-Card-root').filter({
      has: this.page.getByRole('heading', { name: `Damage ${number}`, exact: true }),
    });
  }

  /** Taps the view at (x, y) given as 0–1 of its width and height. */
  async mark(view: keyof typeof VIEW_NAMES, x: number, y: number): Promise<void> {
    const target = this.view(view);
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error(`the ${view} view is not on screen`);
    await target.click({ position: { x: x * box.width, y: y * box.height } });
  }

  async describe(number: number, { type, note }: { type: string; note: string }): Promise<void> {
    const editor = this.editor(number);
    await editor.getByLabel('Type').selectOption({ label: type });
    await editor.getByLabel('Note').fill(note);
  }

  legend(): Locator {
    return this.page.getByRole('region', { name: 'Damage legend' });
  }
}
