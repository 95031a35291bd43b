/**
 * The server's audit log as the admin reads it (GET /api/v1/admin/audit):
 * one entry per accepted write, chained per site by hash. Written by
 * sync-server/audit/, shown on the admin's tablet.
 */
export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  seq: number;
  siteId: string;
  /** Milliseconds since the epoch, the server's clock at commit. */
  serverTime: number;
  /** The record's updatedAt: the tablet's clock, so only a claim. */
  deviceTime: number | null;
  username: string;
  /** The enrolled tablet the access token was issued to. */
  deviceId: string;
  collection: string;
  recordId: string;
  action: AuditAction;
  /** Top-level fields that differ from the stored state before this write. */
  changedFields: string[];
  prevHash: string;
  hash: string;
}

/** The chain check: every entry hashes to its hash and names the one before. */
export interface AuditChainVerdict {
  ok: boolean;
  /** How many entries the site has, all walked. */
  entries: number;
  firstBrokenSeq?: number;
}
