/**
 * The site admin's reads of the server's audit log (GET /api/v1/admin/audit,
 * /verify, /export), made as the admin at the tablet. Online only: the log
 * lives on the server, never on the tablet.
 */
import { API_BASE } from '../../schema/index.js';
import { CodedRequestError, fetchAsCurrentUser, readCodedError } from '../session/index.js';

export type AuditAction = 'create' | 'update' | 'delete';

/** One accepted write as the server recorded it (sync-server/audit/audit-entry.ts). */
export interface AuditEntry {
  seq: number;
  serverTime: number;
  deviceTime: number | null;
  username: string;
  deviceId: string;
  collection: string;
  recordId: string;
  action: AuditAction;
  changedFields: string[];
  hash: string;
}

export interface AuditChainVerdict {
  ok: boolean;
  entries: number;
  firstBrokenSeq?: number;
}

const AUDIT = `${API_BASE}/admin/audit`;

async function fetchOk(url: string): Promise<Response> {
  const response = await fetchAsCurrentUser(url);
  if (!response.ok) throw new CodedRequestError(response.status, await readCodedError(response));
  return response;
}

export async function listRecentAuditEntries(limit = 100): Promise<AuditEntry[]> {
  const response = await fetchOk(`${AUDIT}?limit=${limit}`);
  const { entries } = (await response.json()) as { entries: AuditEntry[] };
  // The server answers oldest first; the admin reads the newest first.
  return entries.reverse();
}

export async function verifyAuditChain(): Promise<AuditChainVerdict> {
  return (await (await fetchOk(`${AUDIT}/verify`)).json()) as AuditChainVerdict;
}

/** The CSV comes with the admin's token, so a plain link cannot fetch it: save it as a blob. */
export async function downloadAuditCsv(): Promise<void> {
  const response = await fetchOk(`${AUDIT}/export`);
  const fileName =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'audit-log.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; keep the URL a while for slow tablets.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
