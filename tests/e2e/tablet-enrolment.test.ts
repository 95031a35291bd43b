import { describe, expect, it } from 'vitest';
import type { RepairOrder } from '../../src/schema/index.js';
import { goOffline, goOnline, newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { OrderFormPage } from './support/page-models/order-form-page.js';
import { SessionPage, signIn } from './support/page-models/session-page.js';
import { UsersAdminPage } from './support/page-models/users-admin-page.js';
import { recordsOnTablet } from './support/tablet-records.js';
import { until } from './support/until.js';

const REVOKED = 'A site admin revoked this tablet';

describe('tablets enrolled by the site admin', () => {
  const suite = useProductSuite();

  it('only an admin enrols a tablet; revoking it stops its sync with a clear message, and its unsynced order goes after it is enrolled again', async () => {
    const { server, link, browser } = suite;
    const lane = await newTablet(browser);
    const lanePage = await lane.newPage();
    const errors = watchErrors(lanePage);
    const door = new SessionPage(lanePage);
    await lanePage.goto(link.url);

    // A fresh tablet offers only enrolling, and a technician cannot do it.
    await door.enrolHeading().waitFor({ timeout: 30_000 });
    // Its sync has tried and been told to sign in first: the screen asks for that already,
    // so the header shows no red "sync problem" and no "not synced yet".
    const status = lanePage.locator('[role="status"][data-error-code="AUTH_REQUIRED"]');
    await status.waitFor();
    expect(await status.textContent()).not.toMatch(/Sync problem|Not synced yet/);
    expect(await door.usernameField().count()).toBe(0);
    // No tablet is pre-named: a list of ten "Tablet"s would tell the admin nothing.
    expect(await lanePage.getByLabel(/^Name of this tablet/).inputValue()).toBe('');
    await lanePage.getByLabel(/^Name of this tablet/).fill('Lane iPad 1');
    await lanePage.getByLabel(/^Site admin username/).fill('tech1');
    await lanePage.getByLabel(/^Site admin password/).fill('demo1234');
    await lanePage.getByRole('button', { name: 'Enrol tablet' }).click();
    await lanePage.getByRole('alert').filter({ hasText: 'Only a site admin' }).waitFor();
    await door.enrol('Lane iPad 1');
    await signIn(lanePage, 'advisor1');

    // The advisor loses the network and checks a car in: it waits on the tablet.
    const list = new OrderListPage(lanePage);
    await list.heading().waitFor();
    await goOffline(lane, link);
    await list.startNewOrder();
    const orderId = new URL(lanePage.url()).hash.replace('#/orders/', '');
    await new OrderFormPage(lanePage).field('Customer name').fill('赵敏');
    await until(async () => {
      const orders = await recordsOnTablet<RepairOrder>(lanePage, 'repair_orders');
      return orders.some((order) => order.id === orderId && order.customer.name === '赵敏')
        ? true
        : null;
    });

    // Meanwhile the admin, on the office tablet, revokes the lane tablet.
    const office = await newTablet(browser);
    const officePage = await office.newPage();
    watchErrors(officePage, errors);
    await officePage.goto(server.url);
    await new SessionPage(officePage).enrol('Office PC');
    await signIn(officePage, 'admin');
    const admin = new UsersAdminPage(officePage);
    await admin.tablet('Lane iPad 1').waitFor();
    await admin.tablet('Office PC').getByText('This tablet').waitFor();
    await admin.revokeTablet('Lane iPad 1');

    // Back online, the lane tablet is refused, locks and says why; the order is still on it.
    await goOnline(lane, link);
    await door.enrolHeading().waitFor({ timeout: 30_000 });
    await lanePage.getByRole('alert').filter({ hasText: REVOKED }).waitFor();
    await list.expectSyncStatus(/not yet on server/);
    expect(server.storedDocument('repair_orders', orderId)).toBeNull();
    const kept = await recordsOnTablet<RepairOrder>(lanePage, 'repair_orders');
    expect(kept.find((order) => order.id === orderId)?.customer.name).toBe('赵敏');
    // Nobody can PIN into a revoked tablet: the who-are-you list is gone with it.
    expect(await door.whoAreYouHeading().count()).toBe(0);

    // The admin enrols it again; the advisor signs in, and the order reaches the server.
    await door.enrol('Lane iPad 1 (again)');
    await signIn(lanePage, 'advisor1');
    // A push retried from before the name was typed may land first: wait for the newest state.
    const stored = await until(() => {
      const order = server.storedDocument<RepairOrder>('repair_orders', orderId);
      return order?.customer.name === '赵敏' ? order : null;
    });
    expect(stored.conflicts).toEqual([]);
    expect(stored.createdBy).toBe('advisor1');
    await list.expectSyncStatus('All changes on server');

    await officePage.reload();
    await admin.tablet('Lane iPad 1 (again)').waitFor();
    await admin.tablet('Lane iPad 1').getByText('Revoked', { exact: true }).waitFor();

    expect(errors).toEqual([]);
    await lane.close();
    await office.close();
  });
});
