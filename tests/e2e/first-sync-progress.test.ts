import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  API_BASE,
  PROTOCOL_HEADER,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { apiSignIn } from './support/api-sign-in.js';
import { newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { signIn } from './support/page-models/session-page.js';

/**
 * A new tablet at a dealer with thousands of orders: its first sync shows how
 * far it is where the sync state is shown, in the tablet's language. The
 * network link holds the second page of orders, so the bar is caught mid-way
 * by design, not by timing.
 */
const SCREENSHOTS = '.tmp/screenshots/sync-progress';
const ORDERS = 2_500;
const DAY = 24 * 60 * 60 * 1000;

describe("a new tablet's first sync", () => {
  const suite = useProductSuite();

  async function seedOrders(): Promise<void> {
    const headers = {
      ...(await apiSignIn(suite.server.url)),
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    };
    // Last week's orders: the day's list stays short, the first sync is long.
    const weekAgo = Date.now() - 7 * DAY;
    const orders = Array.from({ length: ORDERS }, (_, index) =>
      makeRepairOrder({ createdAt: weekAgo + index, updatedAt: weekAgo + index }),
    );
    for (let first = 0; first < orders.length; first += SYNC_LIMITS.maxPushRows) {
      const rows = orders
        .slice(first, first + SYNC_LIMITS.maxPushRows)
        .map((order) => ({ newDocumentState: { ...order, _deleted: false } }));
      const response = await fetch(`${suite.server.url}${API_BASE}/sync/repair_orders/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify(rows),
      });
      expect(response.status).toBe(200);
    }
  }

  async function progressShown(locale: string, text: RegExp): Promise<Page> {
    // The second page of orders (it names a checkpoint) is served but never answered.
    suite.link.hold({
      request: /^GET \/api\/v1\/sync\/pull\?[^ ]*checkpoint=/,
      stall: 'before-response',
    });
    const tablet = await newTablet(suite.browser, locale);
    const page = await tablet.newPage();
    const errors = watchErrors(page);
    await page.goto(suite.link.url);
    await signIn(page);
    const status = page.getByRole('status');
    await status.filter({ hasText: text }).waitFor({ timeout: 30_000 });
    expect(await status.getByRole('progressbar').getAttribute('aria-valuenow')).toMatch(/^\d+/);
    // The server is answering: no stale "Sync problem" from before the sign-in.
    expect(await status.textContent()).not.toMatch(/Sync problem|同步问题/);
    expect(errors).toEqual([]);
    return page;
  }

  async function screenshots(page: Page, language: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/${language}-landscape.png` });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.screenshot({ path: `${SCREENSHOTS}/${language}-portrait.png` });
  }

  it('shows records received of how many, in English and in Chinese, while the tablet stays usable', async () => {
    await seedOrders();

    const english = await progressShown('en-US', /Receiving 1,000 of 2,5\d\d records/);
    // Usable meanwhile: the advisor starts today's first check-in.
    await new OrderListPage(english).startNewOrder();
    await screenshots(english, 'en');
    await english.context().close();

    const chinese = await progressShown('zh-CN', /正在接收记录 1,000 \/ 2,5\d\d/);
    await screenshots(chinese, 'zh');
    await chinese.context().close();
  });
});
