import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Today's repair orders, as the advisor sees them when the app opens. */
export class OrderListPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { name: "Today's repair orders" });
  }

  /** New check-in for a car the tablet has never seen. */
  async startNewOrder(): Promise<void> {
    await this.page.getByRole('button', { name: 'New check-in' }).click();
    await this.page.getByRole('button', { name: 'New vehicle' }).click();
    await this.page.getByRole('heading', { name: /^Repair order RO-/ }).waitFor();
  }

  /** New check-in for a car found by plate, VIN or phone among the site's synced orders. */
  /** `beforeStart` sees the find-vehicle dialog with the car found. */
  async startCheckInFor(
    search: string,
    plate: string,
    beforeStart: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    await this.page.getByRole('button', { name: 'New check-in' }).click();
    await this.page.getByLabel('Plate, VIN or phone').fill(search);
    const start = this.page.getByRole('button', { name: `Check in ${plate}` });
    await start.waitFor();
    await beforeStart();
    await start.click();
    await this.page.getByRole('heading', { name: /^Repair order RO-/ }).waitFor();
  }

  orderCard(text: string): Locator {
    return this.page.getByRole('button', { name: /^Open order / }).filter({ hasText: text });
  }

  async openOrderShowing(text: string): Promise<void> {
    await this.orderCard(text).click();
    await this.page.getByRole('heading', { name: /^Repair order RO-/ }).waitFor();
  }

  syncStatus(): Locator {
    return this.page.getByRole('status', { name: 'Sync status' });
  }

  async expectSyncStatus(text: string | RegExp): Promise<void> {
    await this.syncStatus().filter({ hasText: text }).waitFor({ timeout: 20_000 });
    expect(await this.syncStatus().textContent()).toMatch(text);
  }
}

/** The one who is signed in creates a repair order, from the orders list; returns its id. */
export async function createOrderFromList(page: Page): Promise<string> {
  await page.evaluate(() => (window.location.hash = '#/orders'));
  const list = new OrderListPage(page);
  await list.heading().waitFor();
  await list.startNewOrder();
  return new URL(page.url()).hash.replace('#/orders/', '');
}
