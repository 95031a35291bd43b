/**
 * What the fault-injection test asks of a tablet process, and what comes
 * back: one request per command over Node's IPC channel, answered in order.
 */
import type { Role } from '../../../../src/schema/index.js';
import type { OutboxEntry } from '../../../../src/db/outbox-schema.js';

export interface TabletIdentity {
  name: string;
  username: string;
  role: Role;
  siteId: string;
}

/** Fields of a repair order the scenarios edit; each edit writes a value no other edit writes. */
export const EDIT_PATHS = [
  'concern',
  'customer.name',
  'vehicle.colour',
  'vehicle.model',
  'odometerKm',
  'symptoms.when',
  'operations',
] as const;
export type EditPath = (typeof EDIT_PATHS)[number];

export type TabletCommand =
  | {
      kind: 'open';
      database: string;
      baseUrl: string;
      accessToken: string;
      /** The user's signing key on this tablet, registered with the server (JWK of the private key). */
      signer: { keyId: string; privateKeyJwk: JsonWebKey };
    }
  | { kind: 'restart' }
  | { kind: 'setClockSkew'; skewMs: number }
  | { kind: 'setOnline'; onLine: boolean }
  /** The flaky link is back for an instant: 'online', then 'offline' again. */
  | { kind: 'blip' }
  | { kind: 'hasRecords'; collection: string; ids: string[] }
  | { kind: 'createOrder'; concern: string }
  | { kind: 'editOrder'; orderId: string; path: EditPath; value: string | number }
  | { kind: 'signCheckIn'; orderId: string; signerName: string }
  | { kind: 'dispatch'; orderId: string; bay: string }
  | { kind: 'addFinding'; orderId: string; text: string }
  | { kind: 'selfCheck'; orderId: string }
  | { kind: 'snapshot' }
  /** What the tablet's replication did with one record, for a failure report. */
  | { kind: 'journal'; id: string }
  | { kind: 'awaitInSync' }
  | { kind: 'close' };

export type TabletRequest = TabletCommand & { requestId: number };

export type TabletReply =
  | { requestId: number; ok: true; result: unknown }
  | { requestId: number; ok: false; error: string };

/** Sent by the tablet on its own: errors the app reported that no command was waiting for. */
export interface TabletNotice {
  notice: 'unhandled';
  error: string;
}

/** A record as the tablet holds it, without RxDB's own fields. */
export type PlainRecord = Record<string, unknown> & { id: string };

/** An edit as it happened: the field's value before and after, as canonical JSON. */
export interface EditOutcome {
  applied: boolean;
  before?: string;
  after?: string;
}

/** A record a tablet wrote, as written; null when the tablet could not (the order not here yet). */
export interface CreateOutcome {
  collection: string;
  record: PlainRecord | null;
  /** Other records the same action changed or created (a dispatch also moves the order). */
  alsoWritten?: { collection: string; id: string }[];
}

export interface TabletSnapshot {
  /** Every record of every synced collection, by collection. */
  records: Record<string, PlainRecord[]>;
  outbox: OutboxEntry[];
}
