/**
 * The site admin's reads of the server's audit log (GET /api/v1/admin/audit,
 * /verify, /export, /seal) and sealing it (POST /seal), made as the admin at
 * the tablet. Online only: the log lives on the server, never on the tablet.
 */
import { saveFile } from '../../components/save-file.js';
import {
  API_BASE,
  type AuditChainVerdict,
  type AuditEntry,
  type AuditSeal,
} from '../../schema/index.js';
import { CodedRequestError, fetchAsCurrentUser, readCodedError } from '../session/index.js';

const AUDIT = `${API_BASE}/admin/audit`;

async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetchAsCurrentUser(url, init);
  if (!response.ok) throw new CodedRequestError(response.status, await readCodedError(response));
  return response;
}

/** A page of the audit log: the newest entries below `before`, narrowed by person and record type. */
export interface AuditPageRequest {
  before?: number;
  username?: string;
  collection?: string;
  limit: number;
}

/** One page, newest first as the admin reads it. */
export async function listAuditPage(request: AuditPageRequest): Promise<AuditEntry[]> {
  const query = new URLSearchParams({ limit: String(request.limit) });
  if (request.before !== undefined) query.set('before', String(request.before));
  if (request.username) query.set('username', request.username);
  if (request.collection) query.set('collection', request.collection);
  const response = await fetchOk(`${AUDIT}?${query.toString()}`);
  const { entries } = (await response.json()) as { entries: AuditEntry[] };
  // The server answers oldest first; the admin reads the newest first.
  return entries.reverse();
}

export async function verifyAuditChain(): Promise<AuditChainVerdict> {
  return (await (await fetchOk(`${AUDIT}/verify`)).json()) as AuditChainVerdict;
}

export async function readLastAuditSeal(): Promise<AuditSeal | null> {
  return ((await (await fetchOk(`${AUDIT}/seal`)).json()) as { seal: AuditSeal | null }).seal;
}

export async function sealAuditLog(): Promise<AuditSeal> {
  const response = await fetchOk(`${AUDIT}/seal`, { method: 'POST' });
  return ((await response.json()) as { seal: AuditSeal }).seal;
}

/** The CSV comes with the admin's token, so a plain link cannot fetch it: save it as a blob. */
export async function downloadAuditCsv(): Promise<void> {
  const response = await fetchOk(`${AUDIT}/export`);
  const fileName =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'audit-log.csv';
  saveFile(await response.blob(), fileName);
}
