import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInContentHash, DEMO_SITE } from '../../src/schema/index.js';
import {
  renderCheckInPdf,
  type CheckInPdfInput,
} from '../../src/features/pdf/render-check-in-pdf.js';
import { yuan } from '../../src/features/pdf/format.js';
import { shortFingerprint } from '../../src/features/pdf/signature-section.js';
import { makePhoto } from '../factories/photo.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import {
  makeCheckInSheet,
  makeDamageMark,
  makeFullOrder,
  makePng,
  makeSignature,
} from './signature-fixtures.js';
import { pdfImageCount, pdfText } from '../support/pdf-reading.js';

// The same font file the app ships as an asset (and the service worker precaches).
const FONT = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
let fontBytes: Uint8Array;

beforeAll(async () => {
  fontBytes = new Uint8Array(await readFile(createRequire(import.meta.url).resolve(FONT)));
});

async function fullCheckIn(language: CheckInPdfInput['language']): Promise<CheckInPdfInput> {
  const order = makeRepairOrder(makeFullOrder());
  const sheet = makeCheckInSheet(order);
  const marks = [
    makeDamageMark(order, { number: 1, view: 'left', x: 0.35, y: 0.5, note: '后门划痕 10 cm' }),
    makeDamageMark(order, { number: 2, view: 'front', type: 'dent', size: 'medium' }),
    makeDamageMark(order, { number: 3, view: 'top', note: 'removed', removed: true }),
  ];
  const contentHash = await checkInContentHash({ order, sheet, marks });
  return {
    site: DEMO_SITE,
    order,
    sheet,
    marks,
    signature: makeSignature(order, { contentHash }),
    signatureImage: makePng(),
    contentHash,
    language,
    advisorName: 'Li Na 李娜',
  };
}

/** The embedded TrueType subset (FontFile2), decompressed. */
async function embeddedFont(bytes: Uint8Array): Promise<DataView> {
  const document = await PDFDocument.load(bytes);
  const descriptor = document.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .find((object) => object instanceof PDFDict && object.get(PDFName.of('FontFile2')));
  const stream = document.context.lookup((descriptor as PDFDict).get(PDFName.of('FontFile2')));
  if (!(stream instanceof PDFRawStream)) throw new Error('No embedded TrueType font');
  const data = decodePDFRawStream(stream).decode();
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Every glyph record the subset's loca points at must be a plausible glyph
 * header (contour count, bounding box inside the font's). A loca a byte off
 * (the @pdf-lib/fontkit bug) turns most of them into nonsense: blank glyphs on paper.
 */
function misplacedGlyphs(font: DataView): number {
  const tables = new Map<string, number>();
  for (let index = 0; index < font.getUint16(4); index += 1) {
    const entry = 12 + index * 16;
    const tag = String.fromCharCode(...[0, 1, 2, 3].map((i) => font.getUint8(entry + i)));
    tables.set(tag, font.getUint32(entry + 8));
  }
  const [head, loca, glyf, maxp] = ['head', 'loca', 'glyf', 'maxp'].map(
    (tag) => tables.get(tag) ?? 0,
  );
  const longOffsets = font.getInt16((head ?? 0) + 50) === 1;
  const offset = (glyph: number) =>
    longOffsets
      ? font.getUint32((loca ?? 0) + glyph * 4)
      : font.getUint16((loca ?? 0) + glyph * 2) * 2;
  const [xMin, yMin, xMax, yMax] = [36, 38, 40, 42].map((at) => font.getInt16((head ?? 0) + at));
  let misplaced = 0;
  for (let glyph = 0; glyph < font.getUint16((maxp ?? 0) + 4); glyph += 1) {
    if (offset(glyph + 1) === offset(glyph)) continue; // an empty glyph (space)
    const at = (glyf ?? 0) + offset(glyph);
    const box = [2, 4, 6, 8].map((field) => font.getInt16(at + field));
    const [left = 0, bottom = 0, right = 0, top = 0] = box;
    const contours = font.getInt16(at);
    const plausible =
      contours >= -1 &&
      contours < 500 &&
      left <= right &&
      bottom <= top &&
      left >= (xMin ?? 0) &&
      right <= (xMax ?? 0) &&
      bottom >= (yMin ?? 0) &&
      top <= (yMax ?? 0);
    if (!plausible) misplaced += 1;
  }
  return misplaced;
}

describe("the customer's copy of the repair order (PDF)", () => {
  it('carries the plate, the order number and the estimate as real Chinese text', async () => {
    const input = await fullCheckIn('zh-CN');
    const bytes = await renderCheckInPdf(input, fontBytes);
    const text = await pdfText(bytes);
    expect(text).toContain('京A·12345');
    expect(text).toContain(input.order.orderNumber);
    expect(text).toContain('维修委托书(客户联)');
    // The dealer's own address and phone, for the customer to come back and to call.
    expect(text).toContain(DEMO_SITE.address);
    expect(text).toContain(`电话:${DEMO_SITE.phone}`);
    expect(text).toContain('张伟');
    expect(text).toContain('后门划痕 10 cm');
    expect(text).toContain('S(索赔)');
    // Warranty items are not charged: 200 + 450.50 + 120 yuan.
    expect(text).toContain(`${yuan(77_050)} 元`);
    // The fingerprint a customer can read out, not 64 hex characters.
    expect(text).toContain(shortFingerprint(input.contentHash));
    expect(shortFingerprint(input.contentHash)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(text).not.toContain(input.contentHash);
  });

  it('shows the check-in photos with what each shows, and names one the tablet does not hold', async () => {
    const input = await fullCheckIn('en');
    const [mark] = input.marks;
    const jpeg = new Uint8Array(await readFile('tests/fixtures/images/gradient-800x600.jpg'));
    const printedPhotos = [
      { photo: makePhoto(input.order.id, { subjectRef: mark?.id ?? '' }), image: jpeg },
      {
        photo: makePhoto(input.order.id, { subject: 'checklist', subjectRef: 'tyresWheels' }),
        image: jpeg,
      },
      { photo: makePhoto(input.order.id, { subject: 'other', subjectRef: '' }), image: null },
      // Of the removed mark 3: not printed, as the mark is not.
      { photo: makePhoto(input.order.id, { subjectRef: input.marks[2]?.id ?? '' }), image: jpeg },
    ];
    const withPhotos = await renderCheckInPdf({ ...input, printedPhotos }, fontBytes);
    const without = await renderCheckInPdf(input, fontBytes);
    const text = await pdfText(withPhotos);
    expect(text).toContain('Photos taken at check-in');
    expect(text).toContain('Damage mark 1');
    expect(text).toContain('Check: Tyres and wheels');
    expect(text).toContain('Photo 3');
    expect(text).toContain('Not on this tablet yet');
    // Two pictures more than the copy without them (the signature is the other image).
    expect(await pdfImageCount(withPhotos)).toBe((await pdfImageCount(without)) + 2);
    expect(await pdfText(without)).not.toContain('Photos taken at check-in');
  });

  it('embeds the signature image and a subset of the font, so the file stays small', async () => {
    const bytes = await renderCheckInPdf(await fullCheckIn('zh-CN'), fontBytes);
    expect(await pdfImageCount(bytes)).toBeGreaterThanOrEqual(1);
    expect(bytes.length).toBeLessThan(300 * 1024);
  });

  it('embeds a font subset whose glyphs all render (no blank letters on paper)', async () => {
    const bytes = await renderCheckInPdf(await fullCheckIn('en'), fontBytes);
    expect(misplacedGlyphs(await embeddedFont(bytes))).toBe(0);
  });

  it('is made in English too, and says so when the order changed after signing', async () => {
    const input = await fullCheckIn('en');
    const text = await pdfText(
      await renderCheckInPdf({ ...input, contentHash: 'f'.repeat(64) }, fontBytes),
    );
    expect(text).toContain('Repair order — customer copy');
    expect(text).toContain('京A·12345');
    expect(text).toContain('VOID');
  });

  it('still prints a draft with no walkaround, marks or signature yet', async () => {
    const order = makeRepairOrder();
    const bytes = await renderCheckInPdf(
      {
        site: DEMO_SITE,
        order,
        sheet: null,
        marks: [],
        signature: null,
        contentHash: await checkInContentHash({ order, sheet: null, marks: [] }),
        language: 'zh-CN',
      },
      fontBytes,
    );
    expect(await pdfText(bytes)).toContain('尚未签字');
  });
});
