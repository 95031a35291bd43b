import {
  Badge,
  Card,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { recordActionAllowed, type RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { navigate } from '../../components/use-hash-route.js';
import { useCurrentUser } from '../session/index.js';
import { useTodaysOrders } from './data.js';
import { dotJoin } from '../../components/dot-join.js';

/** Today's repair orders, newest first, with a large button to start a new one. */
/** `newOrderButton`: how a new order starts (the check-in feature's find-or-start). */
export function OrderList({
  database,
  newOrderButton,
}: {
  database: LaneDatabase;
  newOrderButton: ReactNode;
}) {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  const { orders, loading } = useTodaysOrders(database);
  const [search, setSearch] = useState('');
  const shown = useMemo(() => filterOrders(orders, search), [orders, search]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('orders.today')}</Title>
        {/* The same rule the server judges a new order by: the advisor side starts orders. */}
        {recordActionAllowed('repair_orders', 'create', role) && newOrderButton}
      </Group>
      <TextInput
        size="lg"
        aria-label={t('orders.search')}
        placeholder={t('orders.search')}
        leftSection={<IconSearch />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {loading && <Text>{t('orders.loading')}</Text>}
      {!loading && shown.length === 0 && <Text c="dimmed">{t('orders.empty')}</Text>}
      <Stack
        gap="sm"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('orders.today')}
      >
        {shown.map((order) => (
          <li key={order.id}>
            <OrderCard order={order} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function OrderCard({ order }: { order: RepairOrder }) {
  const { t, i18n } = useTranslation();
  return (
    <UnstyledButton w="100%" onClick={() => navigate({ screen: 'order', id: order.id })}>
      {/* The name a screen reader reads is what the card shows, after "Open order". */}
      <VisuallyHidden>{t('orders.open')} </VisuallyHidden>
      <Card withBorder padding="md" radius="md" mih={72}>
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={700} size="lg">
              {order.vehicle.plate || '—'} · {order.customer.name || '—'}
            </Text>
            <Text size="sm" c="dimmed">
              {dotJoin(order.orderNumber, order.vehicle.model)}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {new Date(order.createdAt).toLocaleTimeString(i18n.language, {
                hour: '2-digit',
                minute: '2-digit',
              })}
            </Text>
            <Badge size="lg" variant="light">
              {t(`status.${order.status}`)}
            </Badge>
          </Group>
        </Group>
      </Card>
    </UnstyledButton>
  );
}

export function filterOrders(orders: RepairOrder[], search: string): RepairOrder[] {
  const needle = search.trim().toUpperCase();
  if (!needle) return orders;
  return orders.filter((order) =>
    [
      order.orderNumber,
      order.vehicle.plate,
      order.vehicle.vin,
      order.customer.name,
      order.customer.phone,
    ].some((value) => value.toUpperCase().includes(needle)),
  );
}
