import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANCEL_REASON_MAX,
  REPAIR_ORDER_STATUSES,
  orderCancelAllowed,
  orderEditBlocker,
  recordActionAllowed,
  statusChoiceAllowed,
  type RepairOrder,
  type RepairOrderStatus,
} from '../../schema/index.js';
import { useCurrentUser } from '../session/index.js';
import type { RepairOrderChange } from './data.js';

/**
 * The order's status menu. It offers only what the shared rules allow the
 * signed-in person (record-lifecycle.ts, as the server judges it); an order is
 * never deleted: cancelling asks for a reason, kept with the order.
 */
export function OrderStatusSelect({
  order,
  saveOrder,
}: {
  order: RepairOrder;
  saveOrder: (change: RepairOrderChange) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  const [cancelling, setCancelling] = useState(false);
  const offered = (status: RepairOrderStatus) => {
    if (status === order.status) return true;
    if (!statusChoiceAllowed(order.status, status)) return false;
    if (status === 'cancelled') return orderCancelAllowed(role);
    return orderEditBlocker(order, { ...order, status }, role) === null;
  };
  const editable =
    recordActionAllowed('repair_orders', 'edit', role) &&
    REPAIR_ORDER_STATUSES.some((status) => status !== order.status && offered(status));
  const choose = (status: RepairOrderStatus) => {
    if (status === 'cancelled') setCancelling(true);
    else void saveOrder({ status });
  };
  return (
    <Stack gap={4}>
      <NativeSelect
        size="md"
        label={t('order.fields.status')}
        value={order.status}
        disabled={!editable}
        description={editable ? undefined : t('orderStatus.statusLocked')}
        onChange={(event) => choose(event.currentTarget.value as RepairOrderStatus)}
        data={REPAIR_ORDER_STATUSES.map((status) => ({
          value: status,
          label: t(`status.${status}`),
          disabled: !offered(status),
        }))}
      />
      {order.status === 'cancelled' && order.cancelReason && (
        <Text size="sm" c="dimmed">
          {t('orderStatus.cancel.cancelled', { reason: order.cancelReason })}
        </Text>
      )}
      {cancelling && (
        <CancelOrderDialog
          order={order}
          onClose={() => setCancelling(false)}
          onCancel={(cancelReason) => saveOrder({ status: 'cancelled', cancelReason })}
        />
      )}
    </Stack>
  );
}

function CancelOrderDialog({
  order,
  onClose,
  onCancel,
}: {
  order: RepairOrder;
  onClose: () => void;
  onCancel: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const confirm = async () => {
    setSaving(true);
    try {
      await onCancel(reason.trim());
      onClose();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('orderStatus.cancel.title', { number: order.orderNumber })}
      closeButtonProps={{ 'aria-label': t('orderStatus.cancel.back') }}
    >
      <Stack gap="md">
        <Text>{t('orderStatus.cancel.explain')}</Text>
        <Textarea
          size="lg"
          label={t('orderStatus.cancel.reason')}
          value={reason}
          maxLength={CANCEL_REASON_MAX}
          autosize
          minRows={2}
          required
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" size="lg" onClick={onClose}>
            {t('orderStatus.cancel.back')}
          </Button>
          <Button
            color="red"
            size="lg"
            disabled={reason.trim() === ''}
            loading={saving}
            onClick={() => void confirm()}
          >
            {t('orderStatus.cancel.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
