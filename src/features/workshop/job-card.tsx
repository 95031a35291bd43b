import { Badge, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconTool } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../components/use-hash-route.js';
import type { WorkshopCard } from './board.js';
import { PromiseBadge, ReworkMark, StageBadge, TARGET_PX, useDisplayName } from './parts.js';

/** A bay number from the dispatch buttons is shown as "Bay 3"; a free-text bay as typed. */
export function useBayText(): (bay: string) => string {
  const { t } = useTranslation();
  return (bay) => (/^\d+$/.test(bay) ? t('workshop.card.bay', { bay }) : bay);
}

/**
 * One car in the workshop: big enough to read at arm's length and to tap
 * with a glove; a tap opens the job. `actions` go below (dispatch).
 */
export function JobCard({
  card,
  showStage = false,
  actions,
}: {
  card: WorkshopCard;
  showStage?: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const bayText = useBayText();
  const { order, job } = card;
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-order={order.orderNumber}
      style={{
        borderLeft: `8px solid var(--mantine-color-${card.reworkCount > 0 ? 'red-7' : 'gray-4'})`,
      }}
    >
      <UnstyledButton
        aria-label={t('workshop.card.open', { number: order.orderNumber })}
        onClick={() => navigate({ screen: 'job', id: order.id })}
        mih={TARGET_PX}
        w="100%"
      >
        <Stack gap={4}>
          <Text fw={800} size="xl" c="dark.9">
            {order.vehicle.plate || '—'}
          </Text>
          <Text fw={600} size="md" c="dark.7">
            {order.orderNumber}
          </Text>
          <Text size="md" c="dark.6" lineClamp={1}>
            {order.vehicle.model}
          </Text>
          <Text size="md" fw={600} c={job?.technician ? 'dark.9' : 'dimmed'}>
            {job?.technician
              ? `${displayName(job.technician)}${job.bay ? ` · ${bayText(job.bay)}` : ''}`
              : t('workshop.card.notDispatched')}
          </Text>
        </Stack>
      </UnstyledButton>
      <Group gap={6} mt="xs">
        {showStage && <StageBadge stage={card.stage} />}
        <PromiseBadge card={card} compact />
        <ReworkMark count={card.reworkCount} />
        {card.pendingAddedWork > 0 && (
          <Badge
            size="lg"
            color="orange"
            radius="sm"
            leftSection={<IconTool size={16} aria-hidden />}
          >
            {t('workshop.card.addedWork', { count: card.pendingAddedWork })}
          </Badge>
        )}
      </Group>
      {actions}
    </Card>
  );
}
