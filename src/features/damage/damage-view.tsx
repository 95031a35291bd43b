import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalisePosition, type DamageMark } from '../../schema/index.js';
import type { OutlineView } from './car-outline.js';

interface DamageViewProps {
  outline: OutlineView;
  marks: DamageMark[];
  selectedId: string | null;
  onAdd: (x: number, y: number) => void;
  onSelect: (id: string) => void;
  onMove: (id: string, x: number, y: number) => void;
}

const MARKER_RADIUS = 7;

/** One view of the car: tap empty space to add a marker, tap a marker to select it, drag it to move it. */
export function DamageView({
  outline,
  marks,
  selectedId,
  onAdd,
  onSelect,
  onMove,
}: DamageViewProps) {
  const { t } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number; moved: boolean } | null>(
    null,
  );

  const positionOf = (event: PointerEvent): { x: number; y: number } => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect) return { x: 0.5, y: 0.5 };
    return normalisePosition(
      event.clientX - rect.left,
      event.clientY - rect.top,
      rect.width,
      rect.height,
    );
  };

  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${outline.width} ${outline.height}`}
      role="button"
      aria-label={t('damage.addOn', { view: t(`damage.views.${outline.view}`) })}
      style={{
        width: '100%',
        aspectRatio: `${outline.width} / ${outline.height}`,
        touchAction: 'none',
      }}
      onPointerDown={(event) => {
        // Markers stop their own pointer events, so anything reaching here is a tap on the car.
        const { x, y } = positionOf(event);
        onAdd(x, y);
      }}
      onPointerMove={(event) => {
        if (!drag) return;
        const { x, y } = positionOf(event);
        setDrag({ ...drag, x, y, moved: true });
      }}
      onPointerUp={() => {
        if (drag?.moved) onMove(drag.id, drag.x, drag.y);
        else if (drag) onSelect(drag.id);
        setDrag(null);
      }}
    >
      <rect width={outline.width} height={outline.height} fill="#f8f9fa" />
      {outline.paths.map((path) => (
        <path key={path} d={path} fill="none" stroke="#495057" strokeWidth={1.2} />
      ))}
      {marks.map((mark) => {
        const x = (drag?.id === mark.id ? drag.x : mark.x) * outline.width;
        const y = (drag?.id === mark.id ? drag.y : mark.y) * outline.height;
        return (
          <g
            key={mark.id}
            role="button"
            aria-label={t('damage.marker', { number: mark.number })}
            aria-pressed={mark.id === selectedId}
            style={{ cursor: 'grab' }}
            onPointerDown={(event) => {
              event.stopPropagation();
              svgRef.current?.setPointerCapture(event.pointerId);
              setDrag({ id: mark.id, x: mark.x, y: mark.y, moved: false });
            }}
          >
            {/* A larger transparent ring makes the marker easy to hit with a finger. */}
            <circle cx={x} cy={y} r={MARKER_RADIUS * 1.8} fill="transparent" />
            <circle
              cx={x}
              cy={y}
              r={MARKER_RADIUS}
              fill={mark.id === selectedId ? '#c92a2a' : '#e03131'}
              stroke="#fff"
              strokeWidth={1.5}
            />
            <text x={x} y={y + 3} textAnchor="middle" fontSize={8} fontWeight={700} fill="#fff">
              {mark.number}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
