import type { Locator, Page } from 'playwright-core';
import { pickPhotoFile } from './photo-steps.js';
import { SIGNATURE_PAD_LABEL } from './signature-pad.js';

/**
 * Added work (追加项目) across the three tablets: the technician requests it
 * on the job screen, the advisor opens it from the header badge, prices it and
 * records the customer's decision, the technician starts and finishes it.
 * Each request is found by its proposed operation (the item's accessible name).
 */
export type AddedWorkStatus = 'requested' | 'priced' | 'approved' | 'declined' | 'started' | 'done';

const STATUS_TEXTS: Record<AddedWorkStatus, string> = {
  requested: 'Waiting for price',
  priced: 'Waiting for the customer',
  approved: 'Approved by the customer',
  declined: 'Declined by the customer',
  started: 'Started',
  done: 'Done',
};

export interface AddedWorkRequest {
  finding: string;
  operation: string;
  partsYuan: number;
  labourYuan: number;
  minutes: number;
  /** A fixture in tests/fixtures/images, attached as the evidence photo. */
  evidencePhoto?: string;
}

export function addedWorkSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Added work' });
}

/** One request, on either side, by its proposed operation. */
export function addedWorkItem(page: Page, operation: string): Locator {
  return addedWorkSection(page).getByRole('article', { name: operation, exact: true });
}

/** The technician's "Start" or "Done" button of one request, to check whether it is offered. */
export function stepButton(page: Page, operation: string, name: 'Start' | 'Done'): Locator {
  return addedWorkItem(page, operation).getByRole('button', { name, exact: true });
}

/** The technician fills in "Request added work" on the job screen and sends it to the advisor. */
export async function requestAddedWork(page: Page, request: AddedWorkRequest): Promise<void> {
  await addedWorkSection(page).getByRole('button', { name: 'Request added work' }).click();
  const form = page.getByRole('form', { name: 'New added work request' });
  await form.getByLabel('Finding', { exact: true }).fill(request.finding);
  await form.getByLabel('Proposed operation').fill(request.operation);
  await form.getByLabel('Parts estimate (¥)').fill(String(request.partsYuan));
  await form.getByLabel('Labour estimate (¥)').fill(String(request.labourYuan));
  await form.getByLabel('Extra time (minutes)').fill(String(request.minutes));
  if (request.evidencePhoto)
    await pickPhotoFile(page, request.evidencePhoto, { within: form, name: 'Add evidence photo' });
  await form.getByRole('button', { name: 'Send to the advisor' }).click();
  await expectStatus(page, request.operation, 'requested');
}

/** The advisor taps the header badge of waiting added work and lands on the order. */
export async function openBadge(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^\d+ added work requests? waiting$/ }).click();
  await addedWorkSection(page).waitFor();
}

/** Saves the price as it stands (the technician's estimate unless changed) when none is saved yet. */
async function priceIfNeeded(page: Page, operation: string): Promise<Locator> {
  const item = addedWorkItem(page, operation);
  await item.getByRole('button', { name: 'Save price' }).waitFor();
  if (await statusText(item, 'requested').isVisible()) {
    await item.getByRole('button', { name: 'Save price' }).click();
    await expectStatus(page, operation, 'priced');
  }
  return item;
}

/** The advisor prices the request and the customer approves it with a signature on the tablet. */
export async function priceAndApproveBySignature(
  page: Page,
  operation: string,
  { signerName }: { signerName?: string } = {},
): Promise<void> {
  const item = await priceIfNeeded(page, operation);
  await item.getByRole('button', { name: 'Customer signs' }).click();
  if (signerName !== undefined) await item.getByLabel('Signer name').fill(signerName);
  await drawOn(page, item.getByLabel(SIGNATURE_PAD_LABEL));
  await item.getByRole('button', { name: 'Confirm signature' }).click();
  await expectStatus(page, operation, 'approved');
}

/** The advisor prices the request if needed and records the customer's approval on the phone. */
export async function approveByPhone(
  page: Page,
  operation: string,
  { approverName, phoneNumber }: { approverName: string; phoneNumber?: string },
): Promise<void> {
  const item = await priceIfNeeded(page, operation);
  await item.getByRole('button', { name: 'Approved by phone' }).click();
  await item.getByLabel('Who approved').fill(approverName);
  if (phoneNumber !== undefined) await item.getByLabel('Number called').fill(phoneNumber);
  await item.getByRole('button', { name: 'Record phone approval' }).click();
  await expectStatus(page, operation, 'approved');
}

export async function start(page: Page, operation: string): Promise<void> {
  await stepButton(page, operation, 'Start').click();
  await expectStatus(page, operation, 'started');
}

export async function finish(page: Page, operation: string): Promise<void> {
  await stepButton(page, operation, 'Done').click();
  await expectStatus(page, operation, 'done');
}

/** Waits until the request shows this status (it arrives live from the other tablets). */
export async function expectStatus(
  page: Page,
  operation: string,
  status: AddedWorkStatus,
): Promise<void> {
  await statusText(addedWorkItem(page, operation), status).waitFor();
}

function statusText(item: Locator, status: AddedWorkStatus): Locator {
  return item.getByRole('status').getByText(STATUS_TEXTS[status], { exact: true });
}

/** A short signature-like scribble on one pad (the order's own pad may be on screen too). */
async function drawOn(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('The signature pad is not on screen');
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  const strokes: [number, number][][] = [
    [
      [0.1, 0.6],
      [0.25, 0.3],
      [0.4, 0.7],
      [0.55, 0.35],
    ],
    [
      [0.6, 0.5],
      [0.9, 0.55],
    ],
  ];
  for (const [first, ...rest] of strokes) {
    if (!first) continue;
    await page.mouse.move(...at(...first));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(...point), { steps: 6 });
    await page.mouse.up();
  }
}
