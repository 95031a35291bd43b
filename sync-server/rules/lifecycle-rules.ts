import {
  authorBlocker,
  deletionBlocker,
  identityFieldBlocker,
  jobEditBlocker,
  orderEditBlocker,
  recordActionBlocker,
  recordActionOf,
  type CollectionName,
  type ErrorCode,
  type OrderLifecycleState,
  type Pusher,
  type SignedRecords,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';
import type { RuleReads } from './rule-reads.js';

/**
 * Identity and lifecycle, as the server judges every pushed row before the
 * workshop rules: the names in the record are the pusher's (from the
 * session, never from the record), the pusher's role may take this action on
 * this record type, and the record's life allows it. A tombstone is judged
 * like an edit. The rules are the shared ones in src/schema/.
 */
export interface LifecycleInput {
  collection: CollectionName;
  next: StoredDocument;
  current: StoredDocument | undefined;
  /** The token's user with their role as the users table holds it now. */
  pusher: Pusher;
  siteId: string;
  reads: RuleReads;
}

export function lifecycleRefusal(input: LifecycleInput): ErrorCode | null {
  const { collection, next, current, pusher } = input;
  const deleted = next._deleted === true;
  const action = recordActionOf(current !== undefined, deleted);
  // First: an order with signed records is never deleted, whoever asks.
  if (action === 'delete') {
    const signed = deletionBlocker(collection, signedRecordsOf(input));
    if (signed) return signed;
  }
  return (
    authorBlocker(current, next, pusher) ??
    recordActionBlocker(collection, action, pusher.role, !current && deleted) ??
    identityFieldBlocker(collection, current, next, pusher) ??
    editRefusal(input)
  );
}

/** The signatures and sign-offs an order or a job carries, as stored for the site. */
function signedRecordsOf({ collection, current, siteId, reads }: LifecycleInput): SignedRecords {
  const id = String(current?.id);
  if (collection === 'repair_orders')
    return {
      signatures: reads.storedWhere('signatures', siteId, 'orderId', id).length,
      signOffs: reads.storedWhere('sign_offs', siteId, 'orderId', id).length,
    };
  if (collection === 'jobs')
    return { signatures: 0, signOffs: reads.storedWhere('sign_offs', siteId, 'jobId', id).length };
  return { signatures: 0, signOffs: 0 };
}

function editRefusal({ collection, next, current, pusher }: LifecycleInput): ErrorCode | null {
  if (collection === 'repair_orders') {
    const after = next as unknown as OrderLifecycleState & StoredDocument;
    const before = (current ?? next) as unknown as OrderLifecycleState & StoredDocument;
    return orderEditBlocker(before, after, pusher.role);
  }
  if (collection === 'jobs' && current)
    return jobEditBlocker(current as unknown as { technician: string }, pusher);
  return null;
}
