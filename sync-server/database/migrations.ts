import type { Database } from 'better-sqlite3';
import { keepStoredJobRevisions } from '../rules/job-revisions.js';
import { recordKeyedChainStarts } from '../audit/keyed-chain-start.js';

/**
 * Numbered schema migrations, applied in order on start. A shipped migration
 * is never edited: a change to the schema is a new entry at the end.
 */
export interface Migration {
  version: number;
  name: string;
  up(database: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up(database) {
      database.exec(`
        CREATE TABLE sites (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE users (
          id TEXT PRIMARY KEY,
          site_id TEXT NOT NULL REFERENCES sites(id),
          username TEXT NOT NULL,
          display_name TEXT NOT NULL,
          role TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          pin_hash TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1,
          created_at INTEGER NOT NULL,
          UNIQUE (site_id, username)
        );
        CREATE TABLE documents (
          collection TEXT NOT NULL,
          id TEXT NOT NULL,
          site_id TEXT NOT NULL,
          seq INTEGER NOT NULL UNIQUE,
          deleted INTEGER NOT NULL,
          data TEXT NOT NULL,
          server_time INTEGER NOT NULL,
          PRIMARY KEY (collection, id)
        );
        CREATE INDEX documents_by_collection_seq ON documents (collection, seq);
        -- One row: the last sequence handed out. Bumped inside each write transaction.
        CREATE TABLE sync_sequence (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          value INTEGER NOT NULL
        );
        INSERT INTO sync_sequence (id, value) VALUES (1, 0);
      `);
    },
  },
  {
    version: 2,
    name: 'sign-in',
    up(database) {
      database.exec(`
        -- Only the SHA-256 of a refresh token is kept: a copied database signs no one in.
        CREATE TABLE refresh_tokens (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id),
          device_id TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          revoked_at INTEGER
        );
        CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
        -- Keys the server makes for itself on first start (the access-token HMAC key).
        CREATE TABLE server_secrets (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        -- Every pull now asks for one site's documents.
        CREATE INDEX documents_by_site_collection_seq ON documents (site_id, collection, seq);
      `);
    },
  },
  {
    version: 3,
    name: 'audit-log',
    up(database) {
      database.exec(`
        -- Every accepted write, chained per site by hash (sync-server/audit/audit-entry.ts).
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          site_id TEXT NOT NULL,
          server_time INTEGER NOT NULL,
          device_time INTEGER,
          username TEXT NOT NULL,
          device_id TEXT NOT NULL,
          collection TEXT NOT NULL,
          record_id TEXT NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
          changed_fields TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_by_site_seq ON audit_log (site_id, seq);
        -- Append-only in the database itself, whatever code runs against it.
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      `);
    },
  },
  {
    version: 4,
    name: 'blob-owners',
    up(database) {
      database.exec(`
        -- Which sites uploaded a blob: only their users may read it (sync-server/blobs/blob-owners.ts).
        CREATE TABLE blob_owners (
          sha256 TEXT NOT NULL,
          site_id TEXT NOT NULL,
          first_seen_at INTEGER NOT NULL,
          PRIMARY KEY (sha256, site_id)
        );
        -- Blobs stored before ownership was kept belong to the sites whose records name them.
        INSERT OR IGNORE INTO blob_owners (sha256, site_id, first_seen_at)
          SELECT DISTINCT field.value, documents.site_id, documents.server_time
          FROM documents, json_tree(documents.data) AS field
          WHERE field.type = 'text' AND length(field.value) = 64
            AND field.value NOT GLOB '*[^0-9a-f]*';
      `);
    },
  },
  {
    version: 5,
    name: 'enrolled-devices',
    up(database) {
      database.exec(`
        -- Tablets a site admin enrolled (sync-server/auth/devices.ts). Only the SHA-256 of
        -- the device token is kept, like refresh tokens.
        CREATE TABLE devices (
          id TEXT PRIMARY KEY,
          site_id TEXT NOT NULL REFERENCES sites(id),
          name TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          enrolled_by TEXT NOT NULL,
          enrolled_at INTEGER NOT NULL,
          last_seen_at INTEGER,
          revoked_at INTEGER,
          revoked_by TEXT
        );
        CREATE INDEX devices_by_site ON devices (site_id, enrolled_at);
        CREATE INDEX refresh_tokens_by_device ON refresh_tokens (device_id);
      `);
    },
  },
  {
    version: 6,
    name: 'keyed-audit-chain',
    up(database) {
      database.exec(`
        -- Entries now hold what was written and the SHA-256 of the state, record admin and
        -- sign-in events too (new actions: the old CHECK would refuse them; the keyed MAC,
        -- not a CHECK, is what proves an entry genuine), and are chained by HMAC-SHA-256
        -- (sync-server/audit/). SQLite cannot drop a CHECK in place: a new table, every row
        -- copied unchanged, then swapped in. Old rows keep their plain SHA-256 hashes.
        CREATE TABLE audit_log_keyed (
          seq INTEGER PRIMARY KEY,
          site_id TEXT NOT NULL,
          server_time INTEGER NOT NULL,
          device_time INTEGER,
          username TEXT NOT NULL,
          device_id TEXT NOT NULL,
          collection TEXT NOT NULL,
          record_id TEXT NOT NULL,
          action TEXT NOT NULL,
          changed_fields TEXT NOT NULL,
          written TEXT,
          state_hash TEXT,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        INSERT INTO audit_log_keyed (seq, site_id, server_time, device_time, username, device_id,
            collection, record_id, action, changed_fields, prev_hash, hash)
          SELECT seq, site_id, server_time, device_time, username, device_id,
            collection, record_id, action, changed_fields, prev_hash, hash FROM audit_log;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_keyed RENAME TO audit_log;
        CREATE INDEX audit_log_by_site_seq ON audit_log (site_id, seq);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        -- Where each site's keyed chain starts (sync-server/audit/keyed-chain-start.ts).
        CREATE TABLE audit_chain_starts (
          site_id TEXT PRIMARY KEY,
          legacy_entries INTEGER NOT NULL,
          legacy_head_seq INTEGER NOT NULL,
          legacy_head_hash TEXT NOT NULL,
          mac TEXT NOT NULL
        );
        CREATE TRIGGER audit_chain_starts_no_update BEFORE UPDATE ON audit_chain_starts
        BEGIN SELECT RAISE(ABORT, 'audit_chain_starts is append-only'); END;
        CREATE TRIGGER audit_chain_starts_no_delete BEFORE DELETE ON audit_chain_starts
        BEGIN SELECT RAISE(ABORT, 'audit_chain_starts is append-only'); END;
      `);
      recordKeyedChainStarts(database);
    },
  },
  {
    version: 7,
    name: 'token-chains-and-stream-tickets',
    up(database) {
      database.exec(`
        -- The refresh tokens of one password sign-in form a chain; reusing a spent one revokes
        -- the chain, and access tokens name their chain (sync-server/auth/refresh-tokens.ts).
        CREATE TABLE token_chains (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          device_id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        );
        ALTER TABLE refresh_tokens ADD COLUMN chain_id TEXT;
        -- A token from before chains is a chain of its own.
        INSERT INTO token_chains (id, user_id, device_id, created_at, revoked_at)
          SELECT id, user_id, device_id, created_at, revoked_at FROM refresh_tokens;
        UPDATE refresh_tokens SET chain_id = id;
        CREATE INDEX refresh_tokens_by_chain ON refresh_tokens (chain_id);
        -- Single-use live-stream tickets, SHA-256 only (sync-server/auth/stream-tickets.ts).
        CREATE TABLE stream_tickets (
          ticket_hash TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          site_id TEXT NOT NULL,
          device_id TEXT NOT NULL,
          chain_id TEXT NOT NULL,
          expires_at INTEGER NOT NULL
        );
        CREATE INDEX stream_tickets_by_expiry ON stream_tickets (expires_at);
      `);
    },
  },
  {
    version: 8,
    name: 'document-ids-per-site',
    up(database) {
      database.exec(`
        -- Record ids are unique per site, not globally: one site can neither block nor probe
        -- another's ids (the same id in two sites is two records). SQLite cannot change a
        -- primary key in place: a new table, every row copied, then swapped in.
        CREATE TABLE documents_per_site (
          site_id TEXT NOT NULL,
          collection TEXT NOT NULL,
          id TEXT NOT NULL,
          seq INTEGER NOT NULL UNIQUE,
          deleted INTEGER NOT NULL,
          data TEXT NOT NULL,
          server_time INTEGER NOT NULL,
          PRIMARY KEY (site_id, collection, id)
        );
        INSERT INTO documents_per_site (site_id, collection, id, seq, deleted, data, server_time)
          SELECT site_id, collection, id, seq, deleted, data, server_time FROM documents;
        DROP TABLE documents;
        ALTER TABLE documents_per_site RENAME TO documents;
        CREATE INDEX documents_by_collection_seq ON documents (collection, seq);
        CREATE INDEX documents_by_site_collection_seq ON documents (site_id, collection, seq);
      `);
    },
  },
  {
    version: 9,
    name: 'job-revisions',
    up(database) {
      database.exec(`
        -- Every job state the server accepted, by revision (the job's updatedAt): a sign-off
        -- is checked against the revision it names (sync-server/rules/job-revisions.ts).
        -- A merge may give two states one revision, so the state's SHA-256 is in the key.
        CREATE TABLE job_revisions (
          site_id TEXT NOT NULL,
          job_id TEXT NOT NULL,
          revision INTEGER NOT NULL,
          state_sha256 TEXT NOT NULL,
          state TEXT NOT NULL,
          PRIMARY KEY (site_id, job_id, revision, state_sha256)
        );
      `);
      keepStoredJobRevisions(database);
    },
  },
  {
    version: 10,
    name: 'signer-keys',
    up(database) {
      database.exec(`
        -- Each person's public signing key per tablet (sync-server/auth/signer-keys.ts); the
        -- key id is the SHA-256 of the key. Revoked with the tablet or the person, never deleted:
        -- records signed with it stay verifiable.
        CREATE TABLE signer_keys (
          key_id TEXT PRIMARY KEY,
          site_id TEXT NOT NULL REFERENCES sites(id),
          user_id TEXT NOT NULL REFERENCES users(id),
          device_id TEXT NOT NULL REFERENCES devices(id),
          algorithm TEXT NOT NULL,
          public_key TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        );
        CREATE INDEX signer_keys_by_user ON signer_keys (user_id);
        CREATE INDEX signer_keys_by_device ON signer_keys (device_id);
      `);
    },
  },
  {
    version: 11,
    name: 'push-answers',
    up(database) {
      database.exec(`
        -- The answer given to each mutation a tablet named, so that a resend of the same
        -- mutation (its answer was lost) gets that answer again instead of being judged anew.
        -- Keyed by the pushing tablet: mutation ids are the tablet's own. state_hash is the
        -- SHA-256 of the state sent: the same id with another state is judged as new.
        -- code is NULL for an accepted mutation. Kept 30 days (sync-server/rules/push-answers.ts).
        CREATE TABLE push_answers (
          site_id TEXT NOT NULL,
          device_id TEXT NOT NULL,
          mutation_id TEXT NOT NULL,
          state_hash TEXT NOT NULL,
          collection TEXT NOT NULL,
          record_id TEXT NOT NULL,
          code TEXT,
          answered_at INTEGER NOT NULL,
          PRIMARY KEY (site_id, device_id, mutation_id)
        );
        CREATE INDEX push_answers_by_time ON push_answers (answered_at);
      `);
    },
  },
  {
    version: 12,
    name: 'sequence-per-site',
    up(database) {
      database.exec(`
        -- Each site numbers its own changes: a pull follows its site's sequence, and one
        -- site's writes neither wait for nor show through another's. Every site starts
        -- where the one global sequence stood, so a tablet's checkpoint stays valid.
        -- sync_sequence stays: it counts every write, so a push judged before another
        -- process wrote is judged again (sqlite-document-store.ts).
        CREATE TABLE site_sequences (
          site_id TEXT PRIMARY KEY,
          value INTEGER NOT NULL
        );
        INSERT INTO site_sequences (site_id, value)
          SELECT id, (SELECT value FROM sync_sequence WHERE id = 1)
          FROM (SELECT id FROM sites UNION SELECT DISTINCT site_id FROM documents);
        -- A sequence number is unique within its site only: the table is rebuilt for that.
        CREATE TABLE documents_sequence_per_site (
          site_id TEXT NOT NULL,
          collection TEXT NOT NULL,
          id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          deleted INTEGER NOT NULL,
          data TEXT NOT NULL,
          server_time INTEGER NOT NULL,
          PRIMARY KEY (site_id, collection, id),
          UNIQUE (site_id, seq)
        );
        INSERT INTO documents_sequence_per_site
            (site_id, collection, id, seq, deleted, data, server_time)
          SELECT site_id, collection, id, seq, deleted, data, server_time FROM documents;
        DROP TABLE documents;
        ALTER TABLE documents_sequence_per_site RENAME TO documents;
        CREATE INDEX documents_by_collection_seq ON documents (collection, seq);
        CREATE INDEX documents_by_site_collection_seq ON documents (site_id, collection, seq);
      `);
    },
  },
  {
    version: 13,
    name: 'site-details',
    up(database) {
      database.exec(`
        -- The dealer's address and phone, printed on every customer copy.
        ALTER TABLE sites ADD COLUMN address TEXT NOT NULL DEFAULT '';
        ALTER TABLE sites ADD COLUMN phone TEXT NOT NULL DEFAULT '';
      `);
    },
  },
  {
    version: 14,
    name: 'pushed-by-store',
    up(database) {
      database.exec(`
        -- The tablet database whose push the row holds exactly as sent (NULL: anything
        -- else, such as a server stamp): its own pulls leave the row out.
        ALTER TABLE documents ADD COLUMN pushed_by_store TEXT;
      `);
    },
  },
];

/** Applies every migration newer than the database, each in its own transaction. */
export function migrate(database: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    database
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((version) => Number(version)),
  );
  const isApplied = database.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = database.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // Immediate, and checked again inside: another process may be migrating the same file.
    database
      .transaction(() => {
        if (isApplied.get(migration.version)) return;
        migration.up(database);
        record.run(migration.version, migration.name, Date.now());
      })
      .immediate();
  }
}
