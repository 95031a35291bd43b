/** The sync feature's public API: what other features may use. */
export {
  RefusalNotice,
  useOutboxCounts,
  useRefusals,
  type RefusalFilter,
  type RefusedRecord,
} from './refusals.js';
