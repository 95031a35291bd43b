import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * Tablet-only: the outbox of mutations, the single truth of what the server
 * does not have yet. Each entry is one person's change of one record: the
 * state it leads to, the server state it was based on, and who made it, so
 * it is pushed with that person's own session and nobody else's. Entries of
 * one record are pushed in order (`updatedAt` rises with every edit of a
 * record); an entry goes when the server accepts it, and is marked refused
 * when a rule forbids it.
 */
export const outboxSchemaLiteral = {
  // 1: document ids up to 64 characters (photos are named by their SHA-256).
  // 2: refusedCode, for an edit the server refused by a rule.
  // 3: one entry per mutation, with its state, base and author (our own sync engine).
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** `collection:documentId:updatedAt` — unique, since updatedAt rises with every edit. */
    id: { type: 'string', maxLength: 130 },
    collectionName: { type: 'string', maxLength: 40 },
    documentId: { type: 'string', maxLength: 64 },
    /** The record's updatedAt in `state`: the order of a record's mutations. */
    updatedAt: { type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 },
    /** Username of the person whose change this is; pushed only with their session. */
    author: { type: 'string', maxLength: 36 },
    /** The record's state after the change (canonical wire JSON, `_deleted` included). */
    state: { type: 'string', maxLength: 2_000_000 },
    /** The server state the change was based on (wire JSON); '' for a new record. */
    base: { type: 'string', maxLength: 2_000_000 },
    /**
     * Its state is named by a signing record (pinPendingState), or it was sent
     * by an app before lane store version 3: later edits become a new mutation
     * based on it instead of changing it. A push's "sent at least once" (its
     * answer may have been lost while the server stored it) is a row in the
     * lane store's `sent` table instead, which has the same effect.
     */
    sent: { type: 'boolean' },
    /**
     * Set when the server refused this edit by a rule (an ErrorCode): it stays on
     * the tablet, shown with the reason, and is not sent again until edited.
     */
    refusedCode: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'collectionName', 'documentId', 'updatedAt', 'author', 'state', 'base', 'sent'],
  indexes: ['documentId', 'updatedAt'],
} as const;

export type OutboxEntry = ExtractDocumentTypeFromTypedRxJsonSchema<typeof outboxSchemaLiteral>;

export function mutationId(collection: string, documentId: string, updatedAt: number): string {
  return `${collection}:${documentId}:${updatedAt}`;
}

/**
 * An entry written by the app before version 3 named only the record: the
 * engine fills in its state and author from the stored record when it starts
 * (see upgradeLegacyEntries); its base is unknown, so a conflict merges it
 * with no common ancestor.
 */
export function fromVersion2(entry: {
  id: string;
  collectionName: string;
  documentId: string;
  updatedAt: number;
  refusedCode?: string;
}): OutboxEntry {
  return { ...entry, author: '', state: '', base: '', sent: false };
}
