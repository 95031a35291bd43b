/**
 * Canonical JSON: object keys sorted at every depth, no whitespace.
 * Equality checks on the server, conflict detection and (later) signed content
 * hashes all compare this form, so key order never makes two states differ.
 */
export function canonicalJson(value: unknown): string {
  // Absent and null compare equal: no synced field allows null.
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  return value;
}

export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
