import { describe, expect, it } from 'vitest';
import type { RepairOrder } from '../../src/schema/index.js';
import {
  goOffline,
  goOnline,
  newTablet,
  waitForServiceWorkerControl,
  watchErrors,
} from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import {
  CONCERN_LABEL,
  OrderFormPage,
  type OrderDetails,
} from './support/page-models/order-form-page.js';
import { makeVin } from '../factories/repair-order.js';
import { signIn } from './support/page-models/session-page.js';
import { until } from './support/until.js';

const details: OrderDetails = {
  customerName: '王芳',
  phone: '139 1234 5678',
  plate: '粤B·E2E01',
  vin: makeVin(424_242),
  model: 'Audi A4L',
  colour: '黑色',
  odometerKm: 61_250,
  fuelEighths: 5,
  concern: '冷车启动时发动机舱有哒哒声,热车后消失。',
};

describe('a repair order made with no network', () => {
  const suite = useProductSuite();

  it('advisor creates an order offline, it survives reloads and a server crash, then reaches the server and a second tablet', async () => {
    const { server, link, browser } = suite;
    // First visit online: the service worker installs and the demo orders sync down.
    const tablet = await newTablet(browser);
    let page = await tablet.newPage();
    const errors = watchErrors(page);
    const list = new OrderListPage(page);
    await page.goto(link.url);
    await signIn(page);
    await waitForServiceWorkerControl(page);
    await list.orderCard('京A·12345').waitFor({ timeout: 20_000 });
    await list.expectSyncStatus('All changes on server');

    // The network goes away in the bay; the app still starts.
    await goOffline(tablet, link);
    await page.reload();
    await list.heading().waitFor();
    await list.expectSyncStatus('Offline');

    await list.startNewOrder();
    const form = new OrderFormPage(page);
    const orderNumber = await form.orderNumber();
    const orderId = new URL(page.url()).hash.replace('#/orders/', '');
    await form.fillIn(details);
    await list.expectSyncStatus(/2 changes not yet on server/); // the order and its check-in sheet

    // Close the tab and open a new one, still offline: nothing was lost.
    await page.close();
    page = await tablet.newPage();
    watchErrors(page, errors);
    const reopened = new OrderListPage(page);
    // The app reopens where the advisor was: this order, at the step they left it.
    await page.goto(link.url);
    await page.getByRole('heading', { name: /^Repair order RO-/ }).waitFor();
    const reopenedForm = new OrderFormPage(page);
    expect(await reopenedForm.orderNumber()).toBe(orderNumber);
    expect(await reopenedForm.field(CONCERN_LABEL).inputValue()).toBe(details.concern);
    await reopenedForm.goToStep('Customer & vehicle');
    expect(await reopenedForm.field('Customer name').inputValue()).toBe(details.customerName);
    expect(await reopenedForm.field(/^VIN/).inputValue()).toBe(details.vin);
    await reopenedForm.goToStep('Odometer & fuel');
    expect(await reopenedForm.field('Odometer (km)').inputValue()).toBe('61,250');
    expect(await reopenedForm.fuelGauge().getAttribute('aria-valuenow')).toBe('5');
    await reopenedForm.backToList();

    // Meanwhile the server dies hard and comes back.
    await server.kill();
    await server.restart();
    expect(server.storedDocument('repair_orders', orderId)).toBeNull();

    // A second tablet is already watching today's list.
    const secondTablet = await newTablet(browser);
    const secondPage = await secondTablet.newPage();
    watchErrors(secondPage, errors);
    const secondList = new OrderListPage(secondPage);
    await secondPage.goto(server.url);
    await signIn(secondPage);
    await secondList.orderCard('京A·12345').waitFor({ timeout: 20_000 });
    expect(await secondList.orderCard(details.plate).count()).toBe(0);

    // The network is back: the order reaches the server's database within seconds.
    const backOnline = Date.now();
    await goOnline(tablet, link);
    // Created, then edited: each step of the advisor's is a mutation of its own once it was sent.
    const stored = await until(() => {
      const order = server.storedDocument<RepairOrder>('repair_orders', orderId);
      return order?.concern === details.concern ? order : null;
    });
    const arrivedAfterMs = Date.now() - backOnline;
    expect(stored).toMatchObject({
      orderNumber,
      customer: { name: details.customerName, phone: details.phone },
      vehicle: {
        plate: details.plate,
        vin: details.vin,
        model: details.model,
        colour: details.colour,
      },
      odometerKm: details.odometerKm,
      fuelEighths: 5,
      concern: details.concern,
      createdBy: 'advisor1',
    });
    await reopened.expectSyncStatus('All changes on server');

    // …and the second tablet shows it without a reload.
    await secondList.orderCard(details.plate).waitFor({ timeout: 15_000 });
    expect(await secondList.orderCard(details.plate).textContent()).toContain(details.customerName);
    console.log(`order reached the server ${arrivedAfterMs} ms after the network came back`);

    expect(errors).toEqual([]);
    await tablet.close();
    await secondTablet.close();
  });
});
