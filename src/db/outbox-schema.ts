import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * Tablet-only: one entry per record the user changed that the server has not
 * confirmed yet. Its count is the "not yet on server" figure; an entry is
 * removed only when a push carrying that edit (or a later one) is accepted,
 * and marked refused when the server refuses it by a rule.
 */
export const outboxSchemaLiteral = {
  // 1: document ids up to 64 characters (photos are named by their SHA-256).
  // 2: refusedCode, for an edit the server refused by a rule.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 110 },
    collectionName: { type: 'string', maxLength: 40 },
    documentId: { type: 'string', maxLength: 64 },
    updatedAt: { type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 },
    /**
     * Set when the server refused this edit by a rule (an ErrorCode): it stays on
     * the tablet, shown with the reason, and is not sent again until edited.
     */
    refusedCode: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'collectionName', 'documentId', 'updatedAt'],
} as const;

export type OutboxEntry = ExtractDocumentTypeFromTypedRxJsonSchema<typeof outboxSchemaLiteral>;

export function outboxId(collection: string, documentId: string): string {
  return `${collection}:${documentId}`;
}
