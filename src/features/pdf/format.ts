import { pdfTexts } from './texts.js';

/** Formatting for the printed copy: money, times, readings, in the copy's language. */
export type PdfLanguage = 'en' | 'zh-CN';
export type PdfTexts = typeof pdfTexts.en;

export function textsFor(language: PdfLanguage): PdfTexts {
  return language === 'en' ? pdfTexts.en : pdfTexts.zhCN;
}

/** Fills {{name}} placeholders, as i18next would. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/{{(\w+)}}/g, (_match, name: string) => String(values[name] ?? ''));
}

/** Fen (分) to yuan with two decimals and thousands separators: 123456 → "1,234.56". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  return sign + (Math.abs(fen) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const two = (value: number) => String(value).padStart(2, '0');

/** The tablet's local date, YYYY-MM-DD: the same on paper in both languages. */
export function formatDate(ms: number): string {
  const at = new Date(ms);
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

export function formatDateTime(ms: number): string {
  const at = new Date(ms);
  return `${formatDate(ms)} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

export function formatKm(km: number): string {
  return String(km).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
