import type { Database } from 'better-sqlite3';

/**
 * Which sites a blob belongs to: those whose users uploaded it. A user of
 * another site is told it does not exist, so a leaked hash reveals nothing;
 * uploading the same bytes (proof of holding them) makes a site an owner too.
 */
export interface BlobOwners {
  /** Idempotent: an owner added again keeps its first-seen time. */
  add(sha256: string, siteId: string, now: number): void;
  owns(sha256: string, siteId: string): boolean;
  forget(sha256: string): void;
}

export function createSqliteBlobOwners(database: Database): BlobOwners {
  const insert = database.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO blob_owners (sha256, site_id, first_seen_at) VALUES (?, ?, ?)',
  );
  const select = database
    .prepare<[string, string], number>(
      'SELECT 1 FROM blob_owners WHERE sha256 = ? AND site_id = ? LIMIT 1',
    )
    .pluck();
  const remove = database.prepare<[string]>('DELETE FROM blob_owners WHERE sha256 = ?');
  return {
    add(sha256, siteId, now) {
      insert.run(sha256, siteId, now);
    },
    owns(sha256, siteId) {
      return select.get(sha256, siteId) !== undefined;
    },
    forget(sha256) {
      remove.run(sha256);
    },
  };
}
