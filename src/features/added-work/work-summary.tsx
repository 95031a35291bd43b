import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AddedWork, AddedWorkStatus } from '../../schema/index.js';
import { PhotoThumbnails } from '../photos/index.js';
import { formatYuan, totalFen } from './money.js';
import { useDisplayName, useFormatTime } from './use-texts.js';

const STATUS_COLOURS: Record<AddedWorkStatus, string> = {
  requested: 'orange',
  priced: 'yellow',
  approved: 'green',
  declined: 'gray',
  started: 'blue',
  done: 'teal',
};

export function AddedWorkStatusBadge({ status }: { status: AddedWorkStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="xl" tt="none" color={STATUS_COLOURS[status]} data-status={status}>
      {t(`addedWork.status.${status}`)}
    </Badge>
  );
}

/** What both sides see of one request: operation, finding, evidence, price, time, who and when. */
export function WorkSummary({ work }: { work: AddedWork }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const displayName = useDisplayName();
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={4} size="h3">
          {work.operation}
        </Title>
        <Group gap="xs" role="status">
          <AddedWorkStatusBadge status={work.status} />
        </Group>
      </Group>
      {work.status === 'declined' && (
        <Text fw={700} c="dimmed">
          {t('addedWork.recommendation')}
        </Text>
      )}
      <Text size="lg">{t('addedWork.finding', { text: work.finding })}</Text>
      {work.evidencePhotoIds.length > 0 && <PhotoThumbnails ids={work.evidencePhotoIds} />}
      <Text size="lg">
        {t('addedWork.estimate', {
          parts: formatYuan(work.partsFen),
          labour: formatYuan(work.labourFen),
          minutes: work.minutes,
        })}{' '}
        · <strong>{t('addedWork.total', { total: formatYuan(totalFen(work)) })}</strong>
      </Text>
      {work.promisedDeliveryAt > 0 && (
        <Text>{t('addedWork.newPromise', { time: formatTime(work.promisedDeliveryAt) })}</Text>
      )}
      <Text size="sm" c="dimmed">
        {t('addedWork.requestedBy', {
          name: displayName(work.createdBy),
          time: formatTime(work.createdAt),
        })}
        {work.pricedBy &&
          ` · ${t('addedWork.pricedBy', { name: displayName(work.pricedBy), time: formatTime(work.pricedAt) })}`}
      </Text>
    </Stack>
  );
}
