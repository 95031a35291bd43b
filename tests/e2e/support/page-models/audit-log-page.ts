import type { Download, Locator, Page } from 'playwright-core';

/** The audit log section of the admin screen (#/admin), in English. */
export class AuditLogPage {
  constructor(readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Audit log' });
  }

  /** Table rows of entries, the header row left out. */
  entries(): Locator {
    return this.section().getByRole('table', { name: 'Audit log' }).locator('tbody tr');
  }

  async verifyChain(): Promise<Locator> {
    await this.section().getByRole('button', { name: 'Verify chain' }).click();
    return this.section()
      .getByRole('status')
      .filter({ hasText: /^Chain / });
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.section().getByRole('button', { name: 'Export CSV' }).click();
    return download;
  }
}
