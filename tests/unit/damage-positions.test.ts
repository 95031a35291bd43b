import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextMarkNumber, normalisePosition, toPixels } from '../../src/schema/index.js';
import { CAR_OUTLINE } from '../../src/features/damage/car-outline.js';

describe('damage marker positions', () => {
  it('are stored as 0–1 of the view, whatever the screen size', () => {
    expect(normalisePosition(150, 50, 300, 100)).toEqual({ x: 0.5, y: 0.5 });
    expect(normalisePosition(225, 75, 300, 100)).toEqual({ x: 0.75, y: 0.75 });
    // The same spot on a tablet in portrait and in the PDF gives the same stored position.
    expect(normalisePosition(384, 96, 768, 384)).toEqual(normalisePosition(100, 25, 200, 100));
  });

  it('stay inside the view when a finger lands on its edge', () => {
    expect(normalisePosition(-4, 120, 300, 100)).toEqual({ x: 0, y: 1 });
  });

  it('render back at the same place on any size (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 50, max: 4000 }),
        fc.integer({ min: 50, max: 4000 }),
        (x, y, width, height) => {
          const { px, py } = toPixels({ x, y }, width, height);
          const back = normalisePosition(px, py, width, height);
          expect(back.x).toBeCloseTo(x, 9);
          expect(back.y).toBeCloseTo(y, 9);
        },
      ),
    );
  });

  it('are numbered in order, never reusing the number of a deleted marker', () => {
    expect(nextMarkNumber([])).toBe(1);
    expect(nextMarkNumber([{ number: 1 }, { number: 3 }])).toBe(4);
  });

  it('use one outline for all five views, with the right side mirroring the left', () => {
    expect(CAR_OUTLINE.map((outline) => outline.view).sort()).toEqual([
      'front',
      'left',
      'rear',
      'right',
      'top',
    ]);
    const left = CAR_OUTLINE.find((outline) => outline.view === 'left');
    const right = CAR_OUTLINE.find((outline) => outline.view === 'right');
    expect(right?.paths).toHaveLength(left?.paths.length ?? 0);
    expect(right?.paths[0]).toContain('M192 70'); // the left side's M8 70, mirrored in a 200-wide box
  });
});
