import { BEARER_SECURITY } from '../auth/auth-route-schemas.js';
import { AUDIT_CHAIN_PROBLEMS } from '../../src/schema/index.js';
import { codedErrorSchema } from '../http/coded-errors.js';
import { AUDIT_ACTIONS } from './audit-entry.js';
import { AUDIT_CSV_COLUMNS } from './audit-csv.js';

/**
 * Route schemas of the admin's audit log: listing, CSV export and the chain
 * check. One definition validates the query and documents the API.
 */
export const AUDIT_PAGE_LIMIT = { default: 100, max: 500 } as const;

const errors = {
  '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  '5xx': { description: 'Server error: a coded error', ...codedErrorSchema },
};

const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

export const auditEntrySchema = {
  type: 'object',
  properties: {
    seq: { type: 'integer', description: 'Position in the log; increases with every entry.' },
    siteId: { type: 'string' },
    serverTime: { type: 'integer', description: 'Server clock at commit, ms since the epoch.' },
    deviceTime: {
      type: 'integer',
      nullable: true,
      description: "The record's updatedAt: the tablet's clock.",
    },
    username: {
      type: 'string',
      description:
        'Whose access token carried the push; for events the admin (or `npm run admin`), or the username a failed sign-in tried.',
    },
    deviceId: { type: 'string', description: 'The tablet the token was issued to.' },
    collection: {
      type: 'string',
      description: 'A synced collection, or for admin events `users`, `devices` or `sign-ins`.',
    },
    recordId: {
      type: 'string',
      description: "The record's id; for events a username or tablet id.",
    },
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    changedFields: {
      type: 'array',
      items: { type: 'string' },
      description: 'Top-level fields that differ from the stored state; all of them on create.',
    },
    written: {
      type: 'object',
      nullable: true,
      additionalProperties: true,
      description:
        "What was written: each changed field's new value (null: removed), or the event's details (never a secret). Null before migration 6.",
    },
    stateHash: {
      ...sha256Hex,
      nullable: true,
      description:
        'SHA-256 of the canonical JSON of the state written (the stored record, or the event details). Null before migration 6.',
    },
    prevHash: { ...sha256Hex, description: "The site's previous entry's hash (zeros first)." },
    hash: {
      ...sha256Hex,
      description:
        'HMAC-SHA-256, under a key kept outside the database, of the entry with prevHash (plain SHA-256 before migration 6).',
    },
  },
  required: [
    'seq',
    'siteId',
    'serverTime',
    'deviceTime',
    'username',
    'deviceId',
    'collection',
    'recordId',
    'action',
    'changedFields',
    'written',
    'stateHash',
    'prevHash',
    'hash',
  ],
  additionalProperties: false,
} as const;

export const auditPageRouteSchema = {
  summary: "The site's audit log: every accepted write (admin)",
  description:
    'Without `after`, the newest `limit` entries (below `before` if given: the page of older entries); with `after`, the entries after that seq. Oldest first either way, so the last entry’s seq is the next page’s `after` and the first entry’s seq the previous page’s `before`. `username` and `collection` keep only that person’s or that record type’s entries.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  querystring: {
    type: 'object',
    properties: {
      after: { type: 'integer', minimum: 0 },
      before: { type: 'integer', minimum: 1 },
      username: { type: 'string', minLength: 1, maxLength: 64 },
      collection: { type: 'string', minLength: 1, maxLength: 64 },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: AUDIT_PAGE_LIMIT.max,
        default: AUDIT_PAGE_LIMIT.default,
      },
    },
    additionalProperties: false,
    // A page reads forward or back, never both: one of the two would be ignored.
    not: { required: ['after', 'before'] },
  },
  response: {
    200: {
      type: 'object',
      properties: { entries: { type: 'array', items: auditEntrySchema } },
      required: ['entries'],
    },
    ...errors,
  },
};

export const auditExportRouteSchema = {
  summary: "The site's whole audit log as CSV (admin)",
  description: `UTF-8 with a byte-order mark, a header row (${AUDIT_CSV_COLUMNS.join(', ')}), oldest first. Times in ISO 8601 UTC; changed fields separated by spaces.`,
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: {
    200: {
      description: 'The CSV file',
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
    ...errors,
  },
};

export const auditSealSchema = {
  type: 'object',
  properties: {
    siteId: { type: 'string' },
    lastSeq: { type: 'integer', description: "The newest entry's seq when sealed (0: none)." },
    lastHash: sha256Hex,
    entries: { type: 'integer', description: 'Entries up to and including lastSeq.' },
    sealedAt: { type: 'integer', description: 'Server clock, ms since the epoch.' },
    mac: { ...sha256Hex, description: 'HMAC-SHA-256 of the other fields, audit chain key.' },
  },
  required: ['siteId', 'lastSeq', 'lastHash', 'entries', 'sealedAt', 'mac'],
  additionalProperties: false,
} as const;

const sealAnswer = {
  type: 'object',
  properties: { seal: { ...auditSealSchema, nullable: true } },
  required: ['seal'],
} as const;

export const auditVerifyRouteSchema = {
  summary: "Check the site's audit chain and its last seal (admin)",
  description:
    'Recomputes every entry’s keyed hash and its link to the one before, then checks the last seal: `entry-changed` names (`firstBrokenSeq`) the first entry changed or following a deleted one; `log-truncated` says the sealed head is gone (the newest entries were cut off); `seal-mismatch` that the log is not the one sealed; `seal-invalid` that the seal was not made with the server key.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: {
    200: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        entries: { type: 'integer' },
        problem: { type: 'string', enum: [...AUDIT_CHAIN_PROBLEMS] },
        firstBrokenSeq: { type: 'integer' },
        seal: { ...auditSealSchema, nullable: true },
      },
      required: ['ok', 'entries', 'seal'],
    },
    ...errors,
  },
};

export const auditLastSealRouteSchema = {
  summary: "The site's last audit seal (admin)",
  description:
    'The last line of DATA_DIR/audit-seals/<site>.jsonl, written on every server start, every 24 hours and on demand; null before the first.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: { 200: sealAnswer, ...errors },
};

export const auditSealNowRouteSchema = {
  summary: "Seal the site's audit chain now (admin)",
  description: 'Appends the chain head, HMAC’d, to the site’s seal file and answers it.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: { 201: sealAnswer, ...errors },
};
