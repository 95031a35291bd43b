import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * The workshop screens (English UI): the foreman's dispatch board, a
 * technician's or team leader's jobs, and one job with its operations,
 * findings and the three-level check. Cars are found by order number.
 */
export type WorkshopStage = 'waiting-dispatch' | 'in-bay' | 'waiting-checks' | 'rework' | 'ready';
export type CheckLevel = 'self' | 'peer' | 'final';

export const STAGE_NAMES: Record<WorkshopStage, string> = {
  'waiting-dispatch': 'Waiting for dispatch',
  'in-bay': 'In the bay',
  'waiting-checks': 'Waiting for checks',
  rework: 'QC failed / rework',
  ready: 'Ready for delivery',
};

export const LEVEL_NAMES: Record<CheckLevel, string> = {
  self: 'Self-check',
  peer: 'Peer check',
  final: 'Final check',
};

/** Checklist items a check may answer "N/A"; the rest are answered "Yes" for a pass. */
const ITEMS_BY_LEVEL: Record<CheckLevel, string[]> = {
  self: [
    'All operations done',
    'No warning lights',
    'Fluids topped up',
    'Torque checked',
    'Road test',
  ],
  peer: ['Operations verified', 'No warning lights', 'Fluids topped up', 'Torque checked'],
  final: ['Operations verified', 'Road test', 'Car clean', 'Settings restored (radio, clock)'],
};

function jobCardButton(scope: Page | Locator, orderNumber: string): Locator {
  // The card's name is what it shows after "Open job": plate, order number, model, technician.
  return scope.locator(`[data-order="${orderNumber}"]`).getByRole('button', { name: /^Open job / });
}

/** The foreman's 派工 board: five columns by stage, live. */
export class DispatchBoardPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Board' })
      .click();
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Dispatch board', level: 2 });
  }

  column(stage: WorkshopStage): Locator {
    return this.page.getByRole('region', { name: STAGE_NAMES[stage], exact: true });
  }

  /** Dispatches (or reassigns) a car by tap: technician by name, bay by number or free text. */
  async dispatch(orderNumber: string, technicianName: string, bay: number | string): Promise<void> {
    const button = this.page.getByRole('button', {
      name: new RegExp(`^(Dispatch|Reassign) ${escape(orderNumber)}$`),
    });
    await button.click();
    const dialog = this.page.getByRole('dialog', { name: `Dispatch ${orderNumber}` });
    await dialog.getByRole('button', { name: new RegExp(`^${escape(technicianName)}`) }).click();
    if (/^\d+$/.test(String(bay)))
      await dialog.getByRole('button', { name: `Bay ${bay}`, exact: true }).click();
    else await dialog.getByLabel('Other bay').fill(String(bay));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Waits until the car shows in the column of this stage (the board updates live). */
  async expectInColumn(orderNumber: string, stage: WorkshopStage): Promise<void> {
    const card = jobCardButton(this.column(stage), orderNumber);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.count()).toBe(1);
  }

  async openJob(orderNumber: string): Promise<JobPage> {
    await jobCardButton(this.page, orderNumber).click();
    const job = new JobPage(this.page);
    await job.heading(orderNumber).waitFor();
    return job;
  }
}

/** A technician's or team leader's jobs, and the checks waiting for them. */
export class MyJobsPage {
  constructor(readonly page: Page) {}

  async show(): Promise<void> {
    const heading = this.page.getByRole('heading', { name: 'My jobs', level: 2 });
    const nav = this.page.getByRole('navigation', { name: 'Screens' });
    if (await nav.isVisible()) await nav.getByRole('link', { name: 'My jobs' }).click();
    else {
      // A technician has no navigation: My jobs is their home, reached by a job's Back link.
      // Either is there once the screen's code has loaded (screens load when first opened).
      const back = this.page.getByRole('link', { name: 'Back', exact: true });
      await heading.or(back).first().waitFor();
      if (!(await heading.isVisible())) await back.click();
    }
    await heading.waitFor();
  }

  list(
    name: 'Dispatched to me' | 'Waiting for my peer check' | 'Waiting for final check',
  ): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** Opens the job of this order from my jobs (it may arrive by sync, so it is waited for). */
  async open(orderNumber: string): Promise<JobPage> {
    await this.show();
    const card = jobCardButton(this.page, orderNumber).first();
    await card.waitFor({ timeout: 20_000 });
    await card.click();
    const job = new JobPage(this.page);
    await job.heading(orderNumber).waitFor();
    return job;
  }
}

/** One job: the car, operations, findings, the QC section and rework. */
export class JobPage {
  constructor(readonly page: Page) {}

  heading(orderNumber?: string): Locator {
    return this.page.getByRole('heading', {
      name: orderNumber ? `Job ${orderNumber}` : /^Job /,
      level: 2,
    });
  }

  operations(): Locator {
    return this.page.getByRole('region', { name: 'Operations', exact: true }).getByRole('checkbox');
  }

  async tickAllOperations(): Promise<void> {
    const boxes = this.operations();
    await boxes.first().waitFor();
    for (const box of await boxes.all()) {
      if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
      await this.page.waitForFunction(
        (element) => element?.getAttribute('aria-checked') === 'true',
        await box.elementHandle(),
      );
    }
  }

  async addFinding(text: string): Promise<void> {
    const findings = this.page.getByRole('region', { name: 'Findings', exact: true });
    await findings.getByRole('button', { name: 'Add finding' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add finding' });
    await dialog.getByLabel('What did you find?').fill(text);
    await dialog.getByRole('button', { name: 'Save finding' }).click();
    await dialog.waitFor({ state: 'detached' });
    await findings.getByText(text, { exact: true }).waitFor();
  }

  qc(): Locator {
    return this.page.getByRole('region', { name: 'Quality checks', exact: true });
  }

  signOffForm(level: CheckLevel): Locator {
    return this.qc().getByRole('form', { name: `Sign ${LEVEL_NAMES[level]}` });
  }

  signButton(level: CheckLevel): Locator {
    return this.signOffForm(level).getByRole('button', { name: `Sign ${LEVEL_NAMES[level]}` });
  }

  /** The reason the Sign button is not offered to this user, as shown under it. */
  async signBlockedReason(level: CheckLevel): Promise<string> {
    await this.signOffForm(level).waitFor();
    return (await this.signOffForm(level).getByRole('note').textContent()) ?? '';
  }

  /** Fills in and signs the level the job waits for: a pass answers every item "Yes". */
  async signOff(check: { level: CheckLevel; result: 'pass' | 'fail'; reasons?: string }) {
    const form = this.signOffForm(check.level);
    await form.waitFor();
    for (const item of ITEMS_BY_LEVEL[check.level])
      await form.getByRole('radiogroup', { name: item }).getByText('Yes', { exact: true }).click();
    if (check.level !== 'self') {
      const result = check.result === 'pass' ? 'Pass' : 'Fail';
      await form
        .getByRole('radiogroup', { name: 'Result' })
        .getByText(result, { exact: true })
        .click();
    }
    if (check.result === 'fail') await form.getByLabel('What failed').fill(check.reasons ?? '');
    await this.signButton(check.level).click();
    await this.signedRow(check.level, check.result).waitFor();
  }

  /** The level's row once signed with this result (this round, or an earlier one for a fail). */
  signedRow(level: CheckLevel, result: 'pass' | 'fail'): Locator {
    return this.qc().locator(`article[data-level="${level}"][data-result="${result}"]`).first();
  }

  /** Waits until the job's stage badge shows this stage (it follows sync live). */
  async expectStage(stage: WorkshopStage): Promise<void> {
    const badge = this.page.locator(`[data-stage="${stage}"]`).first();
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.textContent()).toBe(STAGE_NAMES[stage]);
  }

  /** The red rework mark on the job shows this many failed checks (none for 0). */
  async expectReworkMark(count: number): Promise<void> {
    const marks = this.page.locator('[data-rework-mark]').first();
    if (count === 0) {
      expect(await this.page.locator('[data-rework-mark]').count()).toBe(0);
      return;
    }
    await this.page.locator(`[data-rework-mark="${count}"]`).first().waitFor({ timeout: 20_000 });
    expect(await marks.textContent()).toBe(`Rework ×${count}`);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
