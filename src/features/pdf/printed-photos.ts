/**
 * The order's photos for its customer copy, read on the tablet: each one's
 * record and its JPEG from the blob store, made smaller for paper (a third
 * of an A4 width needs no more than 640 px), so a copy with ten photos stays
 * small enough to share.
 */
import type { LaneDatabase } from '../../db/create-database.js';
import { blobStore } from '../../db/blob-store.js';
import type { Photo } from '../../schema/index.js';
import type { PrintedPhoto } from './photo-section.js';

const PRINT_WIDTH_PX = 640;

async function forPaper(blob: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  try {
    if (bitmap.width <= PRINT_WIDTH_PX) return blob;
    const height = Math.round((bitmap.height / bitmap.width) * PRINT_WIDTH_PX);
    const canvas = new OffscreenCanvas(PRINT_WIDTH_PX, height);
    const context = canvas.getContext('2d');
    if (!context) return blob;
    context.drawImage(bitmap, 0, 0, PRINT_WIDTH_PX, height);
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.75 });
  } finally {
    bitmap.close();
  }
}

/** Oldest first, as they were taken; a photo this tablet does not hold prints as a named gap. */
export async function printedPhotosOf(
  database: LaneDatabase,
  orderId: string,
): Promise<PrintedPhoto[]> {
  const photos = database.records.photos;
  const documents = await photos.find({ selector: { orderId } }).exec();
  const records = documents
    .map((document) => photos.plain<Photo>(document))
    .sort((a, b) => a.createdAt - b.createdAt);
  return Promise.all(
    records.map(async (photo) => {
      const stored = await blobStore().get(photo.id);
      return { photo, image: stored ? await forPaper(stored.blob) : null };
    }),
  );
}
