import type { Locator, Page } from 'playwright-core';

/**
 * The customer signature panel: the customer writes on the pad (found by its
 * accessible label), the signer's name is filled in, and the signature is confirmed.
 */
export const SIGNATURE_PAD_LABEL = 'Signature pad: sign here with a finger';

export function signaturePad(page: Page): Locator {
  return page.getByLabel(SIGNATURE_PAD_LABEL);
}

/** A signature-like scribble: three strokes drawn with the mouse across the pad. */
export async function drawStrokes(page: Page): Promise<void> {
  const pad = signaturePad(page);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('The signature pad is not on screen');
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  const strokes: (readonly [number, number])[][] = [
    [
      [0.1, 0.6],
      [0.2, 0.3],
      [0.3, 0.7],
      [0.4, 0.35],
      [0.5, 0.65],
    ],
    [
      [0.55, 0.5],
      [0.65, 0.3],
      [0.75, 0.6],
      [0.85, 0.4],
    ],
    [
      [0.2, 0.8],
      [0.8, 0.78],
    ],
  ];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await page.mouse.move(...at(...first));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(...point), { steps: 6 });
    await page.mouse.up();
  }
}

/**
 * Signs as the customer and waits until the signature is stored and shown as valid.
 * `signerName` replaces the pre-filled name when given.
 */
export async function drawSignature(page: Page, signerName?: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Customer signature' });
  if (signerName !== undefined) await panel.getByLabel('Signer name').fill(signerName);
  await drawStrokes(page);
  await panel.getByRole('button', { name: 'Confirm signature' }).click();
  await panel.getByRole('status').getByText('Valid', { exact: true }).waitFor();
}
