import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  API_BASE,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  sha256Hex,
  type CheckInSheet,
  type Photo,
  type PushRow,
  type RepairOrder,
} from '../../src/schema/index.js';
import { apiSignIn } from './support/api-sign-in.js';
import { newTablet, watchErrors } from './support/browser.js';
import type { ProductServer } from './support/product-server.js';
import { useProductSuite } from './support/product-suite.js';
import { recordsOnTablet } from './support/tablet-records.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { OrderFormPage } from './support/page-models/order-form-page.js';
import { addPhoto, photoUploadStatus } from './support/page-models/photo-steps.js';
import { signIn } from './support/page-models/session-page.js';
import { until } from './support/until.js';

/**
 * The advisor closes the tab while the tablet is talking to the server. The
 * network link holds the request at a known point (request-hold.ts), so the
 * tab is closed with the upload or push provably unfinished, not by timing.
 */
const KNOWN_PLATE = '京A·12345'; // a demo order: the tablet has synced once it shows

describe('a tab closed in the middle of sync', () => {
  const suite = useProductSuite();

  /** A tablet signed in and in step with the server, on the link a test can hold requests on. */
  async function readyTablet(): Promise<{ tablet: BrowserContext; page: Page; errors: string[] }> {
    const tablet = await newTablet(suite.browser);
    const page = await tablet.newPage();
    const errors = watchErrors(page);
    await page.goto(suite.link.url);
    await signIn(page);
    const list = new OrderListPage(page);
    await list.orderCard(KNOWN_PLATE).waitFor({ timeout: 20_000 });
    await list.expectSyncStatus('All changes on server');
    return { tablet, page, errors };
  }

  /** The tab closed, a new one opened in the same browser profile (same IndexedDB). */
  async function reopen(tablet: BrowserContext, errors: string[]): Promise<Page> {
    const page = await tablet.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(suite.link.url);
    return page;
  }

  it('advisor closes the tab while a check-in photo is uploading: on reopen the photo reaches the server', async () => {
    const { server, link } = suite;
    const { tablet, page, errors } = await readyTablet();
    const upload = link.hold({
      request: /^PUT \/api\/v1\/blobs\/[0-9a-f]{64} /,
      stall: 'mid-body',
    });

    await new OrderListPage(page).startNewOrder();
    const orderId = orderIdOf(page);
    const form = new OrderFormPage(page);
    await form.goToStep('Checklist');
    await page
      .getByRole('radiogroup', { name: 'Glass' })
      .getByText('Not OK', { exact: true })
      .click();
    await page.getByLabel('What is wrong with: Glass').fill('前挡风玻璃右下角裂纹');
    const glassCard = page
      .locator('.mantine-Card-root')
      .filter({ has: page.getByLabel('What is wrong with: Glass') });
    await addPhoto(page, 'bumper-1600x1200.jpg', { within: glassCard });

    // Half the photo has reached the server, the rest never will.
    const held = await upload.waitUntilHeld();
    const sha256 = held.path.split('/').at(-1) ?? '';
    expect(held.forwardedBodyBytes).toBeGreaterThan(0);
    expect(held.forwardedBodyBytes).toBeLessThan(held.contentLength);
    // It is this check-in's photo, named in its sheet on the tablet.
    await expect
      .poll(async () => {
        const sheets = await recordsOnTablet<CheckInSheet>(page, 'check_in_sheets');
        return sheets.find((each) => each.id === orderId)?.checklist.glass.photoIds;
      })
      .toEqual([sha256]);
    await photoUploadStatus(page).waitFor();
    expect(await serverBlob(server, sha256)).toBeNull();

    await page.close();
    await upload.waitUntilDropped();
    // The cut upload left nothing behind under the photo's name.
    expect(await serverBlob(server, sha256)).toBeNull();

    const reopened = await reopen(tablet, errors);
    const bytes = await until(() => serverBlob(server, sha256), {
      what: 'the photo on the server',
    });
    expect(await sha256Hex(bytes)).toBe(sha256);
    expect(bytes.length).toBe(held.contentLength);
    const storedSheet = await until(
      () => server.storedDocument<CheckInSheet>('check_in_sheets', orderId),
      { what: 'the check-in sheet on the server' },
    );
    expect(storedSheet.checklist.glass).toMatchObject({
      status: 'not-ok',
      note: '前挡风玻璃右下角裂纹',
      photoIds: [sha256],
    });
    const photo = await until(() => server.storedDocument<Photo>('photos', sha256), {
      what: 'the photo record on the server',
    });
    expect(photo).toMatchObject({ orderId, subject: 'checklist', subjectRef: 'glass' });
    await photoUploadStatus(reopened).waitFor({ state: 'detached', timeout: 20_000 });
    await new OrderListPage(reopened).expectSyncStatus('All changes on server');
    expect(errors).toEqual([]);
    await tablet.close();
  });

  it('advisor closes the tab while a new order is being pushed: on reopen it reaches the server exactly once', async () => {
    const { server, link } = suite;
    const { tablet, page, errors } = await readyTablet();
    const push = link.hold({
      request: /^POST \/api\/v1\/sync\/repair_orders\/push /,
      stall: 'mid-body',
    });

    const list = new OrderListPage(page);
    await list.startNewOrder();
    const orderId = orderIdOf(page);
    const form = new OrderFormPage(page);
    const orderNumber = await form.orderNumber();
    // The held push is this order's: half of it is at the server, which waits for the rest.
    await push.waitUntilHeld();
    const rows = JSON.parse((await push.bodySent()).toString('utf8')) as PushRow<RepairOrder>[];
    expect(rows.map((row) => row.newDocumentState.id)).toContain(orderId);

    // The advisor carries on meanwhile: these edits wait behind the held push.
    await form.goToStep('Customer & vehicle');
    await form.field('Customer name').fill('李娜');
    await form.field('Plate').fill('粤B·TAB01');
    await expect.poll(() => pendingCount(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await bothEditsOnTablet(page, orderId, ['李娜', '粤B·TAB01']);
    expect(server.storedDocument('repair_orders', orderId)).toBeNull();

    await page.close();
    await push.waitUntilDropped();
    expect(server.storedDocument('repair_orders', orderId)).toBeNull();

    const reopened = await reopen(tablet, errors);
    const stored = await until(
      () => {
        const order = server.storedDocument<RepairOrder>('repair_orders', orderId);
        return order?.customer.name === '李娜' ? order : null;
      },
      { what: 'the order with its latest edits on the server' },
    );
    expect(stored).toMatchObject({ orderNumber, vehicle: { plate: '粤B·TAB01' }, conflicts: [] });
    await new OrderListPage(reopened).expectSyncStatus('All changes on server');
    expect(await pendingCount(reopened)).toBe(0);

    // Exactly once: one order with this number on the server and on the tablet, created once.
    const onServer = server
      .storedDocuments<RepairOrder>('repair_orders')
      .filter((order) => order.orderNumber === orderNumber);
    expect(onServer.map((order) => order.id)).toEqual([orderId]);
    const onTablet = (await recordsOnTablet<RepairOrder>(reopened, 'repair_orders')).filter(
      (order) => order.orderNumber === orderNumber,
    );
    expect(onTablet.map((order) => order.id)).toEqual([orderId]);
    expect(createdOnce(server, orderId)).toBe(true);
    expect(errors).toEqual([]);
    await tablet.close();
  });

  it('advisor closes the tab after the server stored a push but before the tablet heard back: on reopen nothing is duplicated or flagged', async () => {
    const { server, link } = suite;
    const { tablet, page, errors } = await readyTablet();
    const push = link.hold({
      request: /^POST \/api\/v1\/sync\/repair_orders\/push /,
      stall: 'before-response',
    });

    await new OrderListPage(page).startNewOrder();
    const orderId = orderIdOf(page);
    const form = new OrderFormPage(page);
    const orderNumber = await form.orderNumber();
    // The server has stored the order and answered; the answer never reaches the tablet.
    await push.waitUntilHeld();
    const first = server.storedDocument<RepairOrder>('repair_orders', orderId);
    expect(first).toMatchObject({ orderNumber, customer: { name: '' } });

    await form.goToStep('Customer & vehicle');
    await form.field('Customer name').fill('张敏');
    await form.field('Plate').fill('粤B·TAB02');
    await expect.poll(() => pendingCount(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await bothEditsOnTablet(page, orderId, ['张敏', '粤B·TAB02']);

    await page.close();
    await push.waitUntilDropped();

    const reopened = await reopen(tablet, errors);
    const stored = await until(
      () => {
        const order = server.storedDocument<RepairOrder>('repair_orders', orderId);
        // Each edit after the unanswered push is a mutation of its own: wait for the last one.
        return order?.customer.name === '张敏' && order.vehicle.plate === '粤B·TAB02'
          ? order
          : null;
      },
      { what: 'the order with its latest edits on the server' },
    );
    await new OrderListPage(reopened).expectSyncStatus('All changes on server');
    expect(await pendingCount(reopened)).toBe(0);
    // The tablet's own earlier copy is no one else's edit: no conflict to show.
    expect(stored).toMatchObject({ orderNumber, vehicle: { plate: '粤B·TAB02' }, conflicts: [] });
    const onServer = server
      .storedDocuments<RepairOrder>('repair_orders')
      .filter((order) => order.orderNumber === orderNumber);
    expect(onServer.map((order) => order.id)).toEqual([orderId]);
    const onTablet = (await recordsOnTablet<RepairOrder>(reopened, 'repair_orders')).filter(
      (order) => order.orderNumber === orderNumber,
    );
    expect(onTablet).toMatchObject([{ id: orderId, customer: { name: '张敏' }, conflicts: [] }]);
    expect(createdOnce(server, orderId)).toBe(true);
    expect(errors).toEqual([]);
    await tablet.close();
  });
});

function orderIdOf(page: Page): string {
  return new URL(page.url()).hash.replace('#/orders/', '');
}

/** The tablet's "N changes not yet on server" count, from the sync indicator. */
async function pendingCount(page: Page): Promise<number> {
  const badge = new OrderListPage(page).syncStatus().locator('[data-pending]');
  return Number(await badge.getAttribute('data-pending'));
}

const readers = new WeakMap<ProductServer, Promise<{ authorization: string }>>();

/** The blob's bytes as the server serves them (asked directly, not through the tablet's link). */
async function serverBlob(server: ProductServer, sha256: string): Promise<Uint8Array | null> {
  if (!readers.has(server)) readers.set(server, apiSignIn(server.url));
  const response = await fetch(`${server.url}${API_BASE}/blobs/${sha256}`, {
    headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), ...(await readers.get(server)) },
  });
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
}

/** The server's audit log, read from its SQLite file, shows the order created once and only once. */
function createdOnce(server: ProductServer, orderId: string): boolean {
  const database = new Database(join(server.dataDir, 'service-lane.sqlite'), { readonly: true });
  try {
    const actions = database
      .prepare('SELECT action FROM audit_log WHERE collection = ? AND record_id = ? ORDER BY seq')
      .pluck()
      .all('repair_orders', orderId) as string[];
    return actions[0] === 'create' && actions.filter((action) => action === 'create').length === 1;
  } finally {
    database.close();
  }
}

/** Both edits saved on the tablet (each save is one transaction), read from IndexedDB itself. */
async function bothEditsOnTablet(page: Page, orderId: string, [name, plate]: [string, string]) {
  await expect
    .poll(async () => {
      const order = (await recordsOnTablet<RepairOrder>(page, 'repair_orders')).find(
        (each) => each.id === orderId,
      );
      return order && [order.customer.name, order.vehicle.plate];
    })
    .toEqual([name, plate]);
}
