/**
 * What the tablets' users did, as the app reported it back: every record
 * created (append-only ones exactly as written) since the data directory was
 * new, and every field edit of the current scenario with the value it replaced.
 * Holds state across a group of scenarios.
 */
import type { CreateOutcome, EditOutcome, EditPath, PlainRecord } from './tablet-messages.js';

export interface FieldEdit {
  tablet: string;
  orderId: string;
  path: EditPath;
  /** Canonical JSON of the field before and after the edit, on that tablet. */
  before: string;
  after: string;
}

export const APPEND_ONLY_CHECKED = ['signatures', 'sign_offs'] as const;

export class SyncLedger {
  /** collection → id → the record as its tablet wrote it. */
  readonly written = new Map<string, Map<string, PlainRecord>>();
  edits: FieldEdit[] = [];
  /** Orders of the current scenario, in the order they were made. */
  orders: string[] = [];
  /** Images of the signatures made in the current scenario (SHA-256), uploaded on their own. */
  signatureImages: string[] = [];

  startScenario(): void {
    this.edits = [];
    this.orders = [];
    this.signatureImages = [];
  }

  recordWrite(outcome: CreateOutcome): void {
    const { collection, record } = outcome;
    if (!record) return;
    const byId = this.written.get(collection) ?? new Map<string, PlainRecord>();
    this.written.set(collection, byId);
    // Append-only records never change: the first copy is the one to compare against.
    if (!byId.has(record.id)) byId.set(record.id, record);
    if (collection === 'signatures') this.signatureImages.push(String(record.imageId));
  }

  recordEdit(tablet: string, orderId: string, path: EditPath, outcome: EditOutcome): void {
    if (!outcome.applied || outcome.before === undefined || outcome.after === undefined) return;
    this.edits.push({ tablet, orderId, path, before: outcome.before, after: outcome.after });
  }

  idsOf(collection: string): Set<string> {
    return new Set(this.written.get(collection)?.keys() ?? []);
  }
}
