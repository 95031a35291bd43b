import { Badge, Box, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Language } from '../../i18n/index.js';
import { useSession } from '../session/index.js';
import { useOutboxCounts } from './refusals.js';
import { shownProblem, showsLastSync } from './shown-state.js';
import { timeLeftMs } from '../../sync/progress.js';
import { useSyncStatus, type SyncProgress } from '../../sync/sync-store.js';

/**
 * A badge in the header's status row: words as written (no capitals), never
 * cut, dark on white with the state in its dot's colour, since orange or teal
 * text on a light tint stays under WCAG AA's 4.5:1.
 */
const READABLE = {
  size: 'lg',
  tt: 'none',
  fw: 600,
  variant: 'dot',
  c: 'gray.9',
  bg: 'white',
  style: { flexShrink: 0 },
} as const;

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
    ? t('sync.lastSync', {
        time: new Date(lastSyncedAt).toLocaleTimeString(language, {
          hour: '2-digit',
          minute: '2-digit',
        }),
      })
    : t('sync.neverSynced');

  return (
    // Most important first. Where the row has no room (a portrait tablet with much waiting),
    // the last items wrap onto a line the row does not show, never cut in the middle of a word;
    // a screen reader still hears them all.
    <Group
      gap="xs"
      role="status"
      aria-label={t('sync.statusLabel')}
      aria-live="polite"
      wrap="wrap"
      h={44}
      miw={0}
      style={{ overflow: 'hidden', flex: '1 1 auto', alignContent: 'flex-start', rowGap: 16 }}
      data-error-code={error?.code}
    >
      {/* As tall as the row: the first line's items centre on it. */}
      <Box h={44} w={0} aria-hidden />
      <Badge {...READABLE} color={online ? 'teal' : 'gray'}>
        {online ? t('sync.online') : t('sync.offline')}
      </Badge>
      <Badge {...READABLE} color={pending > 0 ? 'orange' : 'teal'} data-pending={pending}>
        {pending > 0 ? t('sync.pending', { count: pending }) : t('sync.allOnServer')}
      </Badge>
      {progress && <SyncProgressBar progress={progress} language={i18n.language as Language} />}
      {refused > 0 && (
        <Badge {...READABLE} color="red" data-refused={refused}>
          {t('sync.refused', { count: refused })}
        </Badge>
      )}
      {heldNames.length > 0 && (
        <Badge {...READABLE} color="orange" data-held={held.join(' ')}>
          {t('sync.signInToSend', { names: heldNames.join(', '), count: heldNames.length })}
        </Badge>
      )}
      {/* A long sync shows its progress where the last sync time was. */}
      {showsLastSync(lastSyncedAt, signedIn) && !progress && (
        <Text size="sm" c="gray.8" lh="44px" style={{ whiteSpace: 'nowrap' }}>
          {lastSync}
        </Text>
      )}
      {problem && online && (
        // The reason can be long: the badge names the problem, a tap or focus shows the reason.
        <Tooltip
          label={problem.message[language] ?? problem.message.en}
          multiline
          w={280}
          events={{ hover: true, focus: true, touch: true }}
        >
          <Button
            size="sm"
            mih={44}
            color="red.9"
            style={{ flexShrink: 0 }}
            aria-label={`${t('sync.problem')}: ${problem.message[language] ?? problem.message.en}`}
          >
            {t('sync.problem')}
          </Button>
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
