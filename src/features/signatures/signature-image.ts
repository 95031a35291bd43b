/**
 * The signature's PNG: drawn from the normalised strokes at one fixed size, so
 * the stored image is the same whatever screen the customer signed on.
 */
import { denormaliseStroke, type NormalisedStroke } from './strokes.js';

/** Same 3 : 1 shape as the pad. */
export const SIGNATURE_IMAGE_SIZE = { width: 900, height: 300 } as const;

export function drawStrokes(
  context: CanvasRenderingContext2D,
  strokes: readonly NormalisedStroke[],
  width: number,
  height: number,
): void {
  context.strokeStyle = '#111111';
  context.fillStyle = '#111111';
  context.lineWidth = Math.max(2, width / 250);
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    const points = denormaliseStroke(stroke, width, height);
    const [first, ...rest] = points;
    if (!first) continue;
    context.beginPath();
    if (rest.length === 0) {
      context.arc(first.x, first.y, context.lineWidth / 2, 0, Math.PI * 2);
      context.fill();
      continue;
    }
    context.moveTo(first.x, first.y);
    // Smooth through the midpoints, as the pad draws curves rather than corners.
    rest.forEach((point, index) => {
      const next = rest[index + 1];
      if (next)
        context.quadraticCurveTo(point.x, point.y, (point.x + next.x) / 2, (point.y + next.y) / 2);
      else context.lineTo(point.x, point.y);
    });
    context.stroke();
  }
}

export function renderSignaturePng(strokes: readonly NormalisedStroke[]): Promise<Blob> {
  const { width, height } = SIGNATURE_IMAGE_SIZE;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('No 2D canvas to draw the signature on'));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  drawStrokes(context, strokes, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The signature image was not made'))),
      'image/png',
    ),
  );
}
