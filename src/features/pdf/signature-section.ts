import type { PDFImage } from 'pdf-lib';
import type { Signature } from '../../schema/index.js';
import { A4, ALERT, MUTED, RULE, type PdfLayout } from './pdf-layout.js';
import { fill, formatDateTime, type PdfTexts } from './format.js';

/**
 * What a customer can read out and compare: the first 16 hex characters of
 * the SHA-256 in groups of four ("3f2a 9c1b 77d0 e4a2"). 64 bits tell any two
 * versions of one order apart; the full hash stays on the signature record.
 */
export function shortFingerprint(sha256Hex: string): string {
  return (sha256Hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

/** The terms the customer agrees to, the signature image and the hash of what was signed. */
export function drawTermsAndSignature(
  layout: PdfLayout,
  texts: PdfTexts,
  signed: { signature: Signature | null; image: PDFImage | null; contentHash: string },
) {
  layout.heading(texts.sections.terms);
  layout.paragraph(texts.terms, { size: 8 });
  layout.heading(texts.sections.signature);
  const { signature, image, contentHash } = signed;
  if (!signature) {
    layout.paragraph(texts.signature.notSigned);
    return;
  }
  if (image) {
    const width = Math.min(240, image.width);
    const height = (image.height / image.width) * width;
    layout.ensureSpace(height + 40);
    layout.page.drawImage(image, { x: A4.margin, y: layout.y - height, width, height });
    layout.y -= height + 2;
    layout.page.drawLine({
      start: { x: A4.margin, y: layout.y },
      end: { x: A4.margin + width, y: layout.y },
      thickness: 0.6,
      color: RULE,
    });
    layout.gap(4);
  }
  layout.paragraph(
    fill(texts.signature.signedBy, {
      name: signature.signerName,
      time: formatDateTime(signature.signedAt),
    }),
  );
  layout.paragraph(
    fill(texts.signature.contentHash, { hash: shortFingerprint(signature.contentHash) }),
    {
      size: 7.5,
      colour: MUTED,
    },
  );
  if (signature.contentHash !== contentHash)
    layout.paragraph(texts.signature.void, { colour: ALERT });
}
