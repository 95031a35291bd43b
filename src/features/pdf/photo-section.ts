import type { PDFDocument, PDFImage } from 'pdf-lib';
import type { DamageMark, Photo } from '../../schema/index.js';
import { A4, MUTED, RULE, type PdfLayout } from './pdf-layout.js';
import { fill, type PdfTexts } from './format.js';

/** A photo of the order and its JPEG for paper; null when this tablet does not hold it yet. */
export interface PrintedPhoto {
  photo: Photo;
  image: Blob | Uint8Array | null;
}

const PER_ROW = 3;
const GAP = 10;
const CAPTION = 12;

/** What the photo shows, in the customer's words: the damage mark's number, the checked item. */
function caption(
  texts: PdfTexts,
  photo: Photo,
  position: number,
  marks: readonly DamageMark[],
): string {
  if (photo.subject === 'damage') {
    const mark = marks.find((candidate) => candidate.id === photo.subjectRef);
    if (mark) return fill(texts.photoCaptions.damage, { number: mark.number });
  }
  if (photo.subject === 'checklist') {
    const item = (texts.checklist as Record<string, string>)[photo.subjectRef];
    if (item) return fill(texts.photoCaptions.checklist, { item });
  }
  return fill(texts.photoCaptions.other, { number: position + 1 });
}

async function embedJpeg(document: PDFDocument, image: Blob | Uint8Array | null) {
  if (!image) return null;
  const bytes = image instanceof Uint8Array ? image : new Uint8Array(await image.arrayBuffer());
  // The tablet keeps its photos as JPEG; anything else is not printed rather than mis-drawn.
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  return document.embedJpg(bytes);
}

/** The photos the copy shows: a removed mark is not on its map, so neither is its photo. */
export function printablePhotos(
  photos: readonly PrintedPhoto[],
  marks: readonly DamageMark[],
): PrintedPhoto[] {
  const removed = new Set(marks.filter((mark) => mark.removed).map((mark) => mark.id));
  return photos.filter(
    ({ photo }) => !(photo.subject === 'damage' && removed.has(photo.subjectRef)),
  );
}

/**
 * The check-in photos on the customer's copy, three to a row with what each
 * shows, so "Photos taken 2" is two pictures the customer can see.
 */
export async function drawPhotos(
  layout: PdfLayout,
  texts: PdfTexts,
  photos: readonly PrintedPhoto[],
  marks: readonly DamageMark[],
): Promise<void> {
  if (photos.length === 0) return;
  layout.heading(texts.sections.photos);
  const cell = (layout.width - GAP * (PER_ROW - 1)) / PER_ROW;
  const images: (PDFImage | null)[] = [];
  for (const { image } of photos) images.push(await embedJpeg(layout.document, image));
  for (let start = 0; start < photos.length; start += PER_ROW) {
    const row = photos.slice(start, start + PER_ROW);
    const height = cell * 0.75;
    layout.ensureSpace(height + CAPTION + GAP);
    row.forEach(({ photo }, column) => {
      const x = A4.margin + column * (cell + GAP);
      const image = images[start + column] ?? null;
      if (image) {
        const scale = Math.min(cell / image.width, height / image.height);
        const width = image.width * scale;
        const drawn = image.height * scale;
        layout.page.drawImage(image, {
          x: x + (cell - width) / 2,
          y: layout.y - height + (height - drawn) / 2,
          width,
          height: drawn,
        });
      } else {
        layout.page.drawRectangle({
          x,
          y: layout.y - height,
          width: cell,
          height,
          borderColor: RULE,
          borderWidth: 0.6,
        });
        layout.draw(texts.photoCaptions.missing, x + 6, layout.y - height / 2, 8, MUTED);
      }
      layout.draw(caption(texts, photo, start + column, marks), x, layout.y - height - 10, 8);
    });
    layout.y -= height + CAPTION + GAP / 2;
  }
}
