import { describe, expect, it } from 'vitest';
import { PHOTO_LIMITS, reducedSize } from '../../src/schema/index.js';
import {
  MIN_LONG_EDGE_PX,
  PhotoReductionError,
  QUALITY_STEPS,
  encodeWithinLimit,
  sizeSteps,
  type Size,
} from '../../src/features/photos/reduction-steps.js';

/** A stand-in JPEG encoder: bytes grow with the pixel count and the quality. */
function fakeEncoder(bytesPerPixelAtFullQuality: number) {
  const calls: { size: Size; quality: number }[] = [];
  const encode = async (size: Size, quality: number) => {
    calls.push({ size, quality });
    // Only the size matters to the search: no need to allocate the bytes.
    const bytes = Math.round(size.width * size.height * bytesPerPixelAtFullQuality * quality);
    return { size: bytes, type: 'image/jpeg' } as Blob;
  };
  return { encode, calls };
}

describe('the size a photo is reduced to', () => {
  it('brings a 4000×3000 camera photo down to 1600×1200', () => {
    expect(reducedSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
  });

  it('leaves an 800×600 photo as it is: never enlarged', () => {
    expect(reducedSize(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('limits the long edge of a portrait photo too', () => {
    expect(reducedSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(reducedSize(1500, 2000)).toEqual({ width: 1200, height: 1600 });
  });

  it('keeps very thin images at least one pixel wide', () => {
    expect(reducedSize(16000, 2)).toEqual({ width: 1600, height: 1 });
  });

  it('tries smaller sizes after the reduced one, never below the minimum, aspect kept', () => {
    const steps = sizeSteps(4000, 3000);
    expect(steps[0]).toEqual({ width: 1600, height: 1200 });
    expect(steps[1]).toEqual({ width: 1280, height: 960 });
    for (const [index, step] of steps.entries()) {
      expect(Math.max(step.width, step.height)).toBeGreaterThanOrEqual(MIN_LONG_EDGE_PX);
      expect(step.width / step.height).toBeCloseTo(4 / 3, 2);
      if (index > 0) expect(step.width).toBeLessThan(steps[index - 1]?.width ?? Infinity);
    }
  });

  it('has only the photo itself to try when it is already small', () => {
    expect(sizeSteps(400, 300)).toEqual([{ width: 400, height: 300 }]);
  });
});

describe('encoding within the byte limit', () => {
  it('keeps the best quality when it already fits', async () => {
    const { encode, calls } = fakeEncoder(0.1);
    const result = await encodeWithinLimit(encode, { width: 4000, height: 3000 });
    expect(result.size).toEqual({ width: 1600, height: 1200 });
    expect(result.quality).toBe(QUALITY_STEPS[0]);
    expect(calls).toHaveLength(1);
  });

  it('steps the quality down, best first, until the bytes fit', async () => {
    // 1600×1200 × 0.35 B/px: 0.85 → 571 KB, 0.75 → 504 KB, 0.65 → 437 KB, 0.55 → 370 KB fits.
    const { encode, calls } = fakeEncoder(0.35);
    const result = await encodeWithinLimit(encode, { width: 4000, height: 3000 });
    expect(calls.map((call) => call.quality)).toEqual([0.85, 0.75, 0.65, 0.55]);
    expect(result.quality).toBe(0.55);
    expect(result.size).toEqual({ width: 1600, height: 1200 });
    expect(result.blob.size).toBeLessThanOrEqual(PHOTO_LIMITS.maxBytes);
  });

  it('scales down further when even the lowest quality is too big', async () => {
    const { encode, calls } = fakeEncoder(0.6);
    const result = await encodeWithinLimit(encode, { width: 4000, height: 3000 });
    expect(calls.slice(0, QUALITY_STEPS.length).map((call) => call.quality)).toEqual([
      ...QUALITY_STEPS,
    ]);
    expect(result.size.width).toBeLessThan(1600);
    expect(result.blob.size).toBeLessThanOrEqual(PHOTO_LIMITS.maxBytes);
  });

  it('gives up with a named error when nothing fits', async () => {
    const { encode } = fakeEncoder(100);
    const failure = encodeWithinLimit(encode, { width: 4000, height: 3000 });
    await expect(failure).rejects.toBeInstanceOf(PhotoReductionError);
    await expect(failure).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('never goes below the lowest quality step', () => {
    expect(Math.min(...QUALITY_STEPS)).toBeGreaterThanOrEqual(0.4);
    expect([...QUALITY_STEPS].sort((a, b) => b - a)).toEqual([...QUALITY_STEPS]);
  });
});
