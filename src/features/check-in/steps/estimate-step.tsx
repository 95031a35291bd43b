import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  estimateTotals,
  newDocumentId,
  PAYMENT_METHODS,
  type RepairOperation,
} from '../../../schema/index.js';
import type { StepProps } from '../step-context.js';
import { checkboxTargetStyles } from '../../../components/lane-targets.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);
const toFen = (value: number | string) => (typeof value === 'number' ? Math.round(value * 100) : 0);
const toLocalInput = (ms: number | undefined) =>
  ms === undefined ? '' : dayjs(ms).format('YYYY-MM-DDTHH:mm');

/** Proposed operations with labour and parts estimates (S for warranty), times, payment, next service. */
export function EstimateStep({ order, saveOrder }: StepProps) {
  const { t } = useTranslation();
  const operations = order.operations ?? [];
  const totals = estimateTotals(operations);
  const setOperation = (id: string, change: Partial<RepairOperation>) =>
    void saveOrder((current) => ({
      operations: (current.operations ?? []).map((operation) =>
        operation.id === id ? { ...operation, ...change } : operation,
      ),
    }));
  const setTime = (field: 'estimatedCompletionAt' | 'promisedDeliveryAt', value: string) => {
    const ms = dayjs(value).valueOf();
    if (value && Number.isFinite(ms)) void saveOrder({ [field]: ms });
  };

  return (
    <Stack>
      {operations.map((operation, index) => (
        <Group key={operation.id} align="end" wrap="nowrap">
          <TextInput
            size="md"
            style={{ flex: 3 }}
            label={`${index + 1}. ${t('checkIn.estimate.operation')}`}
            defaultValue={operation.description}
            onChange={(event) =>
              setOperation(operation.id, { description: event.currentTarget.value })
            }
          />
          <NumberInput
            size="md"
            style={{ flex: 1 }}
            label={t('checkIn.estimate.labour')}
            decimalScale={2}
            min={0}
            hideControls
            defaultValue={operation.labourFen / 100}
            onChange={(value) => setOperation(operation.id, { labourFen: toFen(value) })}
          />
          <NumberInput
            size="md"
            style={{ flex: 1 }}
            label={t('checkIn.estimate.parts')}
            decimalScale={2}
            min={0}
            hideControls
            defaultValue={operation.partsFen / 100}
            onChange={(value) => setOperation(operation.id, { partsFen: toFen(value) })}
          />
          <Checkbox
            size="lg"
            styles={checkboxTargetStyles}
            label={t('checkIn.estimate.warranty')}
            checked={operation.warranty}
            onChange={(event) =>
              setOperation(operation.id, { warranty: event.currentTarget.checked })
            }
          />
          <ActionIcon
            size={44}
            variant="light"
            color="red"
            aria-label={t('checkIn.estimate.remove', { number: index + 1 })}
            onClick={() =>
              void saveOrder((current) => ({
                operations: (current.operations ?? []).filter((other) => other.id !== operation.id),
              }))
            }
          >
            <IconTrash />
          </ActionIcon>
        </Group>
      ))}
      <Group justify="space-between">
        <Button
          variant="light"
          leftSection={<IconPlus />}
          onClick={() =>
            void saveOrder((current) => ({
              operations: [
                ...(current.operations ?? []),
                {
                  id: newDocumentId(),
                  description: '',
                  labourFen: 0,
                  partsFen: 0,
                  warranty: false,
                },
              ],
            }))
          }
        >
          {t('checkIn.estimate.add')}
        </Button>
        <Text fw={700} size="lg">
          {t('checkIn.estimate.totals', {
            labour: yuan(totals.labourFen),
            parts: yuan(totals.partsFen),
            total: yuan(totals.totalFen),
          })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          size="lg"
          type="datetime-local"
          label={t('checkIn.estimate.completion')}
          defaultValue={toLocalInput(order.estimatedCompletionAt)}
          onChange={(event) => setTime('estimatedCompletionAt', event.currentTarget.value)}
        />
        <TextInput
          size="lg"
          type="datetime-local"
          label={t('checkIn.estimate.delivery')}
          defaultValue={toLocalInput(order.promisedDeliveryAt)}
          onChange={(event) => setTime('promisedDeliveryAt', event.currentTarget.value)}
        />
        <NativeSelect
          size="lg"
          label={t('checkIn.estimate.payment')}
          value={order.paymentMethod ?? ''}
          onChange={(event) =>
            void saveOrder({
              paymentMethod: event.currentTarget.value as (typeof PAYMENT_METHODS)[number],
            })
          }
          data={[
            { value: '', label: '—', disabled: true },
            ...PAYMENT_METHODS.map((method) => ({
              value: method,
              label: t(`checkIn.estimate.payments.${method}`),
            })),
          ]}
        />
        <NumberInput
          size="lg"
          label={t('checkIn.estimate.nextServiceKm')}
          thousandSeparator=","
          allowDecimal={false}
          min={0}
          hideControls
          defaultValue={order.nextServiceKm}
          onChange={(value) =>
            typeof value === 'number' && void saveOrder({ nextServiceKm: value })
          }
        />
        <TextInput
          size="lg"
          type="date"
          label={t('checkIn.estimate.nextServiceDate')}
          defaultValue={order.nextServiceDate ?? ''}
          onChange={(event) => void saveOrder({ nextServiceDate: event.currentTarget.value })}
        />
      </SimpleGrid>
    </Stack>
  );
}
