import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconClock, IconRotateClockwise } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobStage } from '../../schema/index.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { useCodedText, useCurrentUser, useSiteUsers } from '../session/index.js';
import type { Lateness, WorkshopCard } from './board.js';
import { WorkshopRuleError, type WorkshopUser } from './data.js';

/** Gloves at arm's length: every control on the workshop screens is at least this tall. */
export const TARGET_PX = 56;

/** Modal titles as large as the screens' headings. */
export const MODAL_TITLE = {
  title: { fontSize: 'var(--mantine-h2-font-size)', fontWeight: 700 },
} as const;

export const STAGE_COLORS: Record<JobStage, string> = {
  'waiting-dispatch': 'gray',
  'in-bay': 'blue',
  'waiting-checks': 'violet',
  rework: 'red',
  ready: 'teal',
};

/** The signed-in person as the workshop rules see them. */
export function useWorkshopUser(): WorkshopUser {
  const { username, siteId, role } = useCurrentUser();
  return useMemo(() => ({ username, siteId, role }), [username, siteId, role]);
}

/** A username as the person's name; the username itself for someone not in the directory. */
export function useDisplayName(): (username: string) => string {
  const users = useSiteUsers();
  return useCallback(
    (username: string) => users.find((user) => user.username === username)?.displayName ?? username,
    [users],
  );
}

/** A time as the workshop reads it: 24-hour clock, with the date only when it is not today. */
export function useFormatTime(): (at: number) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (at: number) => {
      const today = new Date().toDateString() === new Date(at).toDateString();
      return new Date(at).toLocaleString(i18n.language, {
        ...(today ? {} : { month: 'numeric', day: 'numeric' }),
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    },
    [i18n.language],
  );
}

/** A refused action in the user's language; a failed save as the usual save notice. */
export function useWorkshopErrorNotice(): (error: unknown) => void {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const showSaveError = useSaveErrorNotice();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof WorkshopRuleError)) return showSaveError(error);
      notifications.show({
        color: 'red',
        title: t('errors.title'),
        message: codedText(error.code),
        autoClose: false,
      });
    },
    [t, codedText, showSaveError],
  );
}

export function StageBadge({ stage }: { stage: JobStage }) {
  const { t } = useTranslation();
  return (
    <Badge size="xl" color={STAGE_COLORS[stage]} variant="filled" radius="sm" data-stage={stage}>
      {t(`workshop.stage.${stage}`)}
    </Badge>
  );
}

/** The red rework mark that stays on an order once a check has failed. */
export function ReworkMark({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge
      size="xl"
      color="red"
      variant="filled"
      radius="sm"
      leftSection={<IconRotateClockwise size={18} aria-hidden />}
      data-rework-mark={count}
    >
      {t('workshop.card.reworkMark', { count })}
    </Badge>
  );
}

const LATENESS_COLORS: Record<Lateness, string> = {
  'on-time': 'dark.7',
  'due-soon': 'orange.8',
  late: 'red.8',
};

/**
 * The promised time; past it, or within 10 minutes of it and not ready, a
 * filled warning. `compact` (board cards) leaves out the word "Promised".
 */
export function PromiseBadge({
  card,
  compact = false,
}: {
  card: Pick<WorkshopCard, 'promisedAt' | 'lateness'>;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const warning =
    card.lateness === 'late' ? 'late' : card.lateness === 'due-soon' ? 'dueSoon' : null;
  const color = LATENESS_COLORS[card.lateness];
  const time =
    card.promisedAt === undefined
      ? t(compact ? 'workshop.card.noPromiseShort' : 'workshop.card.noPromise')
      : t('workshop.card.promised', { time: formatTime(card.promisedAt) });
  const Icon = warning ? IconAlertTriangle : IconClock;
  return (
    <Group
      gap={4}
      wrap="nowrap"
      px={8}
      py={2}
      bg={warning ? color : undefined}
      c={warning ? 'white' : color}
      style={{ borderRadius: 'var(--mantine-radius-sm)', border: '2px solid currentColor' }}
      data-lateness={card.lateness}
    >
      <Icon size={compact ? 18 : 20} aria-hidden style={{ flex: 'none' }} />
      <Text size={compact ? 'sm' : 'md'} fw={700} c="inherit">
        {warning && `${t(`workshop.card.${warning}`)} · `}
        {compact && card.promisedAt !== undefined ? (
          <>
            <VisuallyHidden>{time}</VisuallyHidden>
            <span aria-hidden>{formatTime(card.promisedAt)}</span>
          </>
        ) : (
          time
        )}
      </Text>
    </Group>
  );
}
