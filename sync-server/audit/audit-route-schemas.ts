import { BEARER_SECURITY } from '../auth/auth-route-schemas.js';
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
    username: { type: 'string', description: 'Whose access token carried the push.' },
    deviceId: { type: 'string', description: 'The tablet the token was issued to.' },
    collection: { type: 'string' },
    recordId: { type: 'string' },
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    changedFields: {
      type: 'array',
      items: { type: 'string' },
      description: 'Top-level fields that differ from the stored state; all of them on create.',
    },
    prevHash: { ...sha256Hex, description: "The site's previous entry's hash (zeros first)." },
    hash: { ...sha256Hex, description: 'SHA-256 of prevHash + canonical JSON of the entry.' },
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
    'prevHash',
    'hash',
  ],
  additionalProperties: false,
} as const;

export const auditPageRouteSchema = {
  summary: "The site's audit log: every accepted write (admin)",
  description:
    'Without `after`, the newest `limit` entries; with it, the entries after that seq. Oldest first either way, so the last entry’s seq is the next page’s `after`.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  querystring: {
    type: 'object',
    properties: {
      after: { type: 'integer', minimum: 0 },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: AUDIT_PAGE_LIMIT.max,
        default: AUDIT_PAGE_LIMIT.default,
      },
    },
    additionalProperties: false,
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

export const auditVerifyRouteSchema = {
  summary: "Check the site's audit chain (admin)",
  description:
    'Recomputes every entry’s hash and its link to the one before. `firstBrokenSeq` names the first entry that was changed, or that follows a deleted one.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: {
    200: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        entries: { type: 'integer' },
        firstBrokenSeq: { type: 'integer' },
      },
      required: ['ok', 'entries'],
    },
    ...errors,
  },
};
