/**
 * The rules for making a camera photo small enough to store and upload: the
 * long edge at most PHOTO_LIMITS.longEdgePx, then JPEG quality stepped down,
 * then smaller sizes, until the bytes fit PHOTO_LIMITS.maxBytes. Pure: the
 * encoder is passed in, so the search is tested without a canvas.
 */
import { PHOTO_LIMITS, reducedSize } from '../../schema/index.js';

export interface Size {
  width: number;
  height: number;
}

/** Qualities tried at each size, best first; below 0.4 JPEG artefacts hide scratches. */
export const QUALITY_STEPS = [0.85, 0.75, 0.65, 0.55, 0.45, 0.4] as const;

/** When no quality fits, the next size keeps this share of the long edge. */
export const SHRINK_FACTOR = 0.8;

/** Smaller than this a damage photo shows nothing useful: give up instead. */
export const MIN_LONG_EDGE_PX = 480;

export class PhotoReductionError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'too-large',
    options?: { cause?: unknown },
  ) {
    super(`photo ${reason}`, options);
  }
}

/** The sizes to try, largest first: the reduced size, then shrinking steps down to the minimum. */
export function sizeSteps(width: number, height: number): Size[] {
  const first = reducedSize(width, height);
  const steps = [first];
  for (let longEdge = Math.max(first.width, first.height); ;) {
    longEdge = Math.floor(longEdge * SHRINK_FACTOR);
    if (longEdge < MIN_LONG_EDGE_PX) return steps;
    const next = reducedSize(width, height, longEdge);
    steps.push(next);
  }
}

export type Encoder = (size: Size, quality: number) => Promise<Blob>;

export interface Encoded {
  blob: Blob;
  size: Size;
  quality: number;
}

/** Tries each size and, at each, each quality until the encoded bytes fit. */
export async function encodeWithinLimit(
  encode: Encoder,
  source: Size,
  maxBytes: number = PHOTO_LIMITS.maxBytes,
): Promise<Encoded> {
  for (const size of sizeSteps(source.width, source.height)) {
    for (const quality of QUALITY_STEPS) {
      const blob = await encode(size, quality);
      if (blob.size <= maxBytes) return { blob, size, quality };
    }
  }
  throw new PhotoReductionError('too-large');
}
