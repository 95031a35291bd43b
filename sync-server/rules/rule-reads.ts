import type { Database } from 'better-sqlite3';
import type { CollectionName, Role } from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';

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

export interface RuleReads {
  /** The role of a user of the site, active or not; undefined if there is no such user. */
  userRole(siteId: string, username: string): Role | undefined;
  stored(collection: CollectionName, id: string): StoredEntry | undefined;
  /** Documents of the site whose `field` equals value, e.g. the sign-offs of a job. */
  storedWhere(
    collection: CollectionName,
    siteId: string,
    field: 'jobId' | 'addedWorkId',
    value: string,
  ): StoredDocument[];
}

interface DataRow {
  site_id: string;
  data: string;
}

export function createSqliteRuleReads(database: Database): RuleReads {
  const selectRole = database
    .prepare<[string, string], string>('SELECT role FROM users WHERE site_id = ? AND username = ?')
    .pluck();
  const selectOne = database.prepare<[string, string], DataRow>(
    'SELECT site_id, data FROM documents WHERE collection = ? AND id = ?',
  );
  // The field name is one of two literals, never user input; json_extract needs it in the path.
  const selectWhere = {
    jobId: whereStatement(database, 'jobId'),
    addedWorkId: whereStatement(database, 'addedWorkId'),
  };
  return {
    userRole: (siteId, username) => selectRole.get(siteId, username) as Role | undefined,
    stored(collection, id) {
      const row = selectOne.get(collection, id);
      return row && { siteId: row.site_id, document: JSON.parse(row.data) as StoredDocument };
    },
    storedWhere(collection, siteId, field, value) {
      return selectWhere[field]
        .all(collection, siteId, value)
        .map((row) => JSON.parse(row.data) as StoredDocument);
    },
  };
}

function whereStatement(database: Database, field: string) {
  return database.prepare<[string, string, string], DataRow>(
    `SELECT site_id, data FROM documents
     WHERE collection = ? AND site_id = ? AND deleted = 0 AND json_extract(data, '$.${field}') = ?
     ORDER BY seq`,
  );
}
