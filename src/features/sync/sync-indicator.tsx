import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Language } from '../../i18n/index.js';
import { useSession } from '../session/index.js';
import { useOutboxCounts } from './refusals.js';
import { shownProblem, showsLastSync } from './shown-state.js';
import { timeLeftMs } from '../../sync/progress.js';
import { useSyncStatus, type SyncProgress } from '../../sync/sync-store.js';

/** Always visible: online or not, what waits to go, what the server refused, last sync, any error. */
export function SyncIndicator({ database }: { database: LaneDatabase }) {
  const { t, i18n } = useTranslation();
  const { online, lastSyncedAt, error, setOnline, held, progress } = useSyncStatus();
  const { waiting: pending, refused } = useOutboxCounts(database);
  const heldNames = useHeldNames(held);
  const signedIn = useSession((state) => state.user !== null);
  const problem = shownProblem(error, signedIn);

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
      data-error-code={error?.code}
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
      {progress && <SyncProgressBar progress={progress} language={i18n.language as Language} />}
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
      {showsLastSync(lastSyncedAt, signedIn) && (
        <Text size="sm" c="dimmed" visibleFrom="sm">
          {lastSync}
        </Text>
      )}
      {problem && online && (
        <Tooltip label={problem.message[language] ?? problem.message.en} multiline w={260}>
          <Badge size="lg" color="red" variant="filled" tabIndex={0}>
            {t('sync.problem')}: {problem.message[language] ?? problem.message.en}
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

/** A long sync: records done of how many, and about how long is left; the tablet stays usable. */
function SyncProgressBar({ progress, language }: { progress: SyncProgress; language: Language }) {
  const { t } = useTranslation();
  const now = useSecondTicks();
  const number = (value: number) => value.toLocaleString(language);
  const left = timeLeftMs(progress, now);
  const counts = { done: number(progress.done), total: number(progress.total) };
  const label =
    progress.direction === 'sending' ? t('sync.sending', counts) : t('sync.receiving', counts);
  const timeLeft =
    left === null
      ? ''
      : left < 60_000
        ? t('sync.secondsLeft', { seconds: number(Math.max(1, Math.ceil(left / 1000))) })
        : t('sync.minutesLeft', { minutes: number(Math.ceil(left / 60_000)) });
  return (
    <Stack gap={2} miw={160} data-progress={`${progress.done}/${progress.total}`}>
      <Text size="sm">{timeLeft ? `${label} · ${timeLeft}` : label}</Text>
      <Progress
        value={(progress.done / progress.total) * 100}
        aria-label={label}
        size="sm"
        animated
      />
    </Stack>
  );
}

/** The time now, again every second: the estimate moves while a page is on its way. */
function useSecondTicks(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
