import { AppShell, Container, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from './db/create-database.js';
import { LANGUAGES } from './i18n/index.js';
import { useHashRoute } from './components/use-hash-route.js';
import { OrderList } from './features/orders/order-list.js';
import { NewCheckInButton, WalkaroundScreen } from './features/check-in/index.js';
import { SyncIndicator } from './features/sync/sync-indicator.js';
import { UploadProgress } from './features/photos/index.js';
import { UpdatePrompt } from './features/pwa/update-prompt.js';
import { StorageStatus } from './features/pwa/storage-status.js';
import { currentUser } from './features/session/current-user.js';

export function App({ database }: { database: LaneDatabase }) {
  const { t, i18n } = useTranslation();
  const route = useHashRoute();
  return (
    <AppShell header={{ height: 72 }} footer={{ height: 36 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <Title order={1} size="h3" visibleFrom="md">
              {t('app.title')}
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <SyncIndicator database={database} />
            <UploadProgress />
          </Group>
          <SegmentedControl
            aria-label={t('language.label')}
            value={i18n.language}
            onChange={(language) => void i18n.changeLanguage(language)}
            data={LANGUAGES.map((language) => ({
              value: language,
              label: language === 'en' ? t('language.en') : t('language.zh'),
            }))}
          />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <UpdatePrompt />
        <Container size="lg" px={0}>
          {route.screen === 'order' ? (
            <WalkaroundScreen database={database} orderId={route.id} />
          ) : (
            <OrderList
              database={database}
              newOrderButton={<NewCheckInButton database={database} />}
            />
          )}
        </Container>
      </AppShell.Main>
      <AppShell.Footer>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Text size="xs" c="dimmed" truncate="end">
            {t('app.signedInAs', { name: currentUser.displayName })} · {t('app.demoNotice')}
          </Text>
          <StorageStatus />
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}
