import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * A small top-to-bottom layout on A4 pages for pdf-lib: headings, wrapped
 * text, label–value grids and tables, starting a new page when one is full.
 * No DOM: it runs on the tablet and in Node tests alike.
 */
export const A4 = { width: 595.28, height: 841.89, margin: 40 } as const;
export const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.4, 0.4, 0.4);
export const RULE = rgb(0.75, 0.75, 0.75);
export const ALERT = rgb(0.75, 0.1, 0.1);

const BODY_SIZE = 9;
const LINE_GAP = 1.35;

export interface TableColumn {
  title: string;
  /** Share of the content width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'right';
}

export class PdfLayout {
  page: PDFPage;
  y = 0;

  constructor(
    readonly document: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.page = this.newPage();
  }

  get width(): number {
    return A4.width - 2 * A4.margin;
  }

  newPage(): PDFPage {
    this.page = this.document.addPage([A4.width, A4.height]);
    this.y = A4.height - A4.margin;
    return this.page;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.y - height < A4.margin) this.newPage();
  }

  gap(points = 6): void {
    this.y -= points;
  }

  heading(text: string, size = 11.5): void {
    this.ensureSpace(size * 3 + 3 * BODY_SIZE * LINE_GAP);
    this.gap(6);
    this.draw(text, A4.margin, this.y - size, size);
    this.y -= size * LINE_GAP + 2;
    this.page.drawLine({
      start: { x: A4.margin, y: this.y },
      end: { x: A4.margin + this.width, y: this.y },
      thickness: 0.6,
      color: RULE,
    });
    this.gap(5);
  }

  /** Wrapped text across the content width (or within `indent` … `indent + width`). */
  paragraph(text: string, options: { size?: number; indent?: number; colour?: typeof INK } = {}) {
    const { size = BODY_SIZE, indent = 0, colour = INK } = options;
    for (const line of this.wrap(text, size, this.width - indent)) {
      this.ensureSpace(size * LINE_GAP);
      this.draw(line, A4.margin + indent, this.y - size, size, colour);
      this.y -= size * LINE_GAP;
    }
  }

  /** Label: value pairs in `columns` columns, each value wrapped in its cell. */
  fields(pairs: readonly (readonly [string, string])[], columns = 2): void {
    const cellWidth = this.width / columns;
    for (let start = 0; start < pairs.length; start += columns) {
      const row = pairs.slice(start, start + columns).map(([label, value]) => ({
        label,
        lines: this.wrap(value, BODY_SIZE, cellWidth * 0.62 - 6),
      }));
      const height = Math.max(...row.map((cell) => cell.lines.length)) * BODY_SIZE * LINE_GAP;
      this.ensureSpace(height + 2);
      row.forEach((cell, index) => {
        const x = A4.margin + index * cellWidth;
        this.draw(cell.label, x, this.y - BODY_SIZE, BODY_SIZE, MUTED);
        cell.lines.forEach((line, lineIndex) =>
          this.draw(line, x + cellWidth * 0.38, this.y - BODY_SIZE * (1 + lineIndex * LINE_GAP)),
        );
      });
      this.y -= height + 2;
    }
  }

  /** A table whose header row repeats on each page it runs onto. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void {
    const widths = columns.map((column) => column.share * this.width);
    const header = columns.map((column) => column.title);
    // Never leave a header alone at the foot of a page.
    this.ensureSpace(3 * BODY_SIZE * LINE_GAP + 6);
    this.tableRow(columns, widths, header, MUTED);
    for (const row of rows) {
      const page = this.page;
      const height = this.rowHeight(widths, row);
      this.ensureSpace(height);
      if (this.page !== page) this.tableRow(columns, widths, header, MUTED);
      this.tableRow(columns, widths, row);
    }
  }

  private rowHeight(widths: readonly number[], cells: readonly string[]): number {
    const lines = cells.map((cell, index) => this.wrap(cell, BODY_SIZE, (widths[index] ?? 0) - 6));
    return Math.max(1, ...lines.map((entry) => entry.length)) * BODY_SIZE * LINE_GAP + 3;
  }

  private tableRow(
    columns: readonly TableColumn[],
    widths: readonly number[],
    cells: readonly string[],
    colour = INK,
  ): void {
    const size = BODY_SIZE;
    const height = this.rowHeight(widths, cells);
    this.ensureSpace(height);
    let x = A4.margin;
    cells.forEach((cell, index) => {
      const width = widths[index] ?? 0;
      this.wrap(cell, size, width - 6).forEach((line, lineIndex) => {
        const right = columns[index]?.align === 'right';
        const lineX = right ? x + width - 6 - this.font.widthOfTextAtSize(line, size) : x;
        this.draw(line, lineX, this.y - size * (1 + lineIndex * LINE_GAP), size, colour);
      });
      x += width;
    });
    this.y -= height;
    this.page.drawLine({
      start: { x: A4.margin, y: this.y + 1 },
      end: { x: A4.margin + this.width, y: this.y + 1 },
      thickness: 0.3,
      color: RULE,
    });
  }

  draw(text: string, x: number, y: number, size = BODY_SIZE, colour = INK): void {
    if (text) this.page.drawText(text, { x, y, size, font: this.font, color: colour });
  }

  /** Lines that fit `width`: Latin words stay whole, Chinese breaks between any two characters. */
  wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of clean(text).split('\n')) {
      let line = '';
      for (const token of paragraph.match(
        /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g,
      ) ?? []) {
        const candidate = line + token;
        if (this.font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
        else if (this.font.widthOfTextAtSize(token, size) <= width) {
          lines.push(line.trimEnd());
          line = token.trimStart();
        } else {
          // A token longer than the line (a hash, a VIN): break it by character.
          for (const character of token) {
            if (this.font.widthOfTextAtSize(line + character, size) > width && line) {
              lines.push(line.trimEnd());
              line = '';
            }
            line += character;
          }
        }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }
}

/** Tabs and other control characters have no glyph: draw them as spaces. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}
