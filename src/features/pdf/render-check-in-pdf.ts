import { subsetSafeFontkit } from './subset-fontkit.js';
import { PDFDocument, type PDFImage } from 'pdf-lib';
import type {
  CheckInSheet,
  DamageMark,
  Photo,
  RepairOrder,
  Signature,
} from '../../schema/index.js';
import { drawChecklist, drawValuablesAndWishes, drawWarningLights } from './check-in-sections.js';
import { drawDamageMap, liveMarks } from './damage-map-pdf.js';
import { A4, MUTED, PdfLayout } from './pdf-layout.js';
import { fill, formatDateTime, textsFor, type PdfLanguage } from './format.js';
import {
  drawConcern,
  drawCustomerVehicle,
  drawEstimate,
  drawHeader,
  drawReadings,
  drawTimes,
  type PdfSite,
} from './order-sections.js';
import { drawPhotos, printablePhotos, type PrintedPhoto } from './photo-section.js';
import { drawTermsAndSignature } from './signature-section.js';

/**
 * The customer's copy of the repair order (客户联) as PDF bytes, made with
 * pdf-lib and no DOM, so the tablet builds it offline and Node tests parse it.
 * The CJK font is embedded as a glyph subset: text stays real, searchable text.
 */
export interface CheckInPdfInput {
  site: PdfSite;
  order: RepairOrder;
  sheet: CheckInSheet | null;
  marks: readonly DamageMark[];
  photos?: readonly Photo[];
  /** The photos printed, with their JPEGs; without them only the count is printed. */
  printedPhotos?: readonly PrintedPhoto[];
  signature: Signature | null;
  /** The signature's PNG (or JPEG) as stored in the blob store. */
  signatureImage?: Blob | Uint8Array | null;
  /** `checkInContentHash` of the order now; a signature over other content prints as void. */
  contentHash: string;
  language: PdfLanguage;
  advisorName?: string;
  /** When the copy is made; printed in the footer. */
  now?: number;
}

export async function renderCheckInPdf(
  input: CheckInPdfInput,
  fontBytes: Uint8Array,
): Promise<Uint8Array> {
  const texts = textsFor(input.language);
  const document = await PDFDocument.create();
  document.registerFontkit(subsetSafeFontkit);
  const font = await document.embedFont(fontBytes, { subset: true });
  const image = await embedImage(document, input.signatureImage);
  const { order, sheet } = input;
  describe(
    document,
    input,
    fill('{{title}} {{number}}', { title: texts.title, number: order.orderNumber }),
  );

  const layout = new PdfLayout(document, font);
  drawHeader(layout, texts, { site: input.site, order, advisorName: input.advisorName });
  drawCustomerVehicle(layout, texts, order);
  drawReadings(layout, texts, order);
  drawChecklist(layout, texts, sheet);
  drawWarningLights(layout, texts, sheet);
  drawValuablesAndWishes(layout, texts, sheet, photoCount(input));
  layout.heading(texts.sections.damage);
  drawDamageMap(layout, input.marks, texts);
  await drawPhotos(
    layout,
    texts,
    printablePhotos(input.printedPhotos ?? [], input.marks),
    input.marks,
  );
  drawConcern(layout, texts, order);
  drawEstimate(layout, texts, order);
  drawTimes(layout, texts, order);
  drawTermsAndSignature(layout, texts, {
    signature: input.signature,
    image,
    contentHash: input.contentHash,
  });
  drawFooters(layout, `${order.orderNumber} · ${formatDateTime(input.now ?? Date.now())}`);
  return document.save();
}

function describe(document: PDFDocument, input: CheckInPdfInput, title: string) {
  document.setTitle(title);
  document.setSubject(input.order.vehicle.plate);
  document.setAuthor(input.site.name);
  document.setCreator('Service Lane');
  document.setLanguage(input.language);
}

async function embedImage(
  document: PDFDocument,
  image: Blob | Uint8Array | null | undefined,
): Promise<PDFImage | null> {
  if (!image) return null;
  const bytes = image instanceof Uint8Array ? image : new Uint8Array(await image.arrayBuffer());
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  return isJpeg ? document.embedJpg(bytes) : document.embedPng(bytes);
}

/** Photos given, or else every photo the marks and the checklist refer to. */
function photoCount(input: CheckInPdfInput): number {
  if (input.printedPhotos) return printablePhotos(input.printedPhotos, input.marks).length;
  if (input.photos) return input.photos.length;
  const ids = new Set(liveMarks(input.marks).flatMap((mark) => mark.photoIds));
  for (const check of Object.values(input.sheet?.checklist ?? {}))
    for (const id of check.photoIds) ids.add(id);
  return ids.size;
}

function drawFooters(layout: PdfLayout, line: string) {
  const pages = layout.document.getPages();
  pages.forEach((page, index) => {
    const text = `${line} · ${index + 1}/${pages.length}`;
    page.drawText(text, {
      x: A4.margin,
      y: A4.margin / 2,
      size: 7,
      font: layout.font,
      color: MUTED,
    });
  });
}
