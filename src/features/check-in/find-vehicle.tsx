import { Button, Card, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import { navigate } from '../../components/use-hash-route.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { useAuthor } from '../session/index.js';
import { fromLastVisit, searchVehicles, startCheckIn, type KnownVehicle } from './data.js';
import { dotJoin } from '../../components/dot-join.js';

/** "New check-in": find the car by plate, VIN or phone among the site's synced orders, or start fresh. */
export function NewCheckInButton({ database }: { database: LaneDatabase }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [found, setFound] = useState<KnownVehicle[]>([]);
  const showError = useSaveErrorNotice();
  const author = useAuthor();

  useEffect(() => {
    let current = true;
    void searchVehicles(database, text).then((vehicles) => current && setFound(vehicles));
    return () => {
      current = false;
    };
  }, [database, text]);

  const start = async (known?: KnownVehicle) => {
    try {
      const order = await startCheckIn(database, author, known && fromLastVisit(known));
      setOpen(false);
      navigate({ screen: 'order', id: order.id });
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <Button size="lg" leftSection={<IconPlus />} onClick={() => setOpen(true)}>
        {t('checkIn.newCheckIn')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('checkIn.find.title')} size="lg">
        <Stack>
          <TextInput
            size="lg"
            data-autofocus
            leftSection={<IconSearch />}
            label={t('checkIn.find.search')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          {text.trim().length >= 2 && found.length === 0 && (
            <Text c="dimmed">{t('checkIn.find.noMatch')}</Text>
          )}
          {found.map((known) => (
            <Card key={known.vehicle.vin || known.vehicle.plate} withBorder padding="sm">
              {/* The car's line wraps if it must; the button keeps its words whole. */}
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} miw={0} style={{ flex: 1 }}>
                  <Text fw={700}>
                    {dotJoin(known.vehicle.plate, known.vehicle.model, known.customer.name)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('checkIn.find.lastVisit', {
                      date: new Date(known.lastVisitAt).toLocaleDateString(i18n.language),
                      km: known.lastOdometerKm?.toLocaleString() ?? '—',
                      count: known.visits,
                    })}
                  </Text>
                </Stack>
                <Button style={{ flexShrink: 0 }} onClick={() => void start(known)}>
                  {t('checkIn.find.startFor', { plate: known.vehicle.plate || known.vehicle.vin })}
                </Button>
              </Group>
            </Card>
          ))}
          <Button variant="light" leftSection={<IconPlus />} onClick={() => void start()}>
            {t('checkIn.find.newVehicle')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
