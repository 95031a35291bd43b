/** What the sync engine did, for whoever follows it (the fault-injection suite's failure reports). */
export interface SyncJournalEvent {
  kind: 'received' | 'sent' | 'conflict' | 'error';
  collection: string;
  /** The record sent or received, or the server's state of a conflict. */
  document?: object;
  error?: unknown;
}
