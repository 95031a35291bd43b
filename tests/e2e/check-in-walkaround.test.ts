import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  API_BASE,
  DEMO_SITE,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  WALKAROUND_STEPS,
  sha256Hex,
  type CheckInSheet,
  type DamageMark,
  type RepairOrder,
  type Signature,
} from '../../src/schema/index.js';
import { checkInTexts } from '../../src/features/check-in/texts.js';
import {
  goOffline,
  goOnline,
  newTablet,
  waitForServiceWorkerControl,
  watchErrors,
} from './support/browser.js';
import { ProductServer } from './support/product-server.js';
import { clippedText, inspectHeader, smallTargets } from './support/layout-checks.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { CONCERN_LABEL, OrderFormPage } from './support/page-models/order-form-page.js';
import { DamageMapPage } from './support/page-models/damage-map-page.js';
import { addPhoto } from './support/page-models/photo-steps.js';
import { drawSignature } from './support/page-models/signature-pad.js';
import { signIn } from './support/page-models/session-page.js';
import { apiSignIn } from './support/api-sign-in.js';
import { pdfImageCount, pdfText } from '../support/pdf-reading.js';
import { until } from './support/until.js';

const SCREENSHOTS = '.tmp/screenshots/check-in';
const KNOWN_PLATE = '京A·12345'; // a demo order today with 48,210 km: back within 30 days

describe('check-in at the car, offline from start to finish', () => {
  const suite = useProductSuite();

  it('advisor checks in a known car, the customer signs, and everything reaches the server and a second tablet', async () => {
    const { server, link, browser } = suite;
    const started = Date.now();
    const tablet = await newTablet(browser);
    const page = await tablet.newPage();
    const errors = watchErrors(page);
    const list = new OrderListPage(page);
    await page.goto(link.url);
    await signIn(page);
    await waitForServiceWorkerControl(page);
    await list.orderCard(KNOWN_PLATE).waitFor({ timeout: 20_000 });
    await goOffline(tablet, link);

    // Find the car: the order starts filled in, flagged as a repeat repair, with the last odometer.
    await list.startCheckInFor('京A', KNOWN_PLATE, async () => {
      // The found car's line and its "Check in 京A·12345" button, whole.
      expect(await clippedText(page, '[role="dialog"]')).toEqual([]);
    });
    const form = new OrderFormPage(page);
    const orderId = new URL(page.url()).hash.replace('#/orders/', '');
    const orderNumber = await form.orderNumber();
    await page.getByText('Repeat repair: back within 30 days').waitFor();
    expect(await form.field('Customer name').inputValue()).toBe('张伟');

    await form.goToStep('Protective covers');
    for (const cover of ['Seat cover', 'Steering wheel cover', 'Floor mat'])
      await tick(page.getByLabel(cover));

    // A lower odometer is refused until the advisor gives a reason.
    await form.goToStep('Odometer & fuel');
    await page.getByText('Last odometer 48,210 km').first().waitFor();
    await form.enterOdometer(40_000);
    const refusal = page.getByRole('alert').filter({ hasText: 'below the last reading' });
    await refusal.waitFor();
    // Refused means not saved: leaving the step and coming back shows no reading.
    await form.goToStep('Protective covers');
    await form.goToStep('Odometer & fuel');
    expect(await form.field('Odometer (km)').inputValue()).toBe('');
    await form.enterOdometer(40_000);
    await refusal.waitFor();
    await refusal.getByLabel('Reason for the lower reading').fill('更换仪表总成');
    await refusal.getByRole('button', { name: 'Keep the lower reading' }).click();
    await page.getByText('Lower reading kept: 更换仪表总成').waitFor();
    await form.setFuel(3);

    await form.goToStep('Warning lights');
    // A chip's checkbox is hidden behind its label, which is what a finger taps.
    await tick(
      page.getByRole('checkbox', { name: 'Engine' }),
      page.getByText('Engine', { exact: true }),
    );

    // Checklist: two items not OK, each with a note and a photo; then the rest OK at once.
    await form.goToStep('Checklist');
    for (const [item, note, photo] of [
      ['Glass', '前挡风玻璃右下角裂纹 5cm', 'bumper-1600x1200.jpg'],
      ['Wipers', '雨刮片老化', 'wheel-1200x1200.jpg'],
    ] as const) {
      await page
        .getByRole('radiogroup', { name: item })
        .getByText('Not OK', { exact: true })
        .click();
      await page.getByLabel(`What is wrong with: ${item}`).fill(note);
      const card = page
        .locator('.mantine-Card-root')
        .filter({ has: page.getByLabel(`What is wrong with: ${item}`) });
      await addPhoto(page, photo, { within: card });
    }
    await page.getByRole('button', { name: 'The other 8 items OK' }).click();
    await page.getByRole('button', { name: 'Every item answered' }).waitFor();
    for (const item of Object.values(checkInTexts.en.checklist.items)) {
      const answer = ['Glass', 'Wipers'].includes(item) ? 'Not OK' : 'OK';
      await expect
        .poll(() =>
          page
            .getByRole('radiogroup', { name: item })
            .getByLabel(answer, { exact: true })
            .isChecked(),
        )
        .toBe(true);
    }

    // Three damages, each with a photo.
    await form.goToStep('Damage');
    const damage = new DamageMapPage(page);
    const damages = [
      {
        view: 'left',
        x: 0.3,
        y: 0.55,
        type: 'Scratch',
        note: '左前门划痕',
        photo: 'gradient-800x600.jpg',
      },
      {
        view: 'front',
        x: 0.5,
        y: 0.7,
        type: 'Dent',
        note: '前保险杠凹陷',
        photo: 'gradient-4000x3000.jpg',
      },
      {
        view: 'top',
        x: 0.5,
        y: 0.4,
        type: 'Chip',
        note: '发动机盖掉漆',
        photo: 'portrait-1500x2000.jpg',
      },
    ] as const;
    for (const [index, mark] of damages.entries()) {
      await damage.mark(mark.view, mark.x, mark.y);
      await damage.editor(index + 1).waitFor();
      await damage.describe(index + 1, mark);
      await addPhoto(page, mark.photo, { within: damage.editor(index + 1) });
    }

    // A reload in the middle: the walkaround is where the advisor left it.
    await page.reload();
    await page.getByRole('heading', { name: /^Damage/, level: 3 }).waitFor();
    for (const mark of damages)
      await damage.legend().getByText(mark.note, { exact: false }).waitFor();

    await form.goToStep('Concern');
    await form.field(CONCERN_LABEL).fill('刹车时前轮有异响,低速时明显。');
    await form.field('When does it happen?').fill('每次刹车');
    await form.field('How often?').fill('一直');
    await form.field('Under what conditions?').fill('低速、冷车');

    await form.goToStep('Estimate');
    await page.getByRole('button', { name: 'Add operation' }).click();
    await page.getByLabel('1. Operation').fill('更换前刹车片');
    await page.getByLabel('Labour (¥)').first().fill('180');
    await page.getByLabel('Parts (¥)').first().fill('420.50');
    await page.getByRole('button', { name: 'Add operation' }).click();
    await page.getByLabel('2. Operation').fill('检查前挡风玻璃 (索赔)');
    await tick(page.getByLabel('Warranty (S)').nth(1));
    await page.getByText('Labour ¥180.00 · Parts ¥420.50 · Total ¥600.50').waitFor();

    // The customer signs; the car cannot go to the workshop before.
    await form.goToStep('Signature');
    expect(await page.getByRole('button', { name: 'Send to workshop' }).isDisabled()).toBe(true);
    await drawSignature(page);

    // A change after signing voids the signature, which is kept; a new one is needed.
    await form.goToStep('Damage');
    await damage.marker(1).click();
    await damage.editor(1).getByLabel('Note').fill('左前门划痕 长约 10cm');
    await form.goToStep('Signature');
    await page.getByText(/VOID/).first().waitFor();
    expect(await page.getByRole('button', { name: 'Send to workshop' }).isDisabled()).toBe(true);
    await drawSignature(page);

    // The customer's copy, made on the tablet with no network, in the customer's language
    // (Chinese unless changed on the order) on an English screen, with the five photos.
    await page.getByText('In 中文, the language on the order (step 1 changes it).').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = new Uint8Array(readFileSync((await (await download).path()) ?? ''));
    const text = await pdfText(pdf);
    expect(text).toContain(KNOWN_PLATE);
    expect(text).toContain(orderNumber);
    expect(text).toContain('维修委托书(客户联)');
    // The dealer's details as the tablet read them from the server at sign-in.
    expect(text).toContain(DEMO_SITE.address);
    expect(text).toContain('接车时拍摄的照片');
    for (const number of [1, 2, 3]) expect(text).toContain(`损伤标记 ${number}`);
    // The signature and the five photos.
    expect(await pdfImageCount(pdf)).toBe(6);

    await page.getByRole('button', { name: 'Send to workshop' }).click();
    await page.getByText('The car is in the workshop.').waitFor();
    console.log(`offline check-in took ${Math.round((Date.now() - started) / 1000)} s`);
    await screenshotEverySteps(page, form);

    // Back online: every record and every photo reaches the server intact.
    await goOnline(tablet, link);
    await list.expectSyncStatus('All changes on server');
    const stored = await expectStoredOnServer(server, orderId);
    expect(stored.order).toMatchObject({
      odometerKm: 40_000,
      odometerOverrideReason: '更换仪表总成',
      fuelEighths: 3,
    });

    // A second tablet shows the same damage map and a valid signature.
    const second = await newTablet(browser);
    const secondPage = await second.newPage();
    watchErrors(secondPage, errors);
    await secondPage.goto(`${server.url}/#/orders/${orderId}`);
    await signIn(secondPage);
    const secondForm = new OrderFormPage(secondPage);
    await secondForm.goToStep('Damage');
    const secondDamage = new DamageMapPage(secondPage);
    for (const number of [1, 2, 3]) await secondDamage.marker(number).waitFor();
    await secondDamage.legend().getByText('左前门划痕 长约 10cm', { exact: false }).waitFor();
    await secondForm.goToStep('Signature');
    await secondPage
      .getByRole('region', { name: 'Customer signature' })
      .getByText('Valid', { exact: true })
      .waitFor();
    expect(errors).toEqual([]);
    await tablet.close();
    await second.close();
  });
});

/** Ticks a box that shows the saved state: it turns checked once the change is stored. */
async function tick(box: Locator, tapOn: Locator = box): Promise<void> {
  await tapOn.click();
  await expect.poll(() => box.isChecked()).toBe(true);
}

async function screenshotEverySteps(page: Page, form: OrderFormPage): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [orientation, viewport] of [
    ['landscape', { width: 1024, height: 768 }],
    ['portrait', { width: 768, height: 1024 }],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const [index, step] of WALKAROUND_STEPS.entries()) {
      await form.goToStep(checkInTexts.en.steps[step]);
      // Offline with changes and photos waiting: the header's busiest state stays readable.
      const header = await inspectHeader(page);
      expect(header.clipped, `${orientation} ${step}`).toEqual([]);
      expect(header.small, `${orientation} ${step}`).toEqual([]);
      // The step itself: every control big enough for a gloved finger.
      expect(await smallTargets(page, 'main'), `${orientation} ${step}`).toEqual([]);
      await page.screenshot({
        path: `${SCREENSHOTS}/${orientation}-${String(index + 1).padStart(2, '0')}-${step}.png`,
        fullPage: true,
      });
    }
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function expectStoredOnServer(server: ProductServer, orderId: string) {
  const order = await until(() => server.storedDocument<RepairOrder>('repair_orders', orderId));
  expect(server.storedDocument('check_in_sheets', orderId)).toMatchObject({
    covers: { seat: true, steeringWheel: true, floorMat: true },
  });
  const marks = server
    .storedDocuments<DamageMark>('damage_marks')
    .filter((mark) => mark.orderId === orderId && !mark.removed);
  expect(marks).toHaveLength(3);
  const signatures = server
    .storedDocuments<Signature>('signatures')
    .filter((signature) => signature.orderId === orderId);
  expect(signatures).toHaveLength(2);
  const sheet = server.storedDocument<CheckInSheet>('check_in_sheets', orderId);
  const checklistPhotos = Object.values(sheet?.checklist ?? {}).flatMap((check) => check.photoIds);
  expect(checklistPhotos).toHaveLength(2);
  const blobIds = [
    ...checklistPhotos,
    ...marks.flatMap((mark) => mark.photoIds),
    ...signatures.map((signature) => signature.imageId),
  ];
  expect(new Set(blobIds).size).toBe(7); // 2 checklist photos, 3 damage photos, 2 signatures
  const signedIn = await apiSignIn(server.url);
  for (const sha256 of blobIds) {
    const bytes = await until(async () => {
      const response = await fetch(`${server.url}${API_BASE}/blobs/${sha256}`, {
        headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), ...signedIn },
      });
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
    });
    expect(await sha256Hex(bytes)).toBe(sha256);
  }
  return { order, marks, signatures };
}
