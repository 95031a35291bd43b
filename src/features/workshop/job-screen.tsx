import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  DISPATCH_ROLES,
  jobEditBlocker,
  type Job,
  type RepairOrder,
  type Role,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { homeRouteFor, routeHref } from '../../components/use-hash-route.js';
import { AddedWorkPanel } from '../added-work/index.js';
import type { WorkshopCard } from './board.js';
import { useWorkshopCard, useWorkshopOrder } from './data.js';
import { DispatchAction } from './dispatch-modal.js';
import { FindingsList } from './findings-list.js';
import { useBayText } from './job-card.js';
import { OperationsList } from './operations-list.js';
import {
  PromiseBadge,
  ReworkMark,
  StageBadge,
  TARGET_PX,
  useDisplayName,
  useWorkshopUser,
} from './parts.js';
import { QcSection } from './qc-section.js';
import { ReworkList } from './rework-list.js';

/** Who works on the job itself (ticks, findings); others see it read-only. */
const WORKING_ROLES: readonly Role[] = ['technician', 'team-leader', 'foreman'];

/** One job in the bay: the car, its operations and findings, added work, the checks, rework. */
export function JobScreen({ database, orderId }: { database: LaneDatabase; orderId: string }) {
  const { t } = useTranslation();
  const user = useWorkshopUser();
  const { order, loading } = useWorkshopOrder(database, orderId);
  const card = useWorkshopCard(database, orderId);
  return (
    <Stack gap="lg">
      <Anchor href={routeHref(homeRouteFor(user.role))} size="lg" mih={TARGET_PX}>
        <Group gap={4} mih={TARGET_PX}>
          <IconArrowLeft aria-hidden />
          {t('workshop.job.back')}
        </Group>
      </Anchor>
      {!loading && !order && <Alert color="yellow">{t('workshop.job.notFound')}</Alert>}
      {order && card && <JobDetails database={database} order={order} card={card} />}
    </Stack>
  );
}

function JobDetails(props: { database: LaneDatabase; order: RepairOrder; card: WorkshopCard }) {
  const { database, order, card } = props;
  const user = useWorkshopUser();
  const job = card.job;
  // After a passed self-check the signed content must not change; a failed check reopens it.
  const locked =
    !job ||
    !WORKING_ROLES.includes(user.role) ||
    // The bay edits only its own jobs: the same rule the server judges the push by.
    jobEditBlocker(job, user) !== null ||
    card.stage === 'waiting-checks' ||
    card.stage === 'ready';
  return (
    <>
      <JobHeader order={order} card={card} />
      {DISPATCH_ROLES.includes(user.role) && card.stage !== 'ready' && (
        <DispatchAction database={database} card={card} />
      )}
      <OperationsList database={database} order={order} job={job} locked={locked} />
      {job && <FindingsList database={database} order={order} job={job} locked={locked} />}
      {job && <AddedWorkPanel database={database} orderId={order.id} jobId={job.id} />}
      {job && <QcSection database={database} order={order} job={job} />}
      <ReworkList database={database} orderId={order.id} />
    </>
  );
}

function JobHeader({ order, card }: { order: RepairOrder; card: WorkshopCard }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" align="start">
          <Stack gap={4}>
            <Title order={2}>{t('workshop.job.heading', { number: order.orderNumber })}</Title>
            <Group gap="sm">
              {order.vehicle.plate && (
                <Badge size="xl" color="dark" radius="sm">
                  {order.vehicle.plate}
                </Badge>
              )}
              <Text size="lg" fw={600}>
                {order.vehicle.model}
              </Text>
            </Group>
          </Stack>
          <Group gap="xs">
            <StageBadge stage={card.stage} />
            <ReworkMark count={card.reworkCount} />
          </Group>
        </Group>
        <Group gap="sm">
          <PromiseBadge card={card} />
          <Assignment job={card.job} />
        </Group>
        <Stack gap={2}>
          <Text fw={700}>{t('workshop.job.concern')}</Text>
          <Text size="lg">{order.concern || '—'}</Text>
        </Stack>
      </Stack>
    </Card>
  );
}

function Assignment({ job }: { job: Job | null }) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const bayText = useBayText();
  if (!job?.technician)
    return (
      <Text size="lg" c="dimmed">
        {t('workshop.job.notDispatched')}
      </Text>
    );
  return (
    <Text size="lg" fw={700}>
      {t('workshop.card.technician', { name: displayName(job.technician) })}
      {job.bay && ` · ${bayText(job.bay)}`}
    </Text>
  );
}
