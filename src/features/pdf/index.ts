// The PDF feature's public face: other features import only from here.
export { CustomerCopyButtons } from './customer-copy-buttons.js';
export { canSharePdf, downloadPdf, printPdf, sharePdf } from './customer-copy.js';
export type { CheckInPdfInput } from './render-check-in-pdf.js';
export type { PdfLanguage } from './format.js';
export { pdfTexts } from './texts.js';

/** Builds the customer's copy as a PDF Blob; loads pdf-lib and the font on first use. */
export async function buildCheckInPdf(
  ...args: Parameters<typeof import('./build-check-in-pdf.js').buildCheckInPdf>
): Promise<Blob> {
  const { buildCheckInPdf: build } = await import('./build-check-in-pdf.js');
  return build(...args);
}
