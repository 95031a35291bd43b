import { describe, expect, it } from 'vitest';
import { SIGNATURE_LIMITS } from '../../src/schema/index.js';
import {
  denormaliseStroke,
  fitStrokesToLimits,
  normaliseStrokes,
  strokesToSvgPath,
} from '../../src/features/signatures/strokes.js';

const withinLimits = (strokes: number[][]) =>
  strokes.length >= 1 &&
  strokes.length <= SIGNATURE_LIMITS.strokes &&
  strokes.every(
    (stroke) =>
      stroke.length <= SIGNATURE_LIMITS.coordinatesPerStroke &&
      stroke.length % 2 === 0 &&
      stroke.every((value) => value >= 0 && value <= 1),
  );

/** A wobbly stroke of `points` points across the pad, like a long signature. */
function longStroke(points: number, offset = 0): number[] {
  return Array.from({ length: points }, (_unused, index) => [
    index / (points - 1),
    0.5 + 0.3 * Math.sin(index / 7 + offset) + 0.01 * Math.cos(index),
  ]).flat();
}

describe('signature strokes', () => {
  it('normalises pad pixels to 0–1 of the pad and back, so any screen redraws them', () => {
    const strokes = normaliseStrokes(
      [
        [
          { x: 0, y: 0 },
          { x: 300, y: 50 },
          { x: 600, y: 200 },
        ],
      ],
      600,
      200,
    );
    expect(strokes).toEqual([[0, 0, 0.5, 0.25, 1, 1]]);
    expect(denormaliseStroke(strokes[0] ?? [], 900, 300)).toEqual([
      { x: 0, y: 0 },
      { x: 450, y: 75 },
      { x: 900, y: 300 },
    ]);
  });

  it('clamps points drawn past the edge of the pad and drops repeated points', () => {
    const strokes = normaliseStrokes(
      [
        [
          { x: -10, y: 20 },
          { x: -5, y: 20 },
          { x: 700, y: 250 },
        ],
      ],
      600,
      200,
    );
    expect(strokes).toEqual([[0, 0.1, 1, 1]]);
  });

  it('keeps a short signature as it is', () => {
    const strokes = [
      [0.1, 0.2, 0.3, 0.4],
      [0.5, 0.5],
    ];
    expect(fitStrokesToLimits(strokes)).toEqual(strokes);
  });

  it('simplifies a stroke with too many points to within the limit, keeping its ends', () => {
    const stroke = longStroke(5_000);
    const [fitted] = fitStrokesToLimits([stroke]);
    expect(withinLimits(fitStrokesToLimits([stroke]))).toBe(true);
    expect(fitted?.slice(0, 2)).toEqual([0, expect.closeTo(stroke[1] ?? 0, 4)]);
    expect(fitted?.at(-2)).toBe(1);
  });

  it('thins even a stroke of pure noise to within the limit', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) % 1;
    const noise = Array.from({ length: 4_000 }, random);
    expect(withinLimits(fitStrokesToLimits([noise]))).toBe(true);
  });

  it('joins strokes when there are too many, without losing any point', () => {
    const strokes = Array.from({ length: 150 }, (_unused, index) => [
      (index % 10) / 10,
      Math.floor(index / 10) / 15,
      (index % 10) / 10 + 0.05,
      Math.floor(index / 10) / 15 + 0.02,
    ]);
    const fitted = fitStrokesToLimits(strokes);
    expect(withinLimits(fitted)).toBe(true);
    expect(fitted.flat().length).toBe(strokes.flat().length);
  });

  it('fits many long strokes to every limit at once', () => {
    const strokes = Array.from({ length: 90 }, (_unused, index) => longStroke(900, index));
    expect(withinLimits(fitStrokesToLimits(strokes))).toBe(true);
  });

  it('draws strokes as an SVG path for a signature whose image is not on this tablet', () => {
    expect(strokesToSvgPath([[0, 0, 1, 1]], 300, 100)).toBe('M0.0 0.0 L300.0 100.0');
    expect(strokesToSvgPath([[0.5, 0.5]], 300, 100)).toBe('M150.0 50.0 L150.5 50.0');
  });
});
