import type { CollectionName } from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';
import type { RuleReads } from './rule-reads.js';

/**
 * The server's state as a push sees it while it is judged row by row: what is
 * stored, overlaid with the rows already accepted earlier in the same push
 * (not yet written), so a batch holding a self-check and then a peer check of
 * one job is judged in order.
 */
export interface PushView extends RuleReads {
  accept(document: StoredDocument): void;
}

export function createPushView(
  reads: RuleReads,
  collection: CollectionName,
  siteId: string,
  primaryKey: string,
): PushView {
  const accepted = new Map<string, StoredDocument>();
  return {
    userRole: reads.userRole,
    userStanding: reads.userStanding,
    jobRevisionStates: reads.jobRevisionStates,
    stored(name, site, id) {
      const pending = name === collection && site === siteId ? accepted.get(id) : undefined;
      return pending ? { siteId, document: pending } : reads.stored(name, site, id);
    },
    storedWhere(name, site, field, value) {
      const found = reads.storedWhere(name, site, field, value);
      if (name !== collection || site !== siteId) return found;
      const overlaid = found.filter((document) => !accepted.has(String(document[primaryKey])));
      const matching = [...accepted.values()].filter(
        (document) => document[field] === value && !document._deleted,
      );
      return [...overlaid, ...matching];
    },
    accept(document) {
      accepted.set(String(document[primaryKey]), document);
    },
  };
}
