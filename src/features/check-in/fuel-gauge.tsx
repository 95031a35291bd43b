import { Stack, Text } from '@mantine/core';
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FUEL_EIGHTHS_MAX } from '../../schema/index.js';

interface FuelGaugeProps {
  value: number | undefined;
  onChange: (eighths: number) => void;
}

// A half dial from E (left) to F (right); 0–8 eighths at equal angles.
const CENTRE = { x: 100, y: 100 };
const RADIUS = 80;

function pointAt(eighths: number, radius: number) {
  const angle = Math.PI - (eighths / FUEL_EIGHTHS_MAX) * Math.PI;
  return { x: CENTRE.x + radius * Math.cos(angle), y: CENTRE.y - radius * Math.sin(angle) };
}

/** The fuel gauge as a dial the advisor taps or drags, as on the dashboard; arrow keys work too. */
export function FuelGauge({ value: stored, onChange: save }: FuelGaugeProps) {
  const { t } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  // Shown at once. A stored value is adopted only once this dial's latest save
  // has landed, so quick presses never jump back to an older value on the way.
  const [value, setValue] = useState(stored);
  const [lastStored, setLastStored] = useState(stored);
  const [awaiting, setAwaiting] = useState<number | null>(null);
  if (stored !== lastStored) {
    setLastStored(stored);
    if (awaiting === null || stored === awaiting) {
      setValue(stored);
      setAwaiting(null);
    }
  }
  const onChange = (eighths: number) => {
    if (eighths === value) return;
    setValue(eighths);
    setAwaiting(eighths);
    save(eighths);
  };
  const label = (eighths: number) =>
    eighths === 0
      ? t('checkIn.fuel.empty')
      : eighths === FUEL_EIGHTHS_MAX
        ? t('checkIn.fuel.full')
        : t('checkIn.fuel.value', { count: eighths });

  const spoken = (eighths: number | undefined) =>
    eighths === undefined
      ? t('checkIn.fuel.spoken.notRecorded')
      : eighths === 0
        ? t('checkIn.fuel.spoken.empty')
        : eighths === FUEL_EIGHTHS_MAX
          ? t('checkIn.fuel.spoken.full')
          : t('checkIn.fuel.spoken.value', { count: eighths });

  const eighthsAt = (event: PointerEvent) => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect) return value ?? 0;
    const x = ((event.clientX - rect.left) / rect.width) * 232 - 16 - CENTRE.x;
    const y = CENTRE.y - (((event.clientY - rect.top) / rect.height) * 144 - 24);
    const angle = Math.atan2(Math.max(y, 0), x);
    return Math.round(((Math.PI - angle) / Math.PI) * FUEL_EIGHTHS_MAX);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const current = value ?? 0;
    const next = {
      ArrowRight: current + 1,
      ArrowUp: current + 1,
      ArrowLeft: current - 1,
      ArrowDown: current - 1,
      Home: 0,
      End: FUEL_EIGHTHS_MAX,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onChange(Math.min(FUEL_EIGHTHS_MAX, Math.max(0, next)));
  };
  const needle = pointAt(value ?? 0, RADIUS - 12);

  return (
    <Stack gap={4} maw={360}>
      <Text fw={500} size="lg">
        {t('checkIn.fuel.label')}: {value === undefined ? '—' : label(value)}
      </Text>
      <svg
        ref={svgRef}
        viewBox="-16 -24 232 144"
        role="slider"
        tabIndex={0}
        aria-label={t('checkIn.fuel.label')}
        aria-valuemin={0}
        aria-valuemax={FUEL_EIGHTHS_MAX}
        // A gauge not read yet still says so: a slider without a value says nothing.
        aria-valuenow={value ?? 0}
        aria-valuetext={spoken(value)}
        style={{ width: '100%', touchAction: 'none', cursor: 'pointer' }}
        onPointerDown={(event) => {
          svgRef.current?.setPointerCapture(event.pointerId);
          onChange(eighthsAt(event));
        }}
        onPointerMove={(event) => {
          if (event.buttons > 0) onChange(eighthsAt(event));
        }}
        onKeyDown={onKeyDown}
      >
        <path d="M20 100 A80 80 0 0 1 180 100" fill="none" stroke="#dee2e6" strokeWidth={14} />
        {Array.from({ length: FUEL_EIGHTHS_MAX + 1 }, (_, eighths) => {
          const inner = pointAt(eighths, RADIUS - 10);
          const outer = pointAt(eighths, RADIUS + 10);
          const text = pointAt(eighths, RADIUS + 22);
          return (
            <g key={eighths}>
              <line
                x1={inner.x}
                y1={inner.y}
                x2={outer.x}
                y2={outer.y}
                stroke="#495057"
                strokeWidth={2}
              />
              {(eighths % 4 === 0 || eighths === value) && (
                <text x={text.x} y={text.y + 4} textAnchor="middle" fontSize={11} fill="#212529">
                  {label(eighths)}
                </text>
              )}
            </g>
          );
        })}
        {value !== undefined && (
          <line
            x1={CENTRE.x}
            y1={CENTRE.y}
            x2={needle.x}
            y2={needle.y}
            stroke="#e03131"
            strokeWidth={5}
            strokeLinecap="round"
          />
        )}
        <circle cx={CENTRE.x} cy={CENTRE.y} r={7} fill="#212529" />
      </svg>
    </Stack>
  );
}
