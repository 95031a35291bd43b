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
  const record = database.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    database.transaction(() => {
      migration.up(database);
      record.run(migration.version, migration.name, Date.now());
    })();
  }
}
