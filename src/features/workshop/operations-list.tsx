import { Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Job, RepairOperation, RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { tickOperation } from './data.js';
import {
  TARGET_PX,
  useDisplayName,
  useFormatTime,
  useWorkshopErrorNotice,
  useWorkshopUser,
} from './parts.js';

/** The order's operations as big tick boxes; each tick is saved at once with who and when. */
export function OperationsList(props: {
  database: LaneDatabase;
  order: RepairOrder;
  job: Job | null;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const operations = props.order.operations ?? [];
  return (
    <Stack component="section" aria-label={t('workshop.job.operations')} gap="sm">
      <Title order={3}>{t('workshop.job.operations')}</Title>
      {props.job && props.locked && props.job.technician && (
        <Text c="dimmed">{t('workshop.job.locked')}</Text>
      )}
      {operations.length === 0 && <Text c="dimmed">{t('workshop.job.noOperations')}</Text>}
      {operations.map((operation) => (
        <OperationTick key={operation.id} {...props} operation={operation} />
      ))}
    </Stack>
  );
}

function OperationTick(props: {
  database: LaneDatabase;
  order: RepairOrder;
  job: Job | null;
  locked: boolean;
  operation: RepairOperation;
}) {
  const user = useWorkshopUser();
  const showError = useWorkshopErrorNotice();
  const displayName = useDisplayName();
  const formatTime = useFormatTime();
  const { operation } = props;
  const entry = props.job?.operations.find((done) => done.operationId === operation.id);
  const done = entry?.done ?? false;
  const toggle = () =>
    void tickOperation(props.database, user, props.order.id, operation.id, !done).catch(showError);
  return (
    <Checkbox.Card
      checked={done}
      disabled={props.locked}
      onClick={props.locked ? undefined : toggle}
      aria-label={operation.description}
      radius="md"
      p="md"
      mih={TARGET_PX + 16}
      bg={done ? 'teal.0' : undefined}
      style={{ borderWidth: 2, opacity: props.locked ? 0.75 : 1 }}
    >
      <Group wrap="nowrap" align="center">
        <Checkbox.Indicator size="xl" color="teal" />
        <Stack gap={0}>
          <Text size="xl" fw={700} c="dark.9">
            {operation.description}
          </Text>
          {entry?.done && (
            <Text size="sm" c="dark.5">
              {displayName(entry.doneBy)} · {formatTime(entry.doneAt)}
            </Text>
          )}
        </Stack>
      </Group>
    </Checkbox.Card>
  );
}
