import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newTablet, watchErrors } from './support/browser.js';
import { useProductSuite } from './support/product-suite.js';
import { signIn } from './support/page-models/session-page.js';
import { DispatchBoardPage, MyJobsPage } from './support/page-models/workshop-pages.js';

/** The demo order that is checked in and waits for dispatch. */
const PLATE = '京N·8K921';

async function openSignedIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await signIn(page, username);
}

async function orderNumberOn(board: DispatchBoardPage, plate: string): Promise<string> {
  const card = board.page.getByRole('button', { name: /^Open job / }).filter({ hasText: plate });
  await card.waitFor({ timeout: 20_000 });
  const number = await card.locator('xpath=ancestor::*[@data-order][1]').getAttribute('data-order');
  return number ?? '';
}

describe('the dispatch board', () => {
  const suite = useProductSuite();

  it('foreman dispatches a car on one tablet; the board on another tablet moves it live, and the technician finds it', async () => {
    const { link, browser } = suite;
    const foremanTablet = await newTablet(browser);
    const foremanPage = await foremanTablet.newPage();
    const errors = watchErrors(foremanPage);
    await openSignedIn(foremanPage, link.url, 'foreman1');
    const foremanBoard = new DispatchBoardPage(foremanPage);
    await foremanBoard.open();

    const advisorTablet = await newTablet(browser);
    const advisorPage = await advisorTablet.newPage();
    watchErrors(advisorPage, errors);
    await openSignedIn(advisorPage, link.url, 'advisor1');
    const advisorBoard = new DispatchBoardPage(advisorPage);
    await advisorBoard.open();

    const orderNumber = await orderNumberOn(foremanBoard, PLATE);
    await foremanBoard.expectInColumn(orderNumber, 'waiting-dispatch');
    await advisorBoard.expectInColumn(orderNumber, 'waiting-dispatch');
    // The advisor's board shows where the car is, but offers no dispatch, and says why.
    expect(await advisorPage.getByRole('button', { name: /^Dispatch RO-/ }).count()).toBe(0);
    await advisorPage.getByText('Only the foreman assigns technicians and bays.').waitFor();

    await foremanBoard.dispatch(orderNumber, 'Wang Qiang', 3);
    await foremanBoard.expectInColumn(orderNumber, 'in-bay');

    // No reload: the second tablet's board follows through sync.
    await advisorBoard.expectInColumn(orderNumber, 'in-bay');
    const advisorCard = advisorBoard.column('in-bay').locator(`[data-order="${orderNumber}"]`);
    await advisorCard.getByText('Wang Qiang 王强 · Bay 3').waitFor({ timeout: 20_000 });

    const technicianTablet = await newTablet(browser);
    const technicianPage = await technicianTablet.newPage();
    watchErrors(technicianPage, errors);
    await openSignedIn(technicianPage, link.url, 'tech1');
    const job = await new MyJobsPage(technicianPage).open(orderNumber);
    await job.expectStage('in-bay');
    await job.expectReworkMark(0);
    await job.signOffForm('self').waitFor();
    expect(await job.signButton('self').isDisabled()).toBe(true);

    expect(errors).toEqual([]);
    await Promise.all(
      [foremanTablet, advisorTablet, technicianTablet].map((tablet) => tablet.close()),
    );
  });
});
