import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Language } from '../../i18n/index.js';
import { useSyncStatus } from './sync-store.js';
import { usePendingCount } from './use-pending-count.js';

/** Always visible: online or not, what is not yet on the server, last sync, and any error. */
export function SyncIndicator({ database }: { database: LaneDatabase }) {
  const { t, i18n } = useTranslation();
  const { online, lastSyncedAt, error, setOnline } = useSyncStatus();
  const pending = usePendingCount(database);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [setOnline]);

  const language = i18n.language as Language;
  const lastSync = lastSyncedAt
    ? t('sync.lastSync', { time: new Date(lastSyncedAt).toLocaleTimeString(language) })
    : t('sync.neverSynced');

  return (
    <Group
      gap="xs"
      role="status"
      aria-label={t('sync.statusLabel')}
      aria-live="polite"
      wrap="nowrap"
    >
      <Badge size="lg" color={online ? 'teal' : 'gray'} variant="filled">
        {online ? t('sync.online') : t('sync.offline')}
      </Badge>
      <Badge
        size="lg"
        color={pending > 0 ? 'orange' : 'teal'}
        variant="light"
        data-pending={pending}
      >
        {pending > 0 ? t('sync.pending', { count: pending }) : t('sync.allOnServer')}
      </Badge>
      <Text size="sm" c="dimmed" visibleFrom="sm">
        {lastSync}
      </Text>
      {error && online && (
        <Tooltip label={error.message[language] ?? error.message.en} multiline w={260}>
          <Badge size="lg" color="red" variant="filled" tabIndex={0}>
            {t('sync.problem')}: {error.message[language] ?? error.message.en}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
