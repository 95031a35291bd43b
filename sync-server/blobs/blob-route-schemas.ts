import { BLOB_LIMITS, PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../src/schema/index.js';
import { codedErrorSchema } from '../http/coded-errors.js';
import { SHA256_PATTERN } from './blob-bytes.js';

/**
 * Route schemas of the blob endpoints: validation of the address and the
 * OpenAPI description. The body is raw bytes, so its schema only documents.
 */
const params = {
  type: 'object',
  properties: {
    sha256: {
      type: 'string',
      pattern: SHA256_PATTERN,
      description: 'SHA-256 of the bytes, lower-case hex',
    },
  },
  required: ['sha256'],
} as const;

const headers = {
  type: 'object',
  properties: {
    [PROTOCOL_HEADER]: {
      type: 'integer',
      minimum: SYNC_PROTOCOL_VERSION,
      description: 'Sync protocol version the tablet speaks; older ones get 426.',
    },
  },
};

const errors = {
  '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  '5xx': { description: 'Server error: a coded error', ...codedErrorSchema },
};

const putResult = {
  type: 'object',
  properties: {
    sha256: { type: 'string' },
    contentType: { type: 'string', enum: [...BLOB_LIMITS.types] },
    bytes: { type: 'integer' },
    created: { type: 'boolean', description: 'false: the server already held these bytes' },
  },
  required: ['sha256', 'contentType', 'bytes', 'created'],
} as const;

// No type or format: a Buffer is no JSON string, and Ajv's strict mode wants a type for format.
const rawBytes = { schema: { description: 'The image bytes, as binary' } };

export const putBlobSchema = {
  summary: 'Upload a blob (photo, signature image) under its SHA-256',
  description: `Idempotent: the same bytes again change nothing (200). The server checks the hash (422 BLOB_HASH_MISMATCH), the type against the bytes (415 BLOB_TYPE_UNSUPPORTED) and the size, at most ${BLOB_LIMITS.maxBytes} bytes (413 BLOB_TOO_LARGE). Stored atomically: an interrupted upload leaves nothing.`,
  tags: ['blobs'],
  params,
  headers,
  consumes: [...BLOB_LIMITS.types],
  body: { content: Object.fromEntries(BLOB_LIMITS.types.map((type) => [type, rawBytes])) },
  response: {
    200: { description: 'Already held: nothing changed', ...putResult },
    201: { description: 'Stored', ...putResult },
    ...errors,
  },
};

export const headBlobSchema = {
  summary: 'Whether the server holds a blob',
  description:
    "200 when held for the caller's site (a tablet skips the upload), 404 when not held or uploaded only by other sites.",
  tags: ['blobs'],
  params,
  headers,
  response: {
    200: { description: 'Held', type: 'null' },
    404: { description: 'Not held', type: 'null' },
  },
};

export const getBlobSchema = {
  summary: 'Download a blob',
  description:
    'The bytes with their content type; immutable, so the tablet may cache them for good. A blob belongs to the sites that uploaded it: to users of any other site it is 404 NOT_FOUND, as if not held. The sync protocol comes as a header or as ?protocol=. HEAD on the same address answers 200 when the server holds the blob and 404 when not, so a tablet skips uploads the server has.',
  tags: ['blobs'],
  params,
  querystring: {
    type: 'object',
    properties: { protocol: { type: 'integer', minimum: SYNC_PROTOCOL_VERSION } },
  },
  produces: [...BLOB_LIMITS.types],
  response: {
    200: { description: 'The bytes', type: 'string', format: 'binary' },
    ...errors,
  },
};
