import { Alert, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VehicleHistory } from './data.js';

/** What the site's records say about this car: last visit and odometer, and problems carried over. */
export function HistoryBanner({ history }: { history: VehicleHistory }) {
  const { t, i18n } = useTranslation();
  if (history.lastVisitAt === undefined) return null;
  return (
    <Alert color={history.repeatRepair ? 'red' : 'blue'} variant="light">
      <Group gap="lg">
        <Text>
          {t('checkIn.lastVisit', {
            date: new Date(history.lastVisitAt).toLocaleDateString(i18n.language),
          })}
        </Text>
        {history.lastOdometerKm !== undefined && (
          <Text>{t('checkIn.lastOdometer', { km: history.lastOdometerKm.toLocaleString() })}</Text>
        )}
      </Group>
      {history.carriedOver.length > 0 && (
        <>
          <Text fw={600} mt="xs">
            {t('checkIn.carriedOver')}
          </Text>
          <List>
            {history.carriedOver.map(({ item, note }) => (
              <List.Item key={item}>
                {t(`checkIn.checklist.items.${item}`)}
                {note && ` — ${note}`}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
