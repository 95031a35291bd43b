import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  canonicalJson,
  jobRevisionState,
  signOffJobVerdict,
  type CollectionName,
  type Job,
  type JobRevisionState,
  type RepairOrder,
  type SignOff,
  type SignOffJobVerdict,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';
import type { RuleReads } from './rule-reads.js';

/**
 * The job revisions the server accepted (table job_revisions, migration 9),
 * kept in the transaction of every accepted job write, and the server's
 * stamp on each sign-off: 'valid', or 'pending' until the job revision it
 * names arrives, when it is judged 'valid' or 'refused' in that same write.
 */
export interface JobRevisionReads {
  /** The states the server stored for a job at one revision (its updatedAt); [] if none. */
  jobRevisionStates(siteId: string, jobId: string, revision: number): JobRevisionState[];
}

interface RevisionRow {
  state: string;
}

export function createJobRevisionReads(database: Database): JobRevisionReads {
  const select = database.prepare<[string, string, number], RevisionRow>(
    'SELECT state FROM job_revisions WHERE site_id = ? AND job_id = ? AND revision = ?',
  );
  return {
    jobRevisionStates: (siteId, jobId, revision) =>
      select.all(siteId, jobId, revision).map((row) => JSON.parse(row.state) as JobRevisionState),
  };
}

function liveDocument<T>(reads: RuleReads, collection: CollectionName, siteId: string, id: string) {
  return reads.stored(collection, siteId, id)?.document as unknown as T | undefined;
}

/** A sign-off against its job as the server holds it: valid, pending, or the refusal code. */
export function signOffAgainstJob(
  reads: RuleReads,
  siteId: string,
  signOff: SignOff,
): SignOffJobVerdict {
  const job = liveDocument<Job & { _deleted?: boolean }>(reads, 'jobs', siteId, signOff.jobId);
  const order = liveDocument<RepairOrder & { _deleted?: boolean }>(
    reads,
    'repair_orders',
    siteId,
    signOff.orderId,
  );
  return signOffJobVerdict(signOff, {
    job,
    revisionStates: reads.jobRevisionStates(siteId, signOff.jobId, signOff.jobRevision),
    orderOperations: order && !order._deleted ? (order.operations ?? []) : undefined,
    serverTime: Date.now(),
  });
}

/** The sign-off with the server's verdict stamped on it (any stamp a tablet sent is replaced). */
export function withServerCheck(signOff: StoredDocument, verdict: SignOffJobVerdict) {
  const stamped: StoredDocument = { ...signOff };
  delete stamped.serverCheckCode;
  if (verdict === 'pending' || verdict === 'valid') stamped.serverCheck = verdict;
  else Object.assign(stamped, { serverCheck: 'refused', serverCheckCode: verdict });
  return stamped;
}

export interface JobRevisionKeeper {
  /** The document as it is to be written: a new sign-off gets the server's stamp. */
  beforeWrite(collection: CollectionName, siteId: string, document: StoredDocument): StoredDocument;
  /**
   * Called inside the write transaction right after a document is written: a job's
   * revision is kept, and its pending sign-offs are judged; returns their stamped
   * copies, for the caller to write as new server writes (new sequence, audited).
   */
  afterWrite(
    collection: CollectionName,
    siteId: string,
    document: StoredDocument,
  ): StoredDocument[];
}

export function createJobRevisionKeeper(database: Database, reads: RuleReads): JobRevisionKeeper {
  const insert = database.prepare(
    `INSERT OR IGNORE INTO job_revisions (site_id, job_id, revision, state_sha256, state)
     VALUES (?, ?, ?, ?, ?)`,
  );
  return {
    beforeWrite(collection, siteId, document) {
      if (collection !== 'sign_offs') return document;
      const signOff = document as unknown as SignOff;
      return withServerCheck(document, signOffAgainstJob(reads, siteId, signOff));
    },
    afterWrite(collection, siteId, document) {
      if (collection !== 'jobs') return [];
      const job = document as unknown as Job & { _deleted?: boolean };
      const state = canonicalJson(jobRevisionState(job));
      insert.run(siteId, job.id, job.updatedAt, sha256Hex(state), state);
      return judgePendingSignOffs(reads, siteId, job.id);
    },
  };
}

function judgePendingSignOffs(reads: RuleReads, siteId: string, jobId: string) {
  const stamped: StoredDocument[] = [];
  for (const document of reads.storedWhere('sign_offs', siteId, 'jobId', jobId)) {
    if (document.serverCheck !== 'pending') continue;
    const verdict = signOffAgainstJob(reads, siteId, document as unknown as SignOff);
    if (verdict !== 'pending') stamped.push(withServerCheck(document, verdict));
  }
  return stamped;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Migration 9: the jobs already stored become their first kept revision. */
export function keepStoredJobRevisions(database: Database): void {
  const jobs = database
    .prepare<[], { site_id: string; data: string }>(
      "SELECT site_id, data FROM documents WHERE collection = 'jobs'",
    )
    .all();
  const insert = database.prepare(
    `INSERT OR IGNORE INTO job_revisions (site_id, job_id, revision, state_sha256, state)
     VALUES (?, ?, ?, ?, ?)`,
  );
  for (const row of jobs) {
    const job = JSON.parse(row.data) as Job & { _deleted?: boolean };
    const state = canonicalJson(jobRevisionState(job));
    insert.run(row.site_id, job.id, job.updatedAt, sha256Hex(state), state);
  }
}
