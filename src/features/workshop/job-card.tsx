import { Badge, Card, Group, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
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

/** "№0003" for RO-20261204-0003: the order's number within its day. */
export function daySerialOf(orderNumber: string): string {
  const serial = /-(\d+)$/.exec(orderNumber)?.[1];
  return serial ? `№${serial}` : orderNumber;
}

/**
 * One car in the workshop: big enough to read at arm's length and to tap
 * with a glove; a tap opens the job. `actions` go below (dispatch).
 * `compact` is the board's card, about half the height of the full one, so
 * five columns stand side by side also in portrait and four to six cars
 * show per column; nothing is cut — a long model or name wraps instead.
 */
export function JobCard({
  card,
  showStage = false,
  compact = false,
  actions,
}: {
  card: WorkshopCard;
  showStage?: boolean;
  compact?: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const bayText = useBayText();
  const { order, job } = card;
  const detail = compact ? 'sm' : 'md';
  return (
    <Card
      withBorder
      padding={compact ? 8 : 'sm'}
      radius="md"
      data-order={order.orderNumber}
      style={{
        borderLeft: `${compact ? 6 : 8}px solid var(--mantine-color-${card.reworkCount > 0 ? 'red-7' : 'gray-4'})`,
      }}
    >
      <UnstyledButton
        onClick={() => navigate({ screen: 'job', id: order.id })}
        mih={TARGET_PX}
        w="100%"
      >
        {/* The name a screen reader reads is what the card shows, after "Open job". */}
        <VisuallyHidden>{t('workshop.card.open')} </VisuallyHidden>
        <Stack gap={compact ? 0 : 4}>
          {compact ? (
            // One line: the plate the foreman knows the car by, and the order's number of
            // the day; the whole number is read out, and shown on the job.
            // In a portrait column (140 px) the number goes under the plate.
            <Group
              gap={0}
              wrap="wrap"
              justify="space-between"
              align="baseline"
              style={{ columnGap: 6 }}
            >
              <Text fw={800} size="lg" c="dark.9" style={{ whiteSpace: 'nowrap' }}>
                {order.vehicle.plate || '—'}
              </Text>
              <Text fw={600} size="xs" c="dark.7" style={{ whiteSpace: 'nowrap' }}>
                <VisuallyHidden>{order.orderNumber}</VisuallyHidden>
                <span aria-hidden>{daySerialOf(order.orderNumber)}</span>
              </Text>
            </Group>
          ) : (
            <>
              <Text fw={800} size="xl" c="dark.9" style={{ whiteSpace: 'nowrap' }}>
                {order.vehicle.plate || '—'}
              </Text>
              <Text fw={600} size="md" c="dark.7" style={{ whiteSpace: 'nowrap' }}>
                {order.orderNumber}
              </Text>
            </>
          )}
          {order.vehicle.model && (
            <Text size={detail} c="dark.6">
              {order.vehicle.model}
            </Text>
          )}
          <Text size={detail} fw={600} c={job?.technician ? 'dark.9' : 'dimmed'}>
            {job?.technician
              ? `${displayName(job.technician)}${job.bay ? ` · ${bayText(job.bay)}` : ''}`
              : t('workshop.card.notDispatched')}
          </Text>
        </Stack>
      </UnstyledButton>
      <Group gap={compact ? 4 : 6} mt={compact ? 4 : 'xs'}>
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
