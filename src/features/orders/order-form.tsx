import {
  Alert,
  Anchor,
  Card,
  Group,
  List,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ERROR_MESSAGES,
  FUEL_EIGHTHS_MAX,
  normaliseVin,
  REPAIR_ORDER_STATUSES,
  type ErrorCode,
  type RepairOrder,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Language } from '../../i18n/index.js';
import { routeHref } from '../../components/use-hash-route.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { currentUser } from '../session/current-user.js';
import { editRepairOrder, useRepairOrder, type RepairOrderEdit } from './data.js';
import { useAutosaveForm, vinHint } from './autosave-form.js';

export function OrderScreen({ database, id }: { database: LaneDatabase; id: string }) {
  const { t } = useTranslation();
  const { order, loading } = useRepairOrder(database, id);
  return (
    <Stack gap="md">
      <Anchor href={routeHref({ screen: 'orders' })} size="lg">
        <Group gap={4}>
          <IconArrowLeft size={20} />
          {t('order.back')}
        </Group>
      </Anchor>
      {!loading && !order && <Alert color="yellow">{t('order.notFound')}</Alert>}
      {order && <OrderForm key={order.id} database={database} order={order} />}
    </Stack>
  );
}

function OrderForm({ database, order }: { database: LaneDatabase; order: RepairOrder }) {
  const { t, i18n } = useTranslation();
  const showSaveError = useSaveErrorNotice();
  const save = useCallback(
    (edit: RepairOrderEdit) =>
      editRepairOrder(database, currentUser, order.id, edit).catch(showSaveError),
    [database, order.id, showSaveError],
  );
  const form = useAutosaveForm(order, save);
  const { register, control, formState } = form;
  const language = i18n.language as Language;
  const message = (code: string | undefined) =>
    code && code in ERROR_MESSAGES ? ERROR_MESSAGES[code as ErrorCode][language] : undefined;
  const vinWarning = message(vinHint(useWatch({ control, name: 'vin' })) ?? undefined);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('order.heading', { number: order.orderNumber })}</Title>
        <NativeSelect
          size="md"
          label={t('order.fields.status')}
          data={REPAIR_ORDER_STATUSES.map((status) => ({
            value: status,
            label: t(`status.${status}`),
          }))}
          data-field="status"
          {...register('status')}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('order.savedLocally')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            {t('order.sections.customer')}
          </Title>
          <Stack>
            <TextInput
              size="lg"
              label={t('order.fields.customerName')}
              data-field="customerName"
              {...register('customerName')}
            />
            <TextInput
              size="lg"
              type="tel"
              inputMode="tel"
              label={t('order.fields.customerPhone')}
              data-field="customerPhone"
              error={message(formState.errors.customerPhone?.message)}
              {...register('customerPhone')}
            />
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            {t('order.sections.vehicle')}
          </Title>
          <Stack>
            <Controller
              control={control}
              name="vin"
              render={({ field, fieldState }) => (
                <TextInput
                  size="lg"
                  label={t('order.fields.vin')}
                  description={t('order.fields.vinHint')}
                  maxLength={17}
                  autoCapitalize="characters"
                  data-field="vin"
                  error={message(fieldState.error?.message) ?? vinWarning}
                  value={field.value}
                  onBlur={field.onBlur}
                  onChange={(event) => field.onChange(normaliseVin(event.currentTarget.value))}
                />
              )}
            />
            <SimpleGrid cols={2}>
              <TextInput
                size="lg"
                label={t('order.fields.plate')}
                data-field="plate"
                {...register('plate')}
              />
              <TextInput
                size="lg"
                label={t('order.fields.model')}
                data-field="model"
                {...register('model')}
              />
              <TextInput
                size="lg"
                label={t('order.fields.colour')}
                data-field="colour"
                {...register('colour')}
              />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            {t('order.sections.readings')}
          </Title>
          <Stack>
            <Controller
              control={control}
              name="odometerKm"
              render={({ field, fieldState }) => (
                <NumberInput
                  size="lg"
                  label={t('order.fields.odometer')}
                  thousandSeparator=","
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                  data-field="odometerKm"
                  error={message(fieldState.error?.message)}
                  value={field.value}
                  onBlur={field.onBlur}
                  onChange={(value) => field.onChange(typeof value === 'number' ? value : '')}
                />
              )}
            />
            <Controller
              control={control}
              name="fuelEighths"
              render={({ field }) => (
                <Stack gap={4}>
                  <Text fw={500} size="lg" id="fuel-label">
                    {t('order.fields.fuel')}
                  </Text>
                  <SegmentedControl
                    size="md"
                    fullWidth
                    aria-labelledby="fuel-label"
                    data-field="fuelEighths"
                    value={field.value === null ? '' : String(field.value)}
                    onChange={(value) => field.onChange(Number(value))}
                    data={Array.from({ length: FUEL_EIGHTHS_MAX + 1 }, (_, eighths) => ({
                      value: String(eighths),
                      label: fuelLabel(eighths, t),
                    }))}
                  />
                </Stack>
              )}
            />
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            {t('order.sections.concern')}
          </Title>
          <Textarea
            size="lg"
            autosize
            minRows={4}
            label={t('order.fields.concern')}
            description={t('order.fields.concernHint')}
            data-field="concern"
            {...register('concern')}
          />
        </Card>
      </SimpleGrid>
      {order.conflicts.length > 0 && <ConflictList order={order} />}
    </Stack>
  );
}

function fuelLabel(eighths: number, t: TFunction): string {
  if (eighths === 0) return t('order.fields.fuelEmpty');
  if (eighths === FUEL_EIGHTHS_MAX) return t('order.fields.fuelFull');
  return t('order.fields.fuelEighths', { count: eighths });
}

function ConflictList({ order }: { order: RepairOrder }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('order.conflictsTitle')}>
      <List>
        {order.conflicts.map((conflict) => (
          <List.Item key={`${conflict.path}-${conflict.lostAt}-${conflict.resolvedAt}`}>
            {t('order.conflictLine', {
              field: conflict.path,
              lost: JSON.parse(conflict.lostValue) as string,
              kept: JSON.parse(conflict.keptValue) as string,
              by: conflict.lostBy,
            })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
