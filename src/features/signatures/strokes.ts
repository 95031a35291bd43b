import { SIGNATURE_LIMITS } from '../../schema/index.js';

/**
 * Signature strokes as stored: each stroke is x0, y0, x1, y1, … in 0–1 of the
 * pad's width and height, so a signature redraws the same on any screen size
 * and stays within the schema's SIGNATURE_LIMITS however long the customer signs.
 */
export type NormalisedStroke = number[];

export interface PadPoint {
  x: number;
  y: number;
}

type Point = [number, number];

const DECIMALS = 10_000;
const round = (value: number) => Math.round(value * DECIMALS) / DECIMALS;
const clampUnit = (value: number) => Math.min(1, Math.max(0, value));

/** Pad points in CSS pixels (as the pad reports them) to 0–1 of the pad's size. */
export function normaliseStrokes(
  groups: readonly (readonly PadPoint[])[],
  width: number,
  height: number,
): NormalisedStroke[] {
  if (width <= 0 || height <= 0) return [];
  return groups
    .map((group) => group.flatMap((point) => [point.x / width, point.y / height]))
    .map(cleanStroke)
    .filter((stroke) => stroke.length >= 2);
}

/** A stored stroke back to points on a pad of width × height CSS pixels. */
export function denormaliseStroke(
  stroke: readonly number[],
  width: number,
  height: number,
): PadPoint[] {
  return pointsOf(stroke).map(([x, y]) => ({ x: x * width, y: y * height }));
}

/** Strokes as one SVG path in a width × height box (for showing a signature without its image). */
export function strokesToSvgPath(
  strokes: readonly NormalisedStroke[],
  width: number,
  height: number,
): string {
  return strokes
    .map((stroke) => {
      const points = denormaliseStroke(stroke, width, height);
      const [first, ...rest] = points;
      if (!first) return '';
      const line = rest.length > 0 ? rest : [{ x: first.x + 0.5, y: first.y }];
      return `M${first.x.toFixed(1)} ${first.y.toFixed(1)} ${line.map((p) => `L${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ')}`;
    })
    .filter(Boolean)
    .join(' ');
}

/**
 * Brings strokes within the schema's limits without dropping ink: too many
 * strokes are joined where one ends closest to where the next begins; too
 * many points in a stroke are simplified (Ramer–Douglas–Peucker, then even
 * thinning if that is not enough). Coordinates are clamped to 0–1 and rounded.
 */
export function fitStrokesToLimits(
  strokes: readonly (readonly number[])[],
  limits: { strokes: number; coordinatesPerStroke: number } = SIGNATURE_LIMITS,
): NormalisedStroke[] {
  const maxPoints = Math.floor(limits.coordinatesPerStroke / 2);
  const cleaned = strokes.map(cleanStroke).filter((stroke) => stroke.length >= 2);
  return joinClosestStrokes(cleaned, limits.strokes).map((stroke) =>
    decimateStroke(stroke, maxPoints),
  );
}

function pointsOf(stroke: readonly number[]): Point[] {
  const points: Point[] = [];
  for (let index = 0; index + 1 < stroke.length; index += 2)
    points.push([stroke[index] ?? 0, stroke[index + 1] ?? 0]);
  return points;
}

function cleanStroke(stroke: readonly number[]): NormalisedStroke {
  const cleaned: NormalisedStroke = [];
  for (const [x, y] of pointsOf(stroke)) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const point: Point = [round(clampUnit(x)), round(clampUnit(y))];
    const length = cleaned.length;
    if (length >= 2 && cleaned[length - 2] === point[0] && cleaned[length - 1] === point[1])
      continue;
    cleaned.push(...point);
  }
  return cleaned;
}

function joinClosestStrokes(strokes: NormalisedStroke[], maxStrokes: number): NormalisedStroke[] {
  const joined = [...strokes];
  while (joined.length > Math.max(1, maxStrokes)) {
    let best = 0;
    let bestGap = Infinity;
    for (let index = 0; index + 1 < joined.length; index += 1) {
      const gap = gapBetween(joined[index] ?? [], joined[index + 1] ?? []);
      if (gap < bestGap) [best, bestGap] = [index, gap];
    }
    joined.splice(best, 2, [...(joined[best] ?? []), ...(joined[best + 1] ?? [])]);
  }
  return joined;
}

function gapBetween(first: readonly number[], second: readonly number[]): number {
  const endX = first[first.length - 2] ?? 0;
  const endY = first[first.length - 1] ?? 0;
  return Math.hypot((second[0] ?? 0) - endX, (second[1] ?? 0) - endY);
}

function decimateStroke(stroke: NormalisedStroke, maxPoints: number): NormalisedStroke {
  let points = pointsOf(stroke);
  for (let tolerance = 0.0005; points.length > maxPoints && tolerance < 0.05; tolerance *= 2)
    points = simplify(points, tolerance);
  if (points.length > maxPoints) points = thinEvenly(points, maxPoints);
  return points.flat();
}

/** Ramer–Douglas–Peucker with an explicit stack (a long stroke must not overflow the call stack). */
function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [start, end] = stack.pop() ?? [0, 0];
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let index = start + 1; index < end; index += 1) {
      const distance = distanceToSegment(points[index], points[start], points[end]);
      if (distance > farthestDistance) [farthest, farthestDistance] = [index, distance];
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([start, farthest], [farthest, end]);
  }
  return points.filter((_point, index) => keep[index] === 1);
}

function distanceToSegment(point?: Point, start?: Point, end?: Point): number {
  if (!point || !start || !end) return 0;
  const [dx, dy] = [end[0] - start[0], end[1] - start[1]];
  const lengthSquared = dx * dx + dy * dy;
  const along =
    lengthSquared === 0
      ? 0
      : clampUnit(((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / lengthSquared);
  return Math.hypot(point[0] - (start[0] + along * dx), point[1] - (start[1] + along * dy));
}

function thinEvenly(points: Point[], maxPoints: number): Point[] {
  const count = Math.max(2, maxPoints);
  return Array.from(
    { length: count },
    (_unused, index) => points[Math.round((index * (points.length - 1)) / (count - 1))] ?? [0, 0],
  );
}
