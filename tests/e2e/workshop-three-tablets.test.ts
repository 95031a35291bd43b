import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type {
  Approval,
  RepairOrder,
  ReworkRecord,
  Signature,
  SignOff,
} from '../../src/schema/index.js';
import { goOffline, goOnline, newTablet, watchErrors } from './support/browser.js';
import { NetworkLink } from './support/network-link.js';
import { useProductSuite } from './support/product-suite.js';
import { OrderListPage } from './support/page-models/order-list-page.js';
import { OrderFormPage } from './support/page-models/order-form-page.js';
import { drawSignature } from './support/page-models/signature-pad.js';
import { signIn, switchUser } from './support/page-models/session-page.js';
import { DispatchBoardPage, MyJobsPage } from './support/page-models/workshop-pages.js';
import {
  expectStatus,
  finish,
  openBadge,
  priceAndApproveBySignature,
  requestAddedWork,
  start,
  stepButton,
} from './support/page-models/added-work-pages.js';
import { makeVin } from '../factories/repair-order.js';
import { until } from './support/until.js';

/**
 * The whole workshop on three tablets (DOMAIN.md steps 4–5): the advisor's in
 * the lane, the bay's shared tablet (technician and team leader), and the
 * foreman's. The bay has no Wi-Fi: every piece of work there is done offline;
 * the bay tablet only reaches the network when it is carried to the office
 * (to hand over the added-work request, to pick up the customer's answer, and
 * after each round of checks).
 */
const ADDED_OPERATION = '更换左前刹车盘';
const TECHNICIAN = 'Wang Qiang 王强';

interface Tablet {
  context: BrowserContext;
  page: Page;
  link: NetworkLink;
  errors: string[];
}

describe('the workshop across three tablets', () => {
  const suite = useProductSuite();

  it('check-in → dispatch → offline job with added work signed by the customer → three checks with a failed final check and rework → ready on every tablet', async () => {
    const { server, browser } = suite;
    const open = async (link: NetworkLink, username: string): Promise<Tablet> => {
      const context = await newTablet(browser);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(link.url);
      await signIn(page, username);
      return { context, page, link, errors };
    };
    const advisor = await open(suite.link, 'advisor1');
    const bay = await open(await NetworkLink.open(() => server.port), 'tech1');
    // The team leader signs in once on the bay's tablet, online; afterwards a PIN is enough.
    await signIn(bay.page, 'leader1');
    const foreman = await open(await NetworkLink.open(() => server.port), 'foreman1');

    // 1. Check-in: the advisor writes the order with two operations, the customer signs.
    const list = new OrderListPage(advisor.page);
    await list.heading().waitFor();
    await list.startNewOrder();
    const form = new OrderFormPage(advisor.page);
    const orderNumber = await form.orderNumber();
    const orderId = new URL(advisor.page.url()).hash.replace('#/orders/', '');
    await form.fillIn({
      customerName: '刘洋',
      phone: '138 0013 8000',
      plate: '沪A·WS001',
      vin: makeVin(777_001),
      model: 'FAW-VW Magotan',
      colour: '白色',
      odometerKm: 35_400,
      fuelEighths: 4,
      concern: '刹车时方向盘抖动。',
    });
    await form.goToStep('Estimate');
    for (const [index, operation] of ['更换前刹车片', '四轮定位'].entries()) {
      await advisor.page.getByRole('button', { name: 'Add operation' }).click();
      await advisor.page.getByLabel(`${index + 1}. Operation`).fill(operation);
      await advisor.page.getByLabel('Labour (¥)').nth(index).fill('150');
    }
    await form.goToStep('Signature');
    await drawSignature(advisor.page);
    await advisor.page.getByRole('button', { name: 'Send to workshop' }).click();
    await advisor.page.getByText('The car is in the workshop.').waitFor();

    // 2. Dispatch (派工): the foreman's board shows the car live and sends it to tech1, bay 3.
    const board = new DispatchBoardPage(foreman.page);
    await board.open();
    await board.expectInColumn(orderNumber, 'waiting-dispatch');
    await board.dispatch(orderNumber, TECHNICIAN, 3);
    await board.expectInColumn(orderNumber, 'in-bay');

    // 3. The bay: tech1 picks the job up, then the tablet goes into the bay with no network.
    await switchUser(bay.page, 'tech1');
    let job = await new MyJobsPage(bay.page).open(orderNumber);
    await goOffline(bay.context, bay.link);
    await job.tickAllOperations();
    await job.addFinding('左前刹车盘磨损超限,有沟槽');
    await requestAddedWork(bay.page, {
      finding: '左前刹车盘厚度 22mm,低于极限 23mm',
      operation: ADDED_OPERATION,
      partsYuan: 680,
      labourYuan: 120,
      minutes: 40,
      evidencePhoto: 'wheel-1200x1200.jpg',
    });
    // Not authorised yet: the tablet does not offer Start, and says why.
    expect(await stepButton(bay.page, ADDED_OPERATION, 'Start').isDisabled()).toBe(true);
    await bay.page.getByText('Added work starts only after the customer has approved').waitFor();

    // 4. The request reaches the advisor at once when the bay tablet is back on the network.
    await goOnline(bay.context, bay.link);
    await openBadge(advisor.page);
    expect(new URL(advisor.page.url()).hash).toBe(`#/orders/${orderId}`);
    await priceAndApproveBySignature(advisor.page, ADDED_OPERATION, { signerName: '刘洋' });

    // 5. The customer's answer arrives live; the rest of the job is done offline again.
    await expectStatus(bay.page, ADDED_OPERATION, 'approved');
    await goOffline(bay.context, bay.link);
    await start(bay.page, ADDED_OPERATION);
    await finish(bay.page, ADDED_OPERATION);
    await job.signOff({ level: 'self', result: 'pass' });
    // tech1 cannot peer-check their own job: the tablet does not offer it and says why.
    expect(await job.signButton('peer').isDisabled()).toBe(true);
    expect(await job.signBlockedReason('peer')).toContain('team leader');

    // 6. Peer check by the team leader on the same tablet, after a PIN switch, still offline.
    await switchUser(bay.page, 'leader1');
    job = await new MyJobsPage(bay.page).open(orderNumber);
    await job.signOff({ level: 'peer', result: 'pass' });
    await job.expectStage('waiting-checks');
    await goOnline(bay.context, bay.link);

    // 7. The foreman fails the final check: a rework record, back to the bay, marked red.
    await board.expectInColumn(orderNumber, 'waiting-checks');
    const finalJob = await board.openJob(orderNumber);
    await finalJob.signOff({ level: 'final', result: 'fail', reasons: '左前轮螺栓扭矩不足' });
    await finalJob.expectStage('rework');
    await finalJob.expectReworkMark(1);

    // 8. Rework in the bay, offline: the checks start again from the self-check.
    await switchUser(bay.page, 'tech1');
    job = await new MyJobsPage(bay.page).open(orderNumber);
    await job.expectStage('rework');
    await goOffline(bay.context, bay.link);
    await job.signOff({ level: 'self', result: 'pass' });
    // The technician's "signed" message was theirs: the team leader does not find it.
    const messages = bay.page.locator('.mantine-Notification-root');
    await messages.first().waitFor();
    await switchUser(bay.page, 'leader1');
    expect(await messages.count()).toBe(0);
    job = await new MyJobsPage(bay.page).open(orderNumber);
    await job.signOff({ level: 'peer', result: 'pass' });
    await goOnline(bay.context, bay.link);

    // 9. The foreman passes final QC: ready for delivery on all three tablets.
    await finalJob.signOff({ level: 'final', result: 'pass' });
    await finalJob.expectStage('ready');
    await job.expectStage('ready');
    await job.expectReworkMark(1);
    await advisor.page.locator('[data-stage="ready"]').first().waitFor({ timeout: 20_000 });
    await advisor.page.locator('[data-rework-mark="1"]').first().waitFor();

    // The server holds the whole story, each sign-off with the server's receipt time.
    const stored = await until(() => {
      const signOffs = server
        .storedDocuments<SignOff>('sign_offs')
        .filter((signOff) => signOff.orderId === orderId);
      return signOffs.length === 6 ? signOffs : null;
    });
    const story = stored
      .sort((a, b) => a.signedAt - b.signedAt)
      .map((signOff) => [signOff.round, signOff.level, signOff.result, signOff.createdBy]);
    expect(story).toEqual([
      [0, 'self', 'pass', 'tech1'],
      [0, 'peer', 'pass', 'leader1'],
      [0, 'final', 'fail', 'foreman1'],
      [1, 'self', 'pass', 'tech1'],
      [1, 'peer', 'pass', 'leader1'],
      [1, 'final', 'pass', 'foreman1'],
    ]);
    for (const signOff of stored) expect(signOff.receivedAt).toBeGreaterThan(0);
    // Each level reached the server under its own signer's session (the audit names who
    // pushed it) and carries a signature by that person's own key.
    for (const signOff of stored) {
      const pushedBy = server.rows<{ username: string }>(
        "SELECT username FROM audit_log WHERE collection = 'sign_offs' AND record_id = ? AND action = 'create'",
        signOff.id,
      );
      expect(pushedBy.map((row) => row.username)).toEqual([signOff.createdBy]);
      const keyOwner = server.rows<{ username: string }>(
        'SELECT users.username FROM signer_keys JOIN users ON users.id = signer_keys.user_id WHERE signer_keys.key_id = ?',
        signOff.signerKeyId,
      );
      expect(keyOwner.map((row) => row.username)).toEqual([signOff.createdBy]);
      expect(signOff.signerSignature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    }
    const reworks = server
      .storedDocuments<ReworkRecord>('rework_records')
      .filter((rework) => rework.orderId === orderId);
    expect(reworks).toMatchObject([
      { whatFailed: '左前轮螺栓扭矩不足', failedBy: 'foreman1', technician: 'tech1', round: 0 },
    ]);
    const approvals = server
      .storedDocuments<Approval>('approvals')
      .filter((approval) => approval.orderId === orderId);
    expect(approvals).toMatchObject([{ decision: 'approved', method: 'signature' }]);
    const signature = server.storedDocument<Signature>(
      'signatures',
      approvals[0]?.signatureId ?? '',
    );
    expect(signature).toMatchObject({
      purpose: 'added-work',
      contentHash: approvals[0]?.contentHash,
    });
    expect(server.storedDocument<RepairOrder>('repair_orders', orderId)?.status).toBe('ready');

    for (const tablet of [advisor, bay, foreman]) {
      expect(tablet.errors).toEqual([]);
      await tablet.context.close();
    }
    await bay.link.close();
    await foreman.link.close();
  });
});
