/**
 * The signature pad (react-signature-canvas). Strokes live in state as 0–1
 * points, and the canvas is redrawn from them whenever its size changes
 * (rotation, resize), so turning the tablet never loses a signature.
 */
import { Alert, Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import SignatureCanvasClass from 'react-signature-canvas';
import { renderSignaturePng } from './signature-image.js';
import {
  denormaliseStroke,
  fitStrokesToLimits,
  normaliseStrokes,
  type NormalisedStroke,
} from './strokes.js';

export interface SignatureCapture {
  signerName: string;
  strokes: NormalisedStroke[];
  png: Blob;
}

interface SignaturePadProps {
  onConfirm: (capture: SignatureCapture) => Promise<void>;
  onCancel?: () => void;
  defaultSignerName?: string;
}

type PadData = Parameters<SignatureCanvasClass['fromData']>[0];

// The package is a UMD bundle: through the production build's CommonJS interop its
// default export arrives wrapped once more, which React cannot render.
const SignatureCanvas =
  (SignatureCanvasClass as unknown as { default?: typeof SignatureCanvasClass }).default ??
  SignatureCanvasClass;
const PEN_COLOUR = '#111111';

function toPadData(strokes: readonly NormalisedStroke[], width: number, height: number): PadData {
  // signature_pad rebuilds its own Point objects from plain { x, y, time, color }.
  return strokes.map((stroke) =>
    denormaliseStroke(stroke, width, height).map((point, index) => ({
      ...point,
      time: index * 16,
      color: PEN_COLOUR,
    })),
  ) as unknown as PadData;
}

/** Keeps the canvas at its CSS size × devicePixelRatio and redraws the strokes after any change. */
function useCanvasFit(
  padRef: RefObject<SignatureCanvasClass | null>,
  strokesRef: RefObject<NormalisedStroke[]>,
  sizeRef: RefObject<{ width: number; height: number }>,
) {
  const fit = useCallback(() => {
    const pad = padRef.current;
    if (!pad) return;
    const canvas = pad.getCanvas();
    const [width, height] = [canvas.offsetWidth, canvas.offsetHeight];
    if (width === 0 || height === 0) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const [pixelWidth, pixelHeight] = [Math.round(width * ratio), Math.round(height * ratio)];
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
      canvas.getContext('2d')?.scale(ratio, ratio);
    }
    sizeRef.current = { width, height };
    pad.fromData(toPadData(strokesRef.current, width, height));
  }, [padRef, strokesRef, sizeRef]);

  useEffect(() => {
    const canvas = padRef.current?.getCanvas();
    fit();
    if (!canvas) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(canvas);
    window.addEventListener('orientationchange', fit);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('orientationchange', fit);
      window.removeEventListener('resize', fit);
    };
  }, [fit, padRef]);
}

export function SignaturePad({ onConfirm, onCancel, defaultSignerName = '' }: SignaturePadProps) {
  const { t } = useTranslation();
  const padRef = useRef<SignatureCanvasClass | null>(null);
  const strokesRef = useRef<NormalisedStroke[]>([]);
  const sizeRef = useRef({ width: 0, height: 0 });
  const [strokes, setStrokes] = useState<NormalisedStroke[]>([]);
  const [signerName, setSignerName] = useState(defaultSignerName);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useCanvasFit(padRef, strokesRef, sizeRef);

  const keepStrokes = (next: NormalisedStroke[]) => {
    strokesRef.current = next;
    setStrokes(next);
  };
  const handleStrokeEnd = () => {
    const pad = padRef.current;
    if (!pad) return;
    keepStrokes(normaliseStrokes(pad.toData(), sizeRef.current.width, sizeRef.current.height));
    setProblem(null);
  };
  const clear = () => {
    padRef.current?.clear();
    keepStrokes([]);
  };
  const confirm = async () => {
    if (strokes.length === 0) return setProblem(t('signatures.needsStrokes'));
    if (!signerName.trim()) return setProblem(t('signatures.needsName'));
    setSaving(true);
    try {
      const fitted = fitStrokesToLimits(strokes);
      await onConfirm({ signerName, strokes: fitted, png: await renderSignaturePng(fitted) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm">
      <TextInput
        size="lg"
        label={t('signatures.signerName')}
        value={signerName}
        onChange={(event) => setSignerName(event.currentTarget.value)}
      />
      <Box style={{ border: '2px dashed var(--mantine-color-gray-5)', borderRadius: 8 }}>
        <SignatureCanvas
          ref={padRef}
          penColor={PEN_COLOUR}
          clearOnResize={false}
          onEnd={handleStrokeEnd}
          canvasProps={{
            role: 'img',
            'aria-label': t('signatures.padLabel'),
            style: { display: 'block', width: '100%', aspectRatio: '3 / 1', touchAction: 'none' },
          }}
        />
      </Box>
      <Text size="sm" c="dimmed">
        {t('signatures.padHint')}
      </Text>
      {problem && <Alert color="yellow">{problem}</Alert>}
      <Group>
        <Button size="lg" variant="default" onClick={clear} disabled={saving}>
          {t('signatures.clear')}
        </Button>
        {onCancel && (
          <Button size="lg" variant="subtle" onClick={onCancel} disabled={saving}>
            {t('signatures.cancel')}
          </Button>
        )}
        <Button size="lg" onClick={() => void confirm()} loading={saving}>
          {t('signatures.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
