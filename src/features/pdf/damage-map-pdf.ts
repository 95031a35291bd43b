import { rgb } from 'pdf-lib';
import type { DamageMark, DamageView } from '../../schema/index.js';
import { CAR_OUTLINE, type OutlineView } from '../damage/index.js';
import { A4, INK, MUTED, type PdfLayout } from './pdf-layout.js';
import type { PdfTexts } from './format.js';

/**
 * The damage map on paper: the five car views from the shared outline (the
 * same geometry the screen draws) with a numbered marker at each live mark,
 * then the numbered legend.
 */
const MARKER = rgb(0.8, 0.1, 0.1);
const ROWS: readonly (readonly DamageView[])[] = [
  ['left', 'top', 'right'],
  ['front', 'rear'],
];
const GAP = 14;
const LABEL = 12;

export function liveMarks(marks: readonly DamageMark[]): DamageMark[] {
  return marks.filter((mark) => !mark.removed).sort((a, b) => a.number - b.number);
}

export function drawDamageMap(layout: PdfLayout, marks: readonly DamageMark[], texts: PdfTexts) {
  const live = liveMarks(marks);
  const outline = (view: DamageView) => CAR_OUTLINE.find((entry) => entry.view === view);
  // Scale so the widest row (three 200-wide views) fills the content width.
  const scale = (layout.width - 2 * GAP) / 600;
  for (const row of ROWS) {
    const views = row.map(outline).filter((entry): entry is OutlineView => !!entry);
    const height = Math.max(...views.map((view) => view.height)) * scale;
    layout.ensureSpace(height + LABEL + GAP);
    let x = A4.margin;
    for (const view of views) {
      drawView(layout, view, { x, top: layout.y, scale }, live);
      layout.draw(texts.damage.views[view.view], x, layout.y - height - LABEL + 2, 8, MUTED);
      x += view.width * scale + GAP;
    }
    layout.y -= height + LABEL + GAP / 2;
  }
  drawLegend(layout, live, texts);
}

function drawView(
  layout: PdfLayout,
  view: OutlineView,
  at: { x: number; top: number; scale: number },
  marks: readonly DamageMark[],
) {
  const { page } = layout;
  page.drawRectangle({
    x: at.x,
    y: at.top - view.height * at.scale,
    width: view.width * at.scale,
    height: view.height * at.scale,
    borderColor: rgb(0.85, 0.85, 0.85),
    borderWidth: 0.5,
  });
  for (const path of view.paths)
    page.drawSvgPath(path, {
      x: at.x,
      y: at.top,
      scale: at.scale,
      borderColor: INK,
      borderWidth: 1,
    });
  for (const mark of marks.filter((entry) => entry.view === view.view)) {
    const centre = {
      x: at.x + mark.x * view.width * at.scale,
      y: at.top - mark.y * view.height * at.scale,
    };
    page.drawCircle({ ...centre, size: 6.5, color: MARKER, borderColor: rgb(1, 1, 1) });
    const label = String(mark.number);
    const size = label.length > 2 ? 6 : 7.5;
    const width = layout.font.widthOfTextAtSize(label, size);
    layout.draw(label, centre.x - width / 2, centre.y - size * 0.36, size, rgb(1, 1, 1));
  }
}

function drawLegend(layout: PdfLayout, marks: readonly DamageMark[], texts: PdfTexts) {
  const { damage } = texts;
  if (marks.length === 0) {
    layout.paragraph(damage.none);
    return;
  }
  layout.table(
    [
      { title: damage.number, share: 0.08 },
      { title: damage.view, share: 0.14 },
      { title: damage.type, share: 0.16 },
      { title: damage.size, share: 0.1 },
      { title: damage.note, share: 0.52 },
    ],
    marks.map((mark) => [
      String(mark.number),
      damage.views[mark.view],
      damage.types[mark.type],
      damage.sizes[mark.size],
      mark.note,
    ]),
  );
}
