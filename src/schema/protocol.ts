/**
 * The sync wire contract between tablet and server. One version constant:
 * bump SYNC_PROTOCOL_VERSION whenever a change would make an older tablet
 * misread the server (a renamed field, a new required field, another
 * checkpoint shape). The server answers 426 to any older tablet, which then
 * offers the user the app update instead of syncing wrong data.
 */
import type { ErrorCode, LocalisedText } from './errors.js';

// 2: sign-in (bearer tokens), workshop collections, `rejected` in the push response.
// 3: the author is the session's user (each person's changes pushed with their own
//    session), signed records carry their signer's signature, the live stream takes a
//    single-use ticket instead of a token in its address.
export const SYNC_PROTOCOL_VERSION = 3;

/** Header a tablet sends with every sync request; `?protocol=` for the SSE stream. */
export const PROTOCOL_HEADER = 'x-sync-protocol';

/**
 * Header naming the tablet database a push or pull comes from (a random id
 * kept in that database). A record the server stored exactly as that
 * database pushed it is left out of that database's pulls: it holds it
 * already. A wiped or new database has a new id and gets everything.
 */
export const STORE_HEADER = 'x-lane-store';
export const STORE_ID_PATTERN = '^[A-Za-z0-9_-]{16,64}$';

export const API_BASE = '/api/v1';

/** Bounds the server enforces and the tablet respects when it batches. */
export const SYNC_LIMITS = {
  /**
   * A push row carries a document twice (new and assumed state); the largest
   * record allowed by its schema, conflict entries full of Chinese text, is
   * about 1 MB, so one row always fits. Tablets split a batch on 413.
   */
  maxBodyBytes: 4_194_304,
  maxPushRows: 1000,
  /** Records per pull page; a page also stops once it holds maxPullBytes of JSON. */
  maxPullLimit: 1000,
  maxPullBytes: 4_194_304,
  defaultPullLimit: 100,
} as const;

/** The server's position in its change log: pull returns rows with sequence > this. */
export interface SyncCheckpoint {
  sequence: number;
}

export interface PullResponse<T> {
  documents: WireDocument<T>[];
  checkpoint: SyncCheckpoint | null;
  /** More changes wait after this page (it was full, or cut at maxPullBytes). */
  more?: boolean;
  /** How many changes wait after this page: the tablet shows a long first sync's progress. */
  remaining?: number;
}

/** One pull of every collection (`GET /sync/pull`): the site's changes in sequence order. */
export interface ChangesPullResponse {
  changes: { collection: string; document: WireDocument<Record<string, unknown>> }[];
  checkpoint: SyncCheckpoint | null;
  more: boolean;
  remaining: number;
}

export interface PushRow<T> {
  newDocumentState: WireDocument<T>;
  assumedMasterState?: WireDocument<T> | null;
  /**
   * The tablet's id of this mutation. The server keeps its answer (accepted, or
   * refused with a code) for 30 days: a resend of the same mutation with the same
   * state gets that answer again without being judged anew.
   */
  mutationId?: string;
}

export interface PushResponse<T> {
  /** The server's current state of each document whose push was refused as a conflict. */
  conflicts: WireDocument<T>[];
  /**
   * Documents the server refused because a rule forbids them (wrong role,
   * out of order, another site…), each with its stable code. The rest of
   * the batch is kept; a refused document stays on the tablet, shown with
   * its reason, and is not retried until it changes.
   */
  rejected: PushRejection[];
}

export interface PushRejection {
  id: string;
  code: ErrorCode;
  message: LocalisedText;
}

/** A document as it travels: its fields plus RxDB's deletion flag. */
export type WireDocument<T> = T & { _deleted: boolean };
