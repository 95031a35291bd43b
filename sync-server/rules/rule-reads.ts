import type { Database } from 'better-sqlite3';
import type { CollectionName, Role } from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';
import { createJobRevisionReads, type JobRevisionReads } from './job-revisions.js';

/**
 * What the push rules read from the server's state: the people of a site,
 * stored documents and the records a rule weighs against (a job's sign-offs,
 * an added work's approvals). Its own prepared statements, so the rules do
 * not depend on how the store writes.
 */
export interface StoredEntry {
  siteId: string;
  document: StoredDocument;
}

/** A user of a site as the users table holds them at the time of the push. */
export interface SiteUserStanding {
  role: Role;
  active: boolean;
}

export interface RuleReads extends JobRevisionReads {
  /** The role of a user of the site, active or not; undefined if there is no such user. */
  userRole(siteId: string, username: string): Role | undefined;
  /** Role and active flag of a user of the site; undefined if there is no such user. */
  userStanding(siteId: string, username: string): SiteUserStanding | undefined;
  /** One site's record: ids are unique per site, another site's record of the same id is never seen. */
  stored(collection: CollectionName, siteId: string, id: string): StoredEntry | undefined;
  /** Documents of the site whose `field` equals value, e.g. the sign-offs of a job. */
  storedWhere(
    collection: CollectionName,
    siteId: string,
    field: 'jobId' | 'addedWorkId' | 'orderId',
    value: string,
  ): StoredDocument[];
}

interface DataRow {
  site_id: string;
  data: string;
}

interface StandingRow {
  role: Role;
  active: number;
}

export function createSqliteRuleReads(database: Database): RuleReads {
  const selectRole = database
    .prepare<[string, string], string>('SELECT role FROM users WHERE site_id = ? AND username = ?')
    .pluck();
  const selectStanding = database.prepare<[string, string], StandingRow>(
    'SELECT role, active FROM users WHERE site_id = ? AND username = ?',
  );
  const selectOne = database.prepare<[string, string, string], DataRow>(
    'SELECT site_id, data FROM documents WHERE site_id = ? AND collection = ? AND id = ?',
  );
  // The field name is one of these literals, never user input; json_extract needs it in the path.
  const selectWhere = {
    jobId: whereStatement(database, 'jobId'),
    addedWorkId: whereStatement(database, 'addedWorkId'),
    orderId: whereStatement(database, 'orderId'),
  };
  return {
    ...createJobRevisionReads(database),
    userRole: (siteId, username) => selectRole.get(siteId, username) as Role | undefined,
    userStanding(siteId, username) {
      const row = selectStanding.get(siteId, username);
      return row && { role: row.role, active: row.active === 1 };
    },
    stored(collection, siteId, id) {
      const row = selectOne.get(siteId, collection, id);
      return row && { siteId: row.site_id, document: JSON.parse(row.data) as StoredDocument };
    },
    storedWhere(collection, siteId, field, value) {
      return selectWhere[field]
        .all(siteId, collection, value)
        .map((row) => JSON.parse(row.data) as StoredDocument);
    },
  };
}

function whereStatement(database: Database, field: string) {
  return database.prepare<[string, string, string], DataRow>(
    `SELECT site_id, data FROM documents
     WHERE site_id = ? AND collection = ? AND deleted = 0 AND json_extract(data, '$.${field}') = ?
     ORDER BY seq`,
  );
}
