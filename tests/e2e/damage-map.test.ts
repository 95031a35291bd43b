import { describe, expect, it } from 'vitest';
import { newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { OrderFormPage } from './support/page-models/order-form-page.js';
import { DamageMapPage } from './support/page-models/damage-map-page.js';
import { signIn } from './support/page-models/session-page.js';

describe('the damage map', () => {
  const suite = useProductSuite();

  it('advisor drags a marker to where the damage really is, deletes one by mistake and undoes it', async () => {
    const { server, browser } = suite;
    const tablet = await newTablet(browser);
    const page = await tablet.newPage();
    const errors = watchErrors(page);
    const list = new OrderListPage(page);
    await page.goto(server.url);
    await signIn(page);
    await list.startNewOrder();
    await new OrderFormPage(page).goToStep('Damage');
    const damage = new DamageMapPage(page);

    await damage.mark('left', 0.3, 0.5);
    await damage.marker(1).waitFor();
    const before = await damage.marker(1).boundingBox();
    const view = await damage.view('left').boundingBox();
    if (!before || !view) throw new Error('marker or view not on screen');

    // Drag marker 1 to 70% across the left side.
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(view.x + view.width * 0.7, view.y + view.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => {
        const box = await damage.marker(1).boundingBox();
        return box ? (box.x + box.width / 2 - view.x) / view.width : 0;
      })
      .toBeCloseTo(0.7, 1);

    // The move is saved: after a reload the marker is still there.
    await page.reload();
    await damage.marker(1).waitFor();
    const afterReload = await damage.marker(1).boundingBox();
    expect(
      ((afterReload?.x ?? 0) + (afterReload?.width ?? 0) / 2 - view.x) / view.width,
    ).toBeCloseTo(0.7, 1);

    // Delete by mistake, then undo.
    await damage.marker(1).click();
    await page.getByRole('button', { name: 'Delete damage 1' }).click();
    await damage.legend().getByText('No damage marked.').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await damage
      .legend()
      .getByText(/^1 · left side · Scratch/)
      .waitFor();

    // A new marker gets the next number; numbers are never reused.
    await damage.mark('rear', 0.5, 0.5);
    await damage.marker(2).waitFor();
    expect(errors).toEqual([]);
    await tablet.close();
  });
});
