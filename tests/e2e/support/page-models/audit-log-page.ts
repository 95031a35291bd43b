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

  /** The entries' sequence numbers, as shown: newest first. */
  async seqs(): Promise<number[]> {
    const seqs = await this.entries().evaluateAll((rows) =>
      rows.map((row) => Number(row.getAttribute('data-seq'))),
    );
    return seqs;
  }

  /** Picks an option of a filter; null is the filter's first option, everyone or every type. */
  async filterBy(label: 'Person' | 'Record type', option: string | null): Promise<void> {
    await this.section().getByLabel(label, { exact: true }).click();
    const name = option ?? (label === 'Person' ? 'Everyone' : 'Every record type');
    await this.page.getByRole('option', { name, exact: true }).click();
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
