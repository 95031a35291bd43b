import { createHash } from 'node:crypto';
import {
  API_BASE,
  COLLECTION_NAMES,
  PROTOCOL_HEADER,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
} from '../../../src/schema/index.js';
import { makeRepairOrder } from '../../factories/repair-order.js';

/**
 * Seeded generator of malformed and hostile HTTP requests for the fuzz run in
 * hostile-input-fuzz.test.ts. Every request is invalid by construction, so
 * none may be answered with a write: bodies that reach a writing route always
 * carry at least one thing the schema or a rule refuses, and never a correct
 * password, blob or live-stream handshake, nor the id of a tablet that exists
 * (so no revocation can succeed).
 */
export interface HostileRequest {
  /** What kind of hostility this is, for the failure report. */
  kind: string;
  method: string;
  /** Sent as is on the request line: may be badly encoded or very long. */
  target: string;
  headers: [string, string][];
  body?: Buffer;
  /** Declares more body than is sent, then hangs up. */
  truncated?: boolean;
  /** A whole request as raw bytes, for request lines and headers no client would send. */
  raw?: Buffer;
}

export interface FuzzTokens {
  advisor: string;
  admin: string;
  /** An enrolled tablet: sign-ins from it reach the password check (and fail there). */
  tablet: { deviceId: string; deviceToken: string };
}

/** mulberry32: small, fast and the same on every machine, so FUZZ_SEED replays a run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1' --",
  "'; DROP TABLE documents; --",
  '" UNION SELECT password_hash FROM users --',
  '1; UPDATE sync_sequence SET value = 0',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '\u0000',
  'nul\u0000byte',
  '\ud800 lone surrogate',
  '\u202e reversed',
  '${7*7}{{constructor.constructor("return process")()}}',
  '%s%s%n%x',
  '__proto__',
  'constructor',
  '',
  ' ',
  '李娜'.repeat(50),
  'x'.repeat(70_000),
];

const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  [],
  {},
  [[[[[]]]]],
  { $gt: '' },
  Array.from({ length: 5_000 }, (_, index) => index),
];

/** Raw JSON text that JSON.stringify cannot produce: overflowing and prototype-polluting. */
const HOSTILE_JSON_TEXT: readonly string[] = [
  '1e309',
  '-1e309',
  '123456789012345678901234567890',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
];

function hostileJsonValue(random: Random): string {
  const roll = random();
  if (roll < 0.35) return JSON.stringify(pick(random, HOSTILE_STRINGS));
  if (roll < 0.7) return JSON.stringify(pick(random, HOSTILE_VALUES));
  return pick(random, HOSTILE_JSON_TEXT);
}

const POISON_KEYS = ['__proto__', 'constructor', 'prototype', 'isAdmin', '$where', 'role '];

/**
 * An object's JSON with one field (not among `kept`) set to a hostile value and,
 * when asked, a key the schema does not know. A key the JSON parser might strip
 * (`__proto__`, `constructor`) comes with a plain unknown key as well, so the
 * object stays invalid whatever the parser does with it.
 */
function spoiledObject(
  random: Random,
  fields: Record<string, unknown>,
  { unknownKey = true, kept = [] as string[] } = {},
): string {
  const entries = Object.entries(fields).map(([key, value]) => [key, JSON.stringify(value)]);
  const spoilable = entries.filter(([key]) => !kept.includes(key as string));
  const target = spoilable[Math.floor(random() * spoilable.length)];
  if (target && random() < 0.8) target[1] = hostileJsonValue(random);
  if (unknownKey) {
    const key = pick(random, POISON_KEYS);
    const at = Math.floor(random() * (entries.length + 1));
    entries.splice(at, 0, [key, hostileJsonValue(random)]);
    if (key === '__proto__' || key === 'constructor') entries.push(['unexpected', '1']);
  }
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

function pushBody(random: Random, serial: number): string {
  const order = makeRepairOrder({ id: `fuzz-${serial}`, createdAt: 1, updatedAt: 1 });
  const roll = random();
  if (roll < 0.2) {
    // An empty batch is a valid push (of nothing): never send it.
    const value = hostileJsonValue(random);
    return value === '[]' ? '[null]' : value;
  }
  if (roll < 0.3) {
    // Over the row limit, each row also refused on its own.
    const row = spoiledObject(random, { newDocumentState: order });
    return `[${Array.from({ length: SYNC_LIMITS.maxPushRows + 1 }, () => row).join(',')}]`;
  }
  const documentText = spoiledObject(random, { ...order, _deleted: false });
  const row =
    random() < 0.5
      ? `{"newDocumentState":${documentText}}`
      : spoiledObject(random, { newDocumentState: { ...order, _deleted: false } });
  return `[${row}]`;
}

/** Half the time the enrolled tablet, half a made-up one. */
function tabletFields(random: Random, tokens: FuzzTokens): Record<string, string> {
  return random() < 0.5 ? tokens.tablet : { deviceId: 'fuzz-tablet', deviceToken: 'fuzz-token' };
}

function loginBody(random: Random, tokens: FuzzTokens): string {
  // Never the demo password, so no attempt can sign in and mint a refresh token.
  const fields = {
    username: 'advisor1',
    password: 'not-the-password',
    ...tabletFields(random, tokens),
  };
  return spoiledObject(random, fields, { unknownKey: random() < 0.5 });
}

function refreshBody(random: Random, tokens: FuzzTokens): string {
  // Never a refresh token the server issued.
  const fields = { refreshToken: 'r', ...tabletFields(random, tokens) };
  return spoiledObject(random, fields, { unknownKey: random() < 0.5 });
}

function enrolBody(random: Random): string {
  // Never the admin's password, so no tablet can be enrolled.
  const fields = { username: 'admin', password: 'not-the-password', deviceName: 'Fuzz tablet' };
  return spoiledObject(random, fields, { unknownKey: random() < 0.5 });
}

function newUserBody(random: Random): string {
  // The password is always too short or not text: the rules refuse it if the schema did not.
  const password = pick(random, ['', 'x', 'short12', 12345678, null, ['demo1234']]);
  const fields = {
    username: 'fuzz.user',
    displayName: 'Fuzz',
    role: 'advisor',
    password,
    pin: '1234',
  };
  return spoiledObject(random, fields, { unknownKey: random() < 0.5, kept: ['password'] });
}

function userChangeBody(random: Random): string {
  const roll = random();
  if (roll < 0.15) return '{}';
  if (roll < 0.3) return hostileJsonValue(random);
  // `active` is never a boolean and the password never long enough, so nothing can change.
  const fields = { displayName: 'Fuzz', active: 'false', password: 'x' };
  return spoiledObject(random, fields, { unknownKey: random() < 0.5, kept: ['password'] });
}

const BAD_SHA256 = [
  'A'.repeat(64),
  'a'.repeat(63),
  'a'.repeat(65),
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  `${'a'.repeat(63)}%00`,
  'zz'.repeat(32),
  `%F0%9F%92%A9${'a'.repeat(60)}`,
  'x'.repeat(5_000),
  '%E0%A4%A',
  '%ZZ',
];

const BAD_QUERIES = [
  'checkpoint=-1',
  'checkpoint=1e309',
  'limit=1e309',
  'limit=0',
  `limit=${SYNC_LIMITS.maxPullLimit + 1}`,
  'limit=abc',
  'checkpoint=1&checkpoint=2',
  'checkpoint[]=1',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'checkpoint=%FF%FE',
  'limit=%',
  'checkpoint=9007199254740993',
  `checkpoint=${'9'.repeat(400)}`,
  `protocol=${SYNC_PROTOCOL_VERSION}&access_token=${'x'.repeat(3_000)}`,
  // Never a ticket the server issued: guessed, doubled, empty, padded.
  `protocol=${SYNC_PROTOCOL_VERSION}&ticket=${'x'.repeat(3_000)}`,
  `protocol=${SYNC_PROTOCOL_VERSION}&ticket=a&ticket=b`,
  `protocol=${SYNC_PROTOCOL_VERSION}&ticket=`,
  `protocol=${SYNC_PROTOCOL_VERSION}&ticket=${'A'.repeat(43)}%3D`,
  'protocol=-1',
  'protocol=1e309',
];

const WRONG_CONTENT_TYPES = [
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'image/jpeg',
  'application/json, text/plain',
  '*/*',
  'application/json; charset=utf-8; boundary=\u00ff',
];

const AUTHORIZATIONS = (tokens: FuzzTokens): (string | undefined)[] => [
  undefined,
  `Bearer ${tokens.advisor}`,
  `Bearer ${tokens.admin}`,
  `Bearer ${tokens.admin}x`,
  'Bearer a.b.c',
  'Bearer',
  `Basic ${Buffer.from('admin:demo1234').toString('base64')}`,
  `Bearer ${'A'.repeat(8_000)}`,
  `Bearer ${tokens.advisor.split('.').reverse().join('.')}`,
];

const BAD_PROTOCOLS = [undefined, '0', '-1', 'abc', '1e309', '2.5', ` ${SYNC_PROTOCOL_VERSION}0`];

/** Every byte escaped: encodeURIComponent refuses lone surrogates. */
function percentEncoded(text: string): string {
  return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

interface Route {
  method: string;
  path: (random: Random) => string;
  body?: (random: Random, serial: number, tokens: FuzzTokens) => string;
  /** A valid token and protocol would open a live stream: never send both. */
  stream?: boolean;
}

function routes(): Route[] {
  const sha = (random: Random) =>
    random() < 0.5
      ? createHash('sha256').update(String(random())).digest('hex')
      : pick(random, BAD_SHA256);
  const users: Route[] = [
    {
      method: 'POST',
      path: () => `${API_BASE}/auth/login`,
      body: (random, _serial, tokens) => loginBody(random, tokens),
    },
    {
      method: 'POST',
      path: () => `${API_BASE}/auth/refresh`,
      body: (random, _serial, tokens) => refreshBody(random, tokens),
    },
    { method: 'POST', path: () => `${API_BASE}/auth/enroll`, body: enrolBody },
    { method: 'GET', path: () => `${API_BASE}/admin/devices` },
    {
      method: 'POST',
      // Ids no tablet has: a hostile one, or one shaped like the server's.
      path: (random) =>
        `${API_BASE}/admin/devices/${percentEncoded(pick(random, ['tablet-0123456789abcdef01234567', ...HOSTILE_STRINGS]))}/revoke`,
    },
    { method: 'GET', path: () => `${API_BASE}/site/users` },
    { method: 'GET', path: () => `${API_BASE}/admin/users` },
    {
      method: 'GET',
      path: (random) =>
        `${API_BASE}/admin/audit${pick(random, ['', '/export', '/verify'])}?${pick(random, BAD_QUERIES).replace('checkpoint', 'after')}`,
    },
    { method: 'POST', path: () => `${API_BASE}/admin/users`, body: newUserBody },
    {
      method: 'PATCH',
      path: (random) =>
        `${API_BASE}/admin/users/${percentEncoded(pick(random, ['advisor1', 'admin', ...HOSTILE_STRINGS]))}`,
      body: userChangeBody,
    },
    {
      method: 'PUT',
      path: (random) => `${API_BASE}/blobs/${sha(random)}`,
      body: (random) => `not an image ${random()}`,
    },
    { method: 'HEAD', path: (random) => `${API_BASE}/blobs/${sha(random)}` },
    { method: 'GET', path: (random) => `${API_BASE}/blobs/${sha(random)}` },
    { method: 'GET', path: () => `${API_BASE}/sync/stream`, stream: true },
    {
      method: 'GET',
      path: (random) =>
        `${API_BASE}/${pick(random, ['docs/../../etc/passwd', 'sync/nope/pull', 'sync/__proto__/push', 'nothing'])}`,
    },
    {
      method: 'GET',
      path: (random) =>
        `/${pick(random, ['..%2f..%2fsecret.txt', '%2e%2e/secret.txt', 'assets/..%2f..%2fsecret.txt', 'index.html%00', '.%00./secret.txt', '%E0%A4%A', 'assets/%C0%AE%C0%AE/secret.txt'])}`,
    },
  ];
  const sync = COLLECTION_NAMES.flatMap((collection): Route[] => {
    const base = `${API_BASE}/sync/${collection}`;
    return [
      { method: 'POST', path: () => `${base}/push`, body: pushBody },
      { method: 'POST', path: () => `${base}/push`, body: pushBody },
      { method: 'GET', path: (random) => `${base}/pull?${pick(random, BAD_QUERIES)}` },
      {
        method: 'GET',
        path: (random) => `${base}/stream?${pick(random, BAD_QUERIES)}`,
        stream: true,
      },
    ];
  });
  return [...users, ...sync];
}

/** Bytes that are not UTF-8 (overlong, surrogate, stray continuation), inside a JSON string. */
function withBadUtf8(body: string): Buffer {
  const at = body.indexOf('"') + 1;
  const bad = Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0x80]);
  return Buffer.concat([Buffer.from(body.slice(0, at)), bad, Buffer.from(body.slice(at))]);
}

const RAW_REQUESTS: readonly string[] = [
  'GET /\u0000 HTTP/1.1\r\nhost: x\r\n\r\n',
  'GET / HTTP/9.9\r\nhost: x\r\n\r\n',
  'BREW /api/v1/health HTTP/1.1\r\nhost: x\r\n\r\n',
  `GET /api/v1/health HTTP/1.1\r\nhost: x\r\nx-long: ${'a'.repeat(20_000)}\r\n\r\n`,
  `GET /api/v1/${'a'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`,
  'POST /api/v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n',
  'POST /api/v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n',
  'POST /api/v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /api/v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  'GET /api/v1/health HTTP/1.1\r\nhost: x\r\nbad header: 1\r\n\r\n',
  'GET /api/v1/health HTTP/1.1\r\nhost: x\r\nx-a: \u0001\u007f\r\n\r\n',
];

export function generateHostileRequests(
  seed: number,
  count: number,
  tokens: FuzzTokens,
): HostileRequest[] {
  const random = seededRandom(seed);
  const allRoutes = routes();
  const requests: HostileRequest[] = [];
  for (let serial = 0; serial < count; serial += 1) {
    if (random() < 0.03) {
      requests.push({
        kind: 'raw request',
        method: '-',
        target: '-',
        headers: [],
        raw: Buffer.from(pick(random, RAW_REQUESTS), 'latin1'),
      });
      continue;
    }
    const route = pick(random, allRoutes);
    const headers: [string, string][] = [];
    // Half signed in, so the hostile part reaches the route rather than the token check.
    const authorization =
      random() < 0.5
        ? `Bearer ${pick(random, [tokens.advisor, tokens.admin])}`
        : pick(random, AUTHORIZATIONS(tokens));
    // Mostly the current version, so most requests get past the protocol check to the route.
    let protocol = random() < 0.75 ? String(SYNC_PROTOCOL_VERSION) : pick(random, BAD_PROTOCOLS);
    if (route.stream && authorization?.startsWith(`Bearer ${tokens.advisor}`)) protocol = '1';
    if (route.stream && authorization?.startsWith(`Bearer ${tokens.admin}`)) protocol = '1';
    if (authorization) headers.push(['authorization', authorization]);
    if (protocol) headers.push([PROTOCOL_HEADER, protocol]);
    let kind = route.body ? 'hostile body' : 'hostile address or headers';
    let method = route.method;
    if (random() < 0.08) {
      method = pick(random, ['DELETE', 'PUT', 'OPTIONS', 'PROPFIND', 'POST', 'PATCH']);
      kind = 'wrong method';
    }
    let target = route.path(random);
    if (random() < 0.03) {
      target += `${target.includes('?') ? '&' : '?'}q=${'%41'.repeat(4_000)}`;
      kind = 'very long address';
    }
    const request: HostileRequest = { kind, method, target, headers };
    // A wrong method (GET → POST) can still open a live stream only with a valid handshake: the protocol above rules that out.
    if (route.body || method !== route.method) {
      const text = route.body ? route.body(random, serial, tokens) : hostileJsonValue(random);
      const roll = random();
      let contentType: string | undefined =
        route.method === 'PUT' ? pick(random, ['image/jpeg', 'image/png']) : 'application/json';
      if (roll < 0.12) {
        contentType = pick(random, WRONG_CONTENT_TYPES);
        request.kind = 'wrong content type';
      }
      if (contentType) headers.push(['content-type', contentType]);
      if (roll >= 0.12 && roll < 0.22) {
        request.body = withBadUtf8(text);
        request.kind = 'invalid UTF-8';
      } else if (roll >= 0.22 && roll < 0.3) {
        request.body = Buffer.from(text.slice(0, Math.floor(random() * text.length)));
        request.kind = 'cut-off JSON';
      } else if (roll >= 0.3 && roll < 0.34) {
        request.body = Buffer.from(text);
        request.truncated = true;
        request.kind = 'body shorter than declared';
      } else {
        request.body = Buffer.from(text);
      }
    }
    requests.push(request);
  }
  return requests;
}
