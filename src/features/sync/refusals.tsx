/**
 * Records the server refused by a rule, for the screens that show them: each
 * stays on the tablet with its stable code until it is edited again.
 */
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { combineLatest } from 'rxjs';
import type { LaneDatabase } from '../../db/create-database.js';
import { outboxSize$, refusedEntries$ } from '../../db/outbox.js';
import type { OutboxEntry } from '../../db/outbox-schema.js';
import { ERROR_MESSAGES, type CollectionName, type ErrorCode } from '../../schema/index.js';

export interface RefusedRecord {
  collection: CollectionName;
  recordId: string;
  code: ErrorCode;
}

export interface RefusalFilter {
  collection?: CollectionName;
  recordIds?: readonly string[];
}

function isErrorCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && Object.hasOwn(ERROR_MESSAGES, code);
}

function asRefusedRecord(entry: OutboxEntry): RefusedRecord[] {
  const { collectionName, documentId, refusedCode } = entry;
  // A code this app version does not know (written by a newer one) is left out, not shown raw.
  if (!isErrorCode(refusedCode)) return [];
  return [
    { collection: collectionName as CollectionName, recordId: documentId, code: refusedCode },
  ];
}

/** Live list of refused records, optionally of one collection or some record ids. */
export function useRefusals(database: LaneDatabase, filter: RefusalFilter = {}): RefusedRecord[] {
  const [refusals, setRefusals] = useState<RefusedRecord[]>([]);
  const { collection, recordIds } = filter;
  // Keyed by value: a caller's fresh array each render must not resubscribe.
  const idsKey = recordIds === undefined ? undefined : JSON.stringify(recordIds);
  useEffect(() => {
    const documentIds = idsKey === undefined ? undefined : (JSON.parse(idsKey) as string[]);
    const subscription = refusedEntries$(database, { collection, documentIds }).subscribe(
      (entries) => setRefusals(entries.flatMap(asRefusedRecord)),
    );
    return () => subscription.unsubscribe();
  }, [database, collection, idsKey]);
  return refusals;
}

/** Live counts of local edits not on the server: still to be sent, and refused by a rule. */
export function useOutboxCounts(database: LaneDatabase): { waiting: number; refused: number } {
  const [counts, setCounts] = useState({ waiting: 0, refused: 0 });
  useEffect(() => {
    // The total is an indexed count; refusals are few, so listing them stays cheap.
    const subscription = combineLatest([
      outboxSize$(database),
      refusedEntries$(database),
    ]).subscribe(([size, refused]) =>
      // The two queries may report one change a moment apart: never show a negative count.
      setCounts({ waiting: Math.max(0, size - refused.length), refused: refused.length }),
    );
    return () => subscription.unsubscribe();
  }, [database]);
  return counts;
}

/** The server's reason a record was refused, in the user's language; nothing when it was not. */
export function RefusalNotice({
  database,
  recordId,
}: {
  database: LaneDatabase;
  recordId: string;
}) {
  const { t, i18n } = useTranslation();
  const [refusal] = useRefusals(database, { recordIds: [recordId] });
  if (!refusal) return null;
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={t('sync.refusedTitle')}
      icon={<IconAlertTriangle aria-hidden />}
      data-refusal-code={refusal.code}
    >
      <Text size="sm">{ERROR_MESSAGES[refusal.code][language]}</Text>
      <Text size="sm" c="dimmed">
        {t('sync.refusedKept')}
      </Text>
    </Alert>
  );
}
