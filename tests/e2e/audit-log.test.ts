import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('the site admin reads who changed what, verifies the chain and exports it for Excel', async () => {
    await page.goto(suite.link.url);
    await signIn(page, 'admin');
    await new UsersAdminPage(page).heading().waitFor();
    const audit = new AuditLogPage(page);

    // The demo dealer's orders were seeded through the store, so each has its entry.
    const seeded = audit.entries().filter({ hasText: 'demo-seed' });
    await seeded.first().waitFor();
    await expect
      .poll(() => seeded.first().textContent())
      .toMatch(/advisor1.*repair_orders.*Created/);
    const rows = await audit.entries().count();

    const verdict = await audit.verifyChain();
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(`Chain intact: ${rows} entries checked.`);

    const download = await audit.exportCsv();
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^seq,server_time,device_time,username,device_id,/);
    expect(lines).toHaveLength(rows + 1);
    expect(errors).toEqual([]);
  });
});
