import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../../sync-server/database/sqlite-database.js';

/**
 * What a hostile client makes of a real token (access, refresh, device token
 * or stream ticket): each is another string, and must be no token, however
 * leniently a base64url decoder would read it. And what the server keeps of
 * sign-ins, read straight from its database file, to prove a refusal changed nothing.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The same bytes for Node's decoder: a 43-character token's last character
 * carries 2 unused bits, and a lenient decoder ignores them.
 */
export function sameBytesOtherSpelling(token: string): string {
  const last = token.at(-1) ?? '';
  const other = ALPHABET[ALPHABET.indexOf(last) ^ 1] ?? '';
  return `${token.slice(0, -1)}${other}`;
}

/** One letter of the last part (an access token's signature) in the other case. */
function caseChanged(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  const at = token.slice(start).search(/[A-Za-z]/) + start;
  const letter = token.charAt(at);
  const flipped = letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase();
  return `${token.slice(0, at)}${flipped}${token.slice(at + 1)}`;
}

/** For a header: whitespace at either end of a header value is the HTTP parser's, so only inside. */
export function tamperedForms(token: string): { how: string; token: string }[] {
  return [
    { how: '= appended', token: `${token}=` },
    { how: '== appended', token: `${token}==` },
    { how: 'last character spelled otherwise, same bytes', token: sameBytesOtherSpelling(token) },
    { how: 'one letter in the other case', token: caseChanged(token) },
    { how: 'a space inside', token: `${token.slice(0, 20)} ${token.slice(20)}` },
    { how: 'a trailing byte', token: `${token}A` },
  ];
}

/** For a JSON body or an address: also control characters and whitespace around it. */
export function tamperedBodyForms(token: string): { how: string; token: string }[] {
  return [
    ...tamperedForms(token),
    { how: 'a trailing NUL', token: `${token}\u0000` },
    { how: 'a trailing newline', token: `${token}\n` },
    { how: 'a leading space', token: ` ${token}` },
  ];
}

/** Everything the server keeps of sign-ins: tablets, refresh tokens, chains, stream tickets. */
export function signInState(dataDir: string): Record<string, unknown> {
  const database = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const all = (sql: string) => database.prepare(sql).all();
    return {
      devices: all('SELECT id, token_hash, revoked_at, last_seen_at FROM devices ORDER BY id'),
      refreshTokens: all('SELECT id, chain_id, revoked_at FROM refresh_tokens ORDER BY id'),
      chains: all('SELECT id, revoked_at FROM token_chains ORDER BY id'),
      tickets: all('SELECT ticket_hash, expires_at FROM stream_tickets ORDER BY ticket_hash'),
    };
  } finally {
    database.close();
  }
}
