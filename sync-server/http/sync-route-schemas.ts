import {
  PROTOCOL_HEADER,
  STORE_HEADER,
  STORE_ID_PATTERN,
  STREAM_TICKET_PATH,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
  COLLECTION_NAMES,
  wireSchemaOf,
  type CollectionName,
} from '../../src/schema/index.js';
import { codedErrorSchema } from './coded-errors.js';

/**
 * Route schemas of the sync endpoints, built from each collection's shared
 * wire schema: one definition validates pushes and documents the API.
 */
const checkpointSchema = {
  type: 'object',
  properties: { sequence: { type: 'integer', minimum: 0 } },
  required: ['sequence'],
  additionalProperties: false,
  nullable: true,
} as const;

const protocolHeaders = {
  type: 'object',
  properties: {
    [PROTOCOL_HEADER]: {
      type: 'integer',
      minimum: SYNC_PROTOCOL_VERSION,
      description: 'Sync protocol version the tablet speaks; older ones get 426.',
    },
  },
  required: [PROTOCOL_HEADER],
};

/** The app's push and pull also name the tablet database they come from (STORE_HEADER). */
const syncHeaders = {
  ...protocolHeaders,
  properties: {
    ...protocolHeaders.properties,
    [STORE_HEADER]: {
      type: 'string',
      pattern: STORE_ID_PATTERN,
      description:
        "The tablet database's id. What the server stores exactly as this database pushed it is left out of its pulls (it holds it already); a page may then hold fewer changes than asked, or none, with a checkpoint past what was left out.",
    },
  },
};

/** A row refused by a rule: its id and the coded reason, in both languages. */
const rejectionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    code: codedErrorSchema.properties.code,
    message: codedErrorSchema.properties.message,
  },
  required: ['id', 'code', 'message'],
} as const;

const errorResponses = {
  '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  '5xx': { description: 'Server error: a coded error', ...codedErrorSchema },
};

export function pushRouteSchema(collection: CollectionName) {
  const wire = wireSchemaOf(collection);
  return {
    summary: `Push ${collection} changes`,
    description:
      'One transaction. A row whose assumedMasterState does not match the stored master comes back in conflicts; an identical resend is a no-op. ' +
      'Every row is re-checked against the workshop rules for the signed-in site (site, author, order, role, sign-off order and content, added-work authorisation): a refused row comes back in rejected with a stable code and messages in English and Chinese, nothing of it is written, and the rest of the batch is kept. ' +
      'Sign-offs and approvals get the server receipt time (receivedAt) when accepted.',
    tags: ['sync'],
    headers: syncHeaders,
    body: {
      type: 'array',
      maxItems: SYNC_LIMITS.maxPushRows,
      items: {
        type: 'object',
        properties: {
          newDocumentState: wire,
          assumedMasterState: { ...wire, nullable: true },
          mutationId: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            description:
              "The tablet's id of this mutation: a resend with the same state gets the answer the first send got.",
          },
        },
        required: ['newDocumentState'],
        additionalProperties: false,
      },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          conflicts: { type: 'array', items: wire },
          rejected: { type: 'array', items: rejectionSchema },
        },
        required: ['conflicts', 'rejected'],
      },
      ...errorResponses,
    },
  };
}

const pullQuerySchema = {
  type: 'object',
  properties: {
    checkpoint: { type: 'integer', minimum: 0 },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: SYNC_LIMITS.maxPullLimit,
      default: SYNC_LIMITS.defaultPullLimit,
    },
  },
} as const;

const pageFields = {
  checkpoint: checkpointSchema,
  more: {
    type: 'boolean',
    description: `More changes wait: the page was full, or stopped at ${SYNC_LIMITS.maxPullBytes} bytes of JSON.`,
  },
  remaining: {
    type: 'integer',
    minimum: 0,
    description: 'How many changes wait after this page (for the progress of a long sync).',
  },
} as const;

/** A pull's answer: a page of `list`, where it ends, and what waits after it. */
function pageResponses(list: string, items: object) {
  return {
    200: {
      type: 'object',
      properties: { [list]: { type: 'array', items }, ...pageFields },
      required: [list, 'checkpoint', 'more', 'remaining'],
    },
    ...errorResponses,
  };
}

/** The one pull the app makes: every collection's changes in the site's sequence. */
export const changesPullRouteSchema = {
  summary: 'Pull the changes of every collection after a checkpoint',
  description:
    "What the app uses. The signed-in site's changes with sequence > checkpoint, in the order they were committed, each with its collection; `more` says whether to ask again. Each document matches its collection's wire schema (see the per-collection pull).",
  tags: ['sync'],
  headers: syncHeaders,
  querystring: pullQuerySchema,
  response: pageResponses('changes', {
    type: 'object',
    properties: {
      collection: { type: 'string', enum: [...COLLECTION_NAMES] },
      document: { type: 'object', additionalProperties: true },
    },
    required: ['collection', 'document'],
  }),
};

export function pullRouteSchema(collection: CollectionName) {
  return {
    summary: `Pull ${collection} changes after a checkpoint`,
    description:
      'Documents with server sequence > checkpoint, oldest first; `more` says whether to ask again.',
    tags: ['sync'],
    headers: protocolHeaders,
    querystring: pullQuerySchema,
    response: pageResponses('documents', wireSchemaOf(collection)),
  };
}

/** The live stream's address: protocol and a single-use ticket (never a token: see require-auth.ts). */
export const streamQuerySchema = {
  type: 'object',
  properties: {
    protocol: { type: 'integer', minimum: SYNC_PROTOCOL_VERSION },
    ticket: { type: 'string', description: `From POST ${STREAM_TICKET_PATH}; works once.` },
  },
};

export function streamRouteSchema(collection: CollectionName) {
  return {
    summary: `Live ${collection} changes (server-sent events)`,
    description: `First event is "RESYNC"; then one {documents, checkpoint} event per committed push; a ": ping" comment every 15 s. Opened with ?ticket= from POST ${STREAM_TICKET_PATH}.`,
    tags: ['sync'],
    querystring: streamQuerySchema,
    response: {
      200: { description: 'text/event-stream', type: 'string' },
      ...errorResponses,
    },
  };
}
