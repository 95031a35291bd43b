import type {
  CollectionName,
  PushRejection,
  SyncCheckpoint,
  WireDocument,
} from '../../src/schema/index.js';

/**
 * The sync server's storage seam: everything the sync routes need from a
 * database. SQLite implements it today; PostgreSQL will implement the same.
 */

/** A stored document as it travels, whatever its collection. */
export type StoredDocument = WireDocument<Record<string, unknown>>;

export interface PushRowInput {
  newDocumentState: StoredDocument;
  assumedMasterState?: StoredDocument | null;
  /** The tablet's mutation id: its answer is kept (see PushRow in src/schema/protocol.ts). */
  mutationId?: string;
}

export interface WrittenDocument {
  document: StoredDocument;
  sequence: number;
}

/** Who is pushing, from their access token: the rules are checked against it. */
export interface PushContext {
  siteId: string;
  /** Username of the signed-in user whose token carried the push. */
  username: string;
  deviceId: string;
  /**
   * The tablet database that pushed (STORE_HEADER): a record stored exactly
   * as pushed is marked as that database's, and left out of its pulls.
   */
  store?: string;
}

export interface PushResult {
  /** The server's current state of every row refused as a conflict. */
  conflicts: StoredDocument[];
  /** Rows written, in commit order, each with the sequence it was given. */
  written: WrittenDocument[];
  /** Rows a rule refused (stable code); nothing of them was written. */
  rejected: PushRejection[];
  /** Server writes the push caused in other collections (sign-offs judged when their job came). */
  alsoWritten?: (WrittenDocument & { collection: CollectionName })[];
}

export interface PullResult {
  documents: StoredDocument[];
  /** The last returned document's sequence; null when the page is empty. */
  checkpoint: SyncCheckpoint | null;
  /** More documents wait after this page: it was full, or stopped at SYNC_LIMITS.maxPullBytes. */
  more: boolean;
  /** How many documents wait after this page (0 when `more` is false). */
  remaining: number;
}

/** A change of any collection, as one pull of every collection returns it. */
export interface StoredChange {
  collection: CollectionName;
  document: StoredDocument;
}

export interface ChangesPullResult extends Omit<PullResult, 'documents'> {
  changes: StoredChange[];
  /**
   * The same changes as JSON text, where the store keeps documents as text:
   * the route sends it as it is, with no parse and serialisation per record.
   */
  readonly changesJson?: string;
}

export interface DocumentStore {
  /**
   * One site's documents of a collection with sequence > afterSequence (each
   * site numbers its own changes, in commit order), oldest
   * first: at most `limit`, and no more than SYNC_LIMITS.maxPullBytes of JSON
   * (a first document larger than that still comes, alone).
   */
  pull(
    collection: CollectionName,
    siteId: string,
    afterSequence: number,
    limit: number,
  ): PullResult;
  /**
   * The same over every collection at once: one site's changes in its
   * sequence's order. Given `store`, records stored exactly as that tablet
   * database pushed them are left out, and the checkpoint still moves past
   * them (an empty page may then carry a checkpoint).
   */
  pullChanges(
    siteId: string,
    afterSequence: number,
    limit: number,
    store?: string,
  ): ChangesPullResult;
  /**
   * Applies a whole push atomically: all accepted rows commit together or none do.
   * Every row is first checked against the rules for the pusher's site; a refused
   * row is reported in `rejected` and the rest of the batch goes on.
   */
  push(
    collection: CollectionName,
    rows: readonly PushRowInput[],
    context: PushContext,
  ): Promise<PushResult>;
  /** How many writes were made so far, in all sites (0 on an empty database). */
  lastSequence(): number;
  close(): void;
}
