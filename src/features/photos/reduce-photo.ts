/**
 * Turns a camera file into the photo the tablet keeps: decoded upright (EXIF
 * orientation applied), drawn at the reduced size and encoded as JPEG within
 * the byte limit. Re-encoding also drops the camera's EXIF data (GPS position).
 */
import { PhotoReductionError, encodeWithinLimit, type Size } from './reduction-steps.js';

export interface ReducedPhoto {
  blob: Blob;
  width: number;
  height: number;
  mimeType: 'image/jpeg';
}

const MIME_TYPE = 'image/jpeg';

export async function reducePhoto(file: Blob): Promise<ReducedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new PhotoReductionError('unreadable', { cause: error });
  }
  try {
    const canvas = new PhotoCanvas(bitmap);
    const { blob, size } = await encodeWithinLimit(
      (target, quality) => canvas.encode(target, quality),
      { width: bitmap.width, height: bitmap.height },
    );
    return { blob, width: size.width, height: size.height, mimeType: MIME_TYPE };
  } finally {
    bitmap.close();
  }
}

/** Draws the bitmap once per size and encodes it at each quality asked for. */
class PhotoCanvas {
  private canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  private drawn: Size | null = null;

  constructor(private readonly bitmap: ImageBitmap) {}

  async encode(size: Size, quality: number): Promise<Blob> {
    if (this.drawn?.width !== size.width || this.drawn?.height !== size.height) this.draw(size);
    const canvas = this.canvas as OffscreenCanvas | HTMLCanvasElement;
    if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: MIME_TYPE, quality });
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new PhotoReductionError('unreadable'))),
        MIME_TYPE,
        quality,
      ),
    );
  }

  private draw(size: Size): void {
    // OffscreenCanvas where there is one (all current tablets); a detached canvas otherwise.
    const canvas =
      typeof OffscreenCanvas === 'undefined'
        ? Object.assign(document.createElement('canvas'), size)
        : new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d') as
      OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!context) throw new PhotoReductionError('unreadable');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(this.bitmap, 0, 0, size.width, size.height);
    this.canvas = canvas;
    this.drawn = size;
  }
}
