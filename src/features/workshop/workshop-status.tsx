import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconTool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import { routeHref } from '../../components/use-hash-route.js';
import { useWorkshopCard } from './data.js';
import { useBayText } from './job-card.js';
import { PromiseBadge, ReworkMark, StageBadge, TARGET_PX, useDisplayName } from './parts.js';

/**
 * The workshop's state of one order, for the advisor's order screen: stage,
 * technician and bay, the red rework mark, and ready for delivery once the
 * final check has passed. Nothing until the order has reached the workshop.
 */
export function WorkshopStatus({ database, orderId }: { database: LaneDatabase; orderId: string }) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const bayText = useBayText();
  const card = useWorkshopCard(database, orderId);
  if (!card || !['checked-in', 'in-workshop', 'ready', 'delivered'].includes(card.order.status))
    return null;
  const { job } = card;
  return (
    <Card withBorder component="section" aria-label={t('workshop.status.title')} padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={3}>{t('workshop.status.title')}</Title>
            <StageBadge stage={card.stage} />
            <ReworkMark count={card.reworkCount} />
          </Group>
          <Button
            component="a"
            href={routeHref({ screen: 'job', id: orderId })}
            variant="light"
            mih={TARGET_PX}
            leftSection={<IconTool aria-hidden />}
          >
            {t('workshop.status.openJob')}
          </Button>
        </Group>
        <Group gap="sm">
          <Text size="lg" fw={600}>
            {job?.technician
              ? `${t('workshop.card.technician', { name: displayName(job.technician) })}${job.bay ? ` · ${bayText(job.bay)}` : ''}`
              : t('workshop.card.notDispatched')}
          </Text>
          <PromiseBadge card={card} />
        </Group>
        {card.stage === 'ready' && (
          <Alert color="teal" variant="filled" icon={<IconCircleCheck aria-hidden />}>
            <Text size="lg" fw={700}>
              {t('workshop.status.ready')}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
