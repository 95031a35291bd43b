import type { Database } from 'better-sqlite3';
import type { BlobOwners } from './blob-owners.js';
import type { BlobStorage } from './blob-storage.js';

/**
 * Removes blobs no record references any more, and what crashed uploads left
 * behind. A blob usually arrives before the record naming it (photos upload
 * on their own), so an orphan is kept for a grace period before it goes.
 */
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** An unreferenced blob younger than this may still be waiting for its record. */
export const ORPHAN_BLOB_GRACE_MS = 30 * DAY_MS;
/** No upload takes an hour to write; an older `*.partial` is a crash's leftover. */
export const STALE_PARTIAL_MS = HOUR_MS;
export const BLOB_SWEEP_INTERVAL_MS = DAY_MS;

/**
 * Every SHA-256 any live record of any site holds, in whichever field: photo
 * ids, signature imageIds, photoIds of damage marks, job findings, added-work
 * evidence and checklist items. Any 64-hex string counts, so a field added
 * later can never lose its blob; a signed-content hash kept as a reference
 * costs nothing.
 */
export function referencedBlobHashes(database: Database): Set<string> {
  const hashes = database
    .prepare<[], string>(
      `SELECT DISTINCT field.value FROM documents, json_tree(documents.data) AS field
       WHERE documents.deleted = 0 AND field.type = 'text' AND length(field.value) = 64
         AND field.value NOT GLOB '*[^0-9a-f]*'`,
    )
    .pluck()
    .all();
  return new Set(hashes);
}

export interface BlobSweepInput {
  storage: BlobStorage;
  database: Database;
  owners: BlobOwners;
  /** The sweep's clock, in ms; tests move it. */
  now: number;
}

/** Deletes orphans stored (or last uploaded) more than the grace period ago; returns their hashes. */
export async function sweepOrphanBlobs({
  storage,
  database,
  owners,
  now,
}: BlobSweepInput): Promise<string[]> {
  const old: string[] = [];
  for await (const blob of storage.list()) {
    if (blob.storedAt < now - ORPHAN_BLOB_GRACE_MS) old.push(blob.sha256);
  }
  if (old.length === 0) return [];
  // Read after listing, so a record that arrived meanwhile still saves its blob.
  const referenced = referencedBlobHashes(database);
  const orphans = old.filter((sha256) => !referenced.has(sha256));
  for (const sha256 of orphans) {
    await storage.remove(sha256);
    owners.forget(sha256);
  }
  return orphans;
}

/** The start-up and daily clean-up: crashed uploads' leftovers, then orphans. */
export async function maintainBlobs(input: BlobSweepInput): Promise<void> {
  await input.storage.removeStalePartials(input.now - STALE_PARTIAL_MS);
  await sweepOrphanBlobs(input);
}
