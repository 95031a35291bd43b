// The tablet's way to make the customer's copy: fetches the font asset, then renders.
import { loadPdfFont } from './pdf-font.js';
import { renderCheckInPdf, type CheckInPdfInput } from './render-check-in-pdf.js';

export type { CheckInPdfInput } from './render-check-in-pdf.js';

/** The customer's copy as a PDF Blob, made on the tablet (offline too). */
export async function buildCheckInPdf(
  input: CheckInPdfInput,
  fontBytes?: Uint8Array,
): Promise<Blob> {
  const bytes = await renderCheckInPdf(input, fontBytes ?? (await loadPdfFont()));
  return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}

export function customerCopyFileName(orderNumber: string): string {
  return `${orderNumber.replace(/[^A-Za-z0-9_-]/g, '_')}-customer-copy.pdf`;
}
