import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { RepairOrder } from '../../src/schema/index.js';
import {
  goOffline,
  goOnline,
  newTablet,
  waitForServiceWorkerControl,
  watchErrors,
} from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { createOrderFromList } from './support/page-models/order-list-page.js';
import { SessionPage, signIn, switchUser } from './support/page-models/session-page.js';
import { until } from './support/until.js';

/**
 * Who signed is who signed in: on a shared tablet each person's changes go
 * to the server with that person's own session, never with whoever happens
 * to be at the tablet. A person whose session ended waits for nobody else:
 * only their own changes stay on the tablet, with a prompt to sign in again.
 */
/**
 * Ends a person's session as the server sees it when it has expired: the
 * tablet's tokens for them are no longer accepted (access and refresh both).
 */
async function endSessionOnTablet(page: Page, username: string): Promise<void> {
  await page.evaluate(async (name) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('service-lane-session');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = database.transaction('knownUsers', 'readwrite').objectStore('knownUsers');
    const all = await new Promise<{ user: { username: string } }[]>((resolve, reject) => {
      const request = store.getAll();
      request.onsuccess = () => resolve(request.result as { user: { username: string } }[]);
      request.onerror = () => reject(request.error);
    });
    const known = all.find((entry) => entry.user.username === name);
    if (!known) throw new Error(`${name} is not known on this tablet`);
    store.put({ ...known, accessToken: 'expired', refreshToken: 'expired', accessExpiresAt: 0 });
    database.close();
  }, username);
}

describe('a shared tablet sends each person’s changes with their own session', () => {
  const suite = useProductSuite();
  let tablet: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    tablet = await newTablet(suite.browser);
    page = await tablet.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await tablet?.close();
  });

  it('two people work offline; one session ends: only that person’s order waits, with a prompt, until they sign in again', async () => {
    const { server, link } = suite;
    const session = new SessionPage(page);
    await page.goto(link.url);
    await waitForServiceWorkerControl(page);
    await signIn(page, 'advisor1');
    await signIn(page, 'manager1');
    await session.currentUser().filter({ hasText: 'Zhou Jie 周杰' }).waitFor();

    // No network: each of them makes an order after a PIN switch.
    await goOffline(tablet, link);
    await switchUser(page, 'advisor1');
    const advisorOrder = await createOrderFromList(page);
    await switchUser(page, 'manager1');
    const managerOrder = await createOrderFromList(page);

    // The advisor's session ends while the tablet is away from the network.
    await endSessionOnTablet(page, 'advisor1');
    await goOnline(tablet, link);

    // The service manager's order goes, under the manager's name.
    const managers = await until(() =>
      server.storedDocument<RepairOrder>('repair_orders', managerOrder),
    );
    expect(managers).toMatchObject({ createdBy: 'manager1', updatedBy: 'manager1' });
    // The advisor's waits on the tablet, said so in the header; nobody else sent it.
    await page.getByText('Li Na 李娜: sign in again to send your changes').waitFor();
    expect(server.storedDocument<RepairOrder>('repair_orders', advisorOrder)).toBeNull();
    await page.locator('[data-pending]:not([data-pending="0"])').waitFor();

    // She signs in again with her password: her order goes, in her name.
    await signIn(page, 'advisor1');
    const advisors = await until(() =>
      server.storedDocument<RepairOrder>('repair_orders', advisorOrder),
    );
    expect(advisors).toMatchObject({ createdBy: 'advisor1', updatedBy: 'advisor1' });
    await page.locator('[data-pending="0"]').waitFor();
    expect(await page.getByText('sign in again to send').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
