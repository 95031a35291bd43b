import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { RepairOrder } from '../../src/schema/index.js';
import { homeRouteFor, routeHref } from '../../src/components/use-hash-route.js';
import {
  goOffline,
  goOnline,
  newTablet,
  waitForServiceWorkerControl,
  watchErrors,
} from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage, createOrderFromList } from './support/page-models/order-list-page.js';
import { SessionPage, signIn, switchUser } from './support/page-models/session-page.js';
import { recordsOnTablet } from './support/tablet-records.js';
import { UsersAdminPage } from './support/page-models/users-admin-page.js';
import { until } from './support/until.js';

async function ordersOnTablet(page: Page): Promise<RepairOrder[]> {
  return recordsOnTablet<RepairOrder>(page, 'repair_orders');
}

describe('a shared tablet', () => {
  const suite = useProductSuite();
  let tablet: BrowserContext;
  let page: Page;
  let session: SessionPage;
  let errors: string[];

  beforeAll(async () => {
    tablet = await newTablet(suite.browser);
    page = await tablet.newPage();
    errors = watchErrors(page);
    session = new SessionPage(page);
  });

  afterAll(async () => {
    await tablet?.close();
  });

  it('switches between two people by PIN with no network, each order carrying who made it, and a wrong PIN signs nothing', async () => {
    const { server, link } = suite;
    await page.goto(link.url);
    await waitForServiceWorkerControl(page);
    // First use of the tablet by each of them: password, online.
    await signIn(page, 'advisor1');
    await new OrderListPage(page).orderCard('京A·12345').waitFor({ timeout: 20_000 });
    await signIn(page, 'manager1');
    await session.currentUser().filter({ hasText: 'Zhou Jie 周杰' }).waitFor();

    // The bay has no network; the app starts again without it.
    await goOffline(tablet, link);
    await page.reload();
    await new OrderListPage(page).expectSyncStatus('Offline');

    await switchUser(page, 'advisor1');
    await session.currentUser().filter({ hasText: 'Li Na 李娜' }).waitFor();
    const advisorOrder = await createOrderFromList(page);

    await switchUser(page, 'manager1');
    await session.currentUser().filter({ hasText: 'Zhou Jie 周杰' }).waitFor();
    const leaderOrder = await createOrderFromList(page);

    // Back to the advisor, still offline: the advisor's own order is where she left it.
    await switchUser(page, 'advisor1');
    await session.currentUser().filter({ hasText: 'Li Na 李娜' }).waitFor();
    await page.evaluate((id) => (window.location.hash = `#/orders/${id}`), advisorOrder);
    await page.getByRole('heading', { name: /^Repair order RO-/ }).waitFor();
    await session.lock();
    await switchUser(page, 'advisor1');
    expect(new URL(page.url()).hash).toBe(`#/orders/${advisorOrder}`);

    const onTablet = await ordersOnTablet(page);
    expect(onTablet.find((order) => order.id === advisorOrder)?.createdBy).toBe('advisor1');
    expect(onTablet.find((order) => order.id === leaderOrder)?.createdBy).toBe('manager1');

    // A wrong PIN: refused, the tablet stays locked with nobody in, and nothing is made.
    await session.tryPin('manager1', '9999');
    await session.pinAlert().filter({ hasText: 'Wrong PIN.' }).waitFor();
    expect(await session.switchUserButton().count()).toBe(0);
    expect(await page.getByText(/^Signed in as /).count()).toBe(0);
    expect(await session.pinField().isVisible()).toBe(true);
    expect((await ordersOnTablet(page)).length).toBe(onTablet.length);
    // The right PIN straight after still works.
    for (const digit of '1234') await session.digitButton(digit).click();
    await session.confirmPinButton().click();
    await session.currentUser().filter({ hasText: 'Zhou Jie 周杰' }).waitFor();
    expect((await ordersOnTablet(page)).length).toBe(onTablet.length);

    // The network is back: both orders reach the server, each with its maker.
    await goOnline(tablet, link);
    const stored = await until(() => {
      const orders = server.storedDocuments<RepairOrder>('repair_orders');
      const mine = orders.filter((order) => [advisorOrder, leaderOrder].includes(order.id));
      return mine.length === 2 ? mine : null;
    });
    expect(Object.fromEntries(stored.map((order) => [order.id, order.createdBy]))).toEqual({
      [advisorOrder]: 'advisor1',
      [leaderOrder]: 'manager1',
    });
    expect(errors).toEqual([]);
  });

  it('pauses the PIN pad after five wrong PINs in a row, also after a reload', async () => {
    await session.tryPin('manager1', '0000');
    await session.pinAlert().filter({ hasText: 'Wrong PIN.' }).waitFor();
    for (let attempt = 2; attempt <= 5; attempt++) {
      // Each check ends by clearing the field; then the next PIN goes in.
      await expect.poll(() => session.pinField().inputValue()).toBe('');
      for (const digit of '0000') await session.digitButton(digit).click();
      await session.confirmPinButton().click();
    }
    await session.pinAlert().filter({ hasText: 'Too many wrong PINs.' }).waitFor();
    await session
      .pinAlert()
      .filter({ hasText: /Try again in \d+ s\./ })
      .waitFor();
    expect(await session.digitButton('1').isDisabled()).toBe(true);
    expect(await session.pinField().isDisabled()).toBe(true);
    expect(await session.switchUserButton().count()).toBe(0);

    // The count is kept on the tablet: a reload does not lift the pause.
    await page.reload();
    await session.personButton('manager1').click();
    await session.pinAlert().filter({ hasText: 'Too many wrong PINs.' }).waitFor();
    expect(await session.digitButton('1').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('locks by itself after the idle time set on the tablet, and gives each person their own screen back', async () => {
    // Only the site admin sets the lock time; the lock screen shows it to everyone.
    await page.reload();
    await session.whoAreYouHeading().waitFor();
    expect(await session.idleLockField().count()).toBe(0);
    await page.getByText('This tablet locks after 5 minutes without use.').waitFor();
    await signIn(page, 'admin');
    await session.idleLockField().fill('1');
    await session.idleLockField().blur();
    await session.lock();
    await page.getByText('This tablet locks after 1 minute without use.').waitFor();
    await switchUser(page, 'advisor1');
    const screen = new URL(page.url()).hash;

    // Nobody touches the tablet: it locks.
    await session.whoAreYouHeading().waitFor({ timeout: 100_000 });
    expect(await session.switchUserButton().count()).toBe(0);

    // The same person comes back to the same screen; someone else starts at their own.
    await switchUser(page, 'advisor1');
    expect(new URL(page.url()).hash).toBe(screen);
    await session.lock();
    await switchUser(page, 'manager1');
    expect(new URL(page.url()).hash).toBe(routeHref(homeRouteFor('manager')));
    expect(errors).toEqual([]);
  });

  it('the site admin manages people on the tablet, and someone deactivated loses PIN access at their next switch', async () => {
    await signIn(page, 'admin');
    const admin = new UsersAdminPage(page);
    await admin.heading().waitFor();
    expect(new URL(page.url()).hash).toBe(routeHref(homeRouteFor('admin')));
    await admin.user('Wang Qiang 王强').waitFor();

    // Each refusal is named: a username in use, a PIN that is not 4–8 digits, the last admin.
    const dialog = await admin.addUser({
      username: 'tech1',
      displayName: 'Ma Jun 马军',
      password: 'bay-three-2026',
      pin: '2468',
    });
    await dialog.getByText('This username is already used at this site.').waitFor();
    await dialog.getByLabel(/^Username/).fill('tech3');
    await dialog.getByLabel(/^PIN/).fill('24');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('A PIN is 4 to 8 digits.').waitFor();
    await dialog.getByLabel(/^PIN/).fill('2468');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await admin.user('Ma Jun 马军').waitFor();
    await admin.changeRole('Ma Jun 马军', 'Team leader');
    await expect.poll(() => admin.role('Ma Jun 马军').inputValue()).toBe('Team leader');
    await admin.resetPin('Ma Jun 马军', '13579');
    await admin.deactivate('Site admin 管理员');
    await admin.refusal('A site needs at least one active admin.').waitFor();

    // The new person signs in here once, then switches in with the PIN the admin reset.
    await signIn(page, 'tech3', 'bay-three-2026');
    await switchUser(page, 'tech3', '13579');
    await session.currentUser().filter({ hasText: 'Ma Jun 马军' }).waitFor();

    // The admin deactivates the team leader, who still has PIN access on this tablet.
    await switchUser(page, 'admin');
    await page.evaluate(() => (window.location.hash = '#/admin'));
    await admin.deactivate('Zhou Jie 周杰');
    await admin.user('Zhou Jie 周杰').getByText('Deactivated').waitFor();
    await session.tryPin('manager1', '1234');
    await session.pinAlert().filter({ hasText: 'This user has been deactivated.' }).waitFor();
    await session.whoAreYouHeading().waitFor();
    expect(await session.personButton('manager1').count()).toBe(0);
    expect(await session.personButton('tech3').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
