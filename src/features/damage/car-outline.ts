/**
 * The car diagram's five views as SVG path data in a 200 × 100 box (top,
 * left, right) or 100 × 100 (front, rear). Marker positions are stored as
 * 0–1 of a view's box, so the screen and the PDF place them identically.
 */
import type { DamageView } from '../../schema/index.js';

export interface OutlineView {
  view: DamageView;
  width: number;
  height: number;
  /** Body outline and details, each an SVG path in the view's box. */
  paths: string[];
}

const SIDE = [
  // body with bonnet, cabin and boot
  'M8 70 L8 55 Q10 48 30 46 L62 44 L80 24 Q86 20 100 20 L140 20 Q150 20 158 30 L170 44 L188 48 Q194 52 194 62 L194 70 Z',
  // windows
  'M84 42 L98 26 L122 26 L122 42 Z',
  'M128 42 L128 26 L146 26 Q150 26 156 34 L162 42 Z',
  // wheels
  'M36 70 A14 14 0 1 1 64 70 A14 14 0 1 1 36 70 Z',
  'M144 70 A14 14 0 1 1 172 70 A14 14 0 1 1 144 70 Z',
];

export const CAR_OUTLINE: readonly OutlineView[] = [
  {
    view: 'top',
    width: 200,
    height: 100,
    paths: [
      'M12 30 Q12 14 36 12 L164 12 Q190 14 192 30 L192 70 Q190 86 164 88 L36 88 Q12 86 12 70 Z',
      'M62 20 L140 20 Q150 50 140 80 L62 80 Q52 50 62 20 Z',
      'M66 24 L84 24 L84 76 L66 76 Q58 50 66 24 Z',
      'M124 24 L136 24 Q144 50 136 76 L124 76 Z',
    ],
  },
  { view: 'left', width: 200, height: 100, paths: SIDE },
  { view: 'right', width: 200, height: 100, paths: SIDE.map((path) => mirrorX(path, 200)) },
  {
    view: 'front',
    width: 100,
    height: 100,
    paths: [
      'M10 80 L10 52 Q12 44 22 42 L30 22 Q32 16 40 16 L60 16 Q68 16 70 22 L78 42 Q88 44 90 52 L90 80 Z',
      'M32 40 L38 22 L62 22 L68 40 Z',
      'M16 54 L30 54 L30 62 L16 62 Z',
      'M70 54 L84 54 L84 62 L70 62 Z',
      'M36 64 L64 64 L64 74 L36 74 Z',
    ],
  },
  {
    view: 'rear',
    width: 100,
    height: 100,
    paths: [
      'M10 80 L10 52 Q12 44 22 42 L30 22 Q32 16 40 16 L60 16 Q68 16 70 22 L78 42 Q88 44 90 52 L90 80 Z',
      'M32 40 L38 22 L62 22 L68 40 Z',
      'M14 50 L28 50 L28 58 L14 58 Z',
      'M72 50 L86 50 L86 58 L72 58 Z',
      'M38 62 L62 62 L62 70 L38 70 Z',
    ],
  },
];

/** Mirrors a path made of M, L, Q, A and Z commands left to right within a box of `width`. */
function mirrorX(path: string, width: number): string {
  return path.replace(/([MLQA])([^MLQAZ]*)/g, (_match, command: string, args: string) => {
    const numbers = args
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (command === 'A') {
      // rx ry rotation large-arc sweep x y: flip the sweep and x.
      const [rx, ry, rotation, large, sweep, x, y] = numbers;
      return `A${rx} ${ry} ${rotation} ${large} ${1 - (sweep ?? 0)} ${width - (x ?? 0)} ${y} `;
    }
    const mirrored = numbers.map((value, index) => (index % 2 === 0 ? width - value : value));
    return `${command}${mirrored.join(' ')} `;
  });
}
