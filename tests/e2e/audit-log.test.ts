import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../src/schema/index.js';
import { apiSignIn } from './support/api-sign-in.js';
import { newTablet, watchErrors } from './support/browser.js';
import { AuditLogPage } from './support/page-models/audit-log-page.js';
import { signIn } from './support/page-models/session-page.js';
import { UsersAdminPage } from './support/page-models/users-admin-page.js';
import { useProductSuite } from './support/product-suite.js';

describe('the audit log on the admin tablet', () => {
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

  it('the site admin reads who changed what in words, a page at a time, verifies the chain and exports it for Excel', async () => {
    // More than a page of entries: the people of the site sign in, as on a working morning.
    for (const username of ['advisor1', 'tech1', 'tech2', 'leader1', 'foreman1', 'clerk1']) {
      for (let time = 0; time < 4; time++) await apiSignIn(suite.server.url, username);
    }
    await page.goto(suite.link.url);
    await signIn(page, 'admin');
    await new UsersAdminPage(page).heading().waitFor();
    const audit = new AuditLogPage(page);

    // The dealer's phone printed on the customer copies: changed here, and audited.
    const dealer = page.getByRole('region', { name: 'Dealer details' });
    await expect.poll(() => dealer.getByLabel('Phone').inputValue()).toBe(DEMO_SITE.phone);
    await dealer.getByLabel('Phone').fill('010-1234 5678');
    await dealer.getByRole('button', { name: 'Save dealer details' }).click();
    await page.getByText('Dealer details saved.').waitFor();
    await audit.filterBy('Record type', 'Dealer site');
    await audit
      .entries()
      .filter({ hasText: /Site admin 管理员.*Dealer site.*Dealer details changedPhone/ })
      .waitFor();
    await audit.filterBy('Record type', null);

    // In the admin's words: the person's name, the tablet's, the record type, the order number.
    await audit.entries().first().waitFor();
    expect(await audit.entries().count()).toBe(25);
    await audit.filterBy('Person', 'Li Na 李娜 (advisor1)');
    await audit.filterBy('Record type', 'Repair order');
    const seeded = audit.entries().filter({ hasText: 'Tablet demo-seed' });
    await seeded.first().waitFor();
    await expect
      .poll(() => seeded.first().textContent(), { timeout: 20_000 })
      .toMatch(/Li Na 李娜Tablet demo-seedRepair orderRO-\d{8}-\d{4}Created/);
    expect(await audit.entries().filter({ hasNotText: 'Li Na 李娜' }).count()).toBe(0);
    await audit.filterBy('Person', null);
    await audit.filterBy('Record type', null);

    // A page at a time, newest first: "Older" reads on from the last entry, "Newer" comes back.
    await expect.poll(() => audit.entries().count()).toBe(25);
    const firstPage = await audit.seqs();
    const [newest = 0, lastOnPage = 0] = [firstPage[0], firstPage.at(-1)];
    await audit.section().getByRole('button', { name: 'Older' }).click();
    await audit.section().getByText('Page 2').waitFor();
    await expect.poll(() => audit.seqs().then((seqs) => seqs[0])).toBeLessThan(lastOnPage);
    const secondPage = await audit.seqs();
    expect(secondPage[0]).toBe(lastOnPage - 1);
    await audit.section().getByRole('button', { name: 'Newer' }).click();
    await expect.poll(() => audit.seqs()).toEqual(firstPage);
    const total = newest;

    const verdict = await audit.verifyChain();
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(`Chain intact: ${total} entries checked.`);

    const download = await audit.exportCsv();
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^seq,server_time,device_time,username,device_id,/);
    expect(lines).toHaveLength(total + 1);
    expect(errors).toEqual([]);
  });
});
