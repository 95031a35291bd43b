/**
 * Fields only the server writes on a record it accepts: the receipt time and,
 * on sign-offs, its verdict on the job revision signed. A tablet's copy lacks
 * them (or holds an older stamp), so "the same record" and the bytes a signer
 * signs both leave them out.
 */
export const SERVER_STAMPED_FIELDS = ['receivedAt', 'serverCheck', 'serverCheckCode'] as const;

export type ServerStampedField = (typeof SERVER_STAMPED_FIELDS)[number];

/** A copy without the server's stamps, for comparing and for signing. */
export function withoutServerStamps<T extends object>(record: T): Omit<T, ServerStampedField> {
  const stamped = new Set<string>(SERVER_STAMPED_FIELDS);
  const kept = Object.entries(record).filter(([field]) => !stamped.has(field));
  return Object.fromEntries(kept) as Omit<T, ServerStampedField>;
}
