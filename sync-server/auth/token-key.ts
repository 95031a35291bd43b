import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * The key that signs access tokens, made on the server's first start and kept
 * in the database, so tokens survive a restart and no setting is needed.
 */
const TOKEN_KEY_NAME = 'access-token-hmac-key';
const KEY_BYTES = 32;

export function loadAccessTokenKey(database: Database): Buffer {
  // OR IGNORE: a second process starting at the same moment keeps the first key.
  database
    .prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)')
    .run(TOKEN_KEY_NAME, randomBytes(KEY_BYTES).toString('base64'));
  const stored = database
    .prepare<[string], string>('SELECT value FROM server_secrets WHERE name = ?')
    .pluck()
    .get(TOKEN_KEY_NAME);
  if (stored === undefined) throw new Error('the access-token key could not be stored');
  return Buffer.from(stored, 'base64');
}
