/**
 * Turns a collection's RxDB schema into the plain JSON Schema its documents
 * must match on the wire: RxDB's own keywords removed, the deletion flag
 * added, unknown fields refused. The server validates every push with it.
 */
const RXDB_ONLY_KEYWORDS = new Set([
  'primaryKey',
  'version',
  'indexes',
  'keyCompression',
  'encrypted',
  'attachments',
]);

export interface RxSchemaLike {
  properties: Record<string, unknown>;
  required?: readonly string[];
  [keyword: string]: unknown;
}

export function toWireSchema(rxSchema: RxSchemaLike): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(rxSchema)) {
    if (!RXDB_ONLY_KEYWORDS.has(keyword)) wire[keyword] = value;
  }
  wire.properties = { ...rxSchema.properties, _deleted: { type: 'boolean' } };
  wire.required = [...(rxSchema.required ?? []), '_deleted'];
  wire.additionalProperties = false;
  return wire;
}
