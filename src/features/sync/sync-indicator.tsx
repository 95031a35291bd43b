import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Language } from '../../i18n/index.js';
import { useSession } from '../session/index.js';
import { useOutboxCounts } from './refusals.js';
import { useSyncStatus } from './sync-store.js';

/** Always visible: online or not, what waits to go, what the server refused, last sync, any error. */
export function SyncIndicator({ database }: { database: LaneDatabase }) {
  const { t, i18n } = useTranslation();
  const { online, lastSyncedAt, error, setOnline, held } = useSyncStatus();
  const { waiting: pending, refused } = useOutboxCounts(database);
  const heldNames = useHeldNames(held);

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
      {refused > 0 && (
        <Badge size="lg" color="red" variant="light" data-refused={refused}>
          {t('sync.refused', { count: refused })}
        </Badge>
      )}
      {heldNames.length > 0 && (
        <Badge size="lg" color="orange" variant="filled" data-held={held.join(' ')}>
          {t('sync.signInToSend', { names: heldNames.join(', '), count: heldNames.length })}
        </Badge>
      )}
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

/** The display names of the people whose changes wait, from the site's directory. */
function useHeldNames(usernames: readonly string[]): string[] {
  const directory = useSession((state) => state.directory);
  return usernames.map(
    (username) => directory.find((user) => user.username === username)?.displayName ?? username,
  );
}
