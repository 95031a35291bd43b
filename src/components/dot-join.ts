/** Parts of a line joined by " · ", the empty ones left out (no "RO-1 · " for a car without a model). */
export function dotJoin(...parts: readonly (string | null | undefined)[]): string {
  return parts.filter((part): part is string => !!part && part.trim() !== '').join(' · ');
}
