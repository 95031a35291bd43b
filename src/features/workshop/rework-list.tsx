import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isReopening } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useReworks } from './data.js';
import { ReworkMark, useDisplayName, useFormatTime } from './parts.js';

/** The order's rework records (返修): what failed, who failed it, the cause, who took it back. */
export function ReworkList({ database, orderId }: { database: LaneDatabase; orderId: string }) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const formatTime = useFormatTime();
  const reworks = useReworks(database, orderId);
  return (
    <Stack component="section" aria-label={t('workshop.rework.title')} gap="sm">
      <Group gap="sm">
        <Title order={3}>{t('workshop.rework.title')}</Title>
        <ReworkMark count={reworks.length} />
      </Group>
      {reworks.length === 0 && <Text c="dimmed">{t('workshop.rework.none')}</Text>}
      {reworks.map((rework) => (
        <Card
          key={rework.id}
          withBorder
          padding="sm"
          style={{ borderLeft: '8px solid var(--mantine-color-red-7)' }}
        >
          <Text size="lg" fw={700} c="red.8">
            {isReopening(rework)
              ? t('workshop.rework.reopenedBy', {
                  name: displayName(rework.failedBy),
                  time: formatTime(rework.createdAt),
                })
              : t('workshop.rework.failedAt', {
                  level: t(`workshop.level.${rework.level}`),
                  name: displayName(rework.failedBy),
                  time: formatTime(rework.createdAt),
                })}
          </Text>
          <Text size="lg">
            {t(
              isReopening(rework) ? 'workshop.rework.reopenReason' : 'workshop.rework.whatFailed',
              {
                text: rework.whatFailed,
              },
            )}
          </Text>
          {rework.cause && (
            <Text size="md">{t('workshop.rework.cause', { text: rework.cause })}</Text>
          )}
          <Text size="md" fw={600}>
            {t('workshop.rework.backTo', { name: displayName(rework.technician) })}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
