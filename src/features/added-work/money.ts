/** Money is entered in yuan and kept in fen (分), so sums stay exact. */
export function toFen(value: number | string): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.round(value * 100)
    : 0;
}

export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export function totalFen(work: { partsFen: number; labourFen: number }): number {
  return work.partsFen + work.labourFen;
}
