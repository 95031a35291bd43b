import type { Database } from 'better-sqlite3';

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
