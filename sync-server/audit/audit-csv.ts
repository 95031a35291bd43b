import { setImmediate as nextTurn } from 'node:timers/promises';
import { canonicalJson } from '../../src/schema/index.js';
import { auditEntryOfRow, type AuditLogReader } from './sqlite-audit-log.js';

/**
 * The audit log as CSV for the dealer's records: UTF-8 with a byte-order mark
 * (so Excel reads Chinese names right), a header row, one entry a line, the
 * hashes and what was written (canonical JSON: never a raw line break) included.
 */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'server_time',
  'device_time',
  'username',
  'device_id',
  'collection',
  'record_id',
  'action',
  'changed_fields',
  'prev_hash',
  'hash',
  // Added with migration 6, after the older columns so a sheet made for those still reads.
  'state_hash',
  'written',
] as const;

const BYTE_ORDER_MARK = '\uFEFF';
const PAGE_SIZE = 1000;

/** Quotes where CSV needs it; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

const isoTime = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** The export, page by page, so a long log never sits in memory whole. */
export async function* auditCsvChunks(reader: AuditLogReader, siteId: string) {
  yield `${BYTE_ORDER_MARK}${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
  let afterSeq = 0;
  for (;;) {
    const rows = reader.rows(siteId, afterSeq, PAGE_SIZE);
    const lines = rows.map((row) => {
      const entry = auditEntryOfRow(row);
      const cells = [
        String(entry.seq),
        isoTime(entry.serverTime),
        isoTime(entry.deviceTime),
        entry.username,
        entry.deviceId,
        entry.collection,
        entry.recordId,
        entry.action,
        entry.changedFields.join(' '),
        entry.prevHash,
        entry.hash,
        entry.stateHash ?? '',
        entry.written === null ? '' : canonicalJson(entry.written),
      ];
      return `${cells.map(csvCell).join(',')}\r\n`;
    });
    if (lines.length > 0) yield lines.join('');
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) return;
    afterSeq = last.seq;
    await nextTurn();
  }
}
