import { AppShell, Container, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from './db/create-database.js';
import { LANGUAGES } from './i18n/index.js';
import { useHashRoute } from './components/use-hash-route.js';
import { OrderList } from './features/orders/order-list.js';
import { NewCheckInButton, WalkaroundScreen } from './features/check-in/index.js';
import { SyncIndicator } from './features/sync/sync-indicator.js';
import { UploadProgress } from './features/photos/index.js';
import { AddedWorkBadge } from './features/added-work/index.js';
import { DispatchBoard, JobScreen, MyJobs, WorkshopNav } from './features/workshop/index.js';
import { UpdatePrompt } from './features/pwa/update-prompt.js';
import { StorageStatus } from './features/pwa/storage-status.js';
import { UsersAdminScreen } from './features/admin/index.js';
import {
  LockScreen,
  SessionHeader,
  useCurrentUser,
  useIdleLock,
  useSession,
} from './features/session/index.js';

export function App({ database }: { database: LaneDatabase }) {
  const route = useHashRoute();
  const signedIn = useSession((state) => state.user !== null);
  const userId = useSession((state) => state.user?.id ?? null);
  useIdleLock(signedIn);
  // A message was for the person who caused it: the next one at the tablet starts clean.
  useEffect(() => notifications.clean(), [userId]);
  // Nobody at the tablet: only the way in, behind the same header.
  if (!signedIn) {
    return (
      <AppShell header={{ height: 72 }} padding="md">
        <AppHeader database={database} />
        <LockScreen>
          <UpdatePrompt />
        </LockScreen>
      </AppShell>
    );
  }
  return (
    <AppShell header={{ height: 72 }} footer={{ height: 36 }} padding="md">
      <AppHeader database={database} />
      <AppShell.Main>
        <UpdatePrompt />
        <Container size="lg" px={0}>
          {route.screen === 'order' ? (
            <WalkaroundScreen database={database} orderId={route.id} />
          ) : route.screen === 'board' ? (
            <DispatchBoard database={database} />
          ) : route.screen === 'jobs' ? (
            <MyJobs database={database} />
          ) : route.screen === 'job' ? (
            <JobScreen database={database} orderId={route.id} />
          ) : route.screen === 'admin' ? (
            <UsersAdminScreen />
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
          <SignedInAs />
          <StorageStatus />
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}

function AppHeader({ database }: { database: LaneDatabase }) {
  const { t, i18n } = useTranslation();
  return (
    <AppShell.Header>
      <Group h="100%" px="md" justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          {/* Below a wide screen the header's room goes to the user and sync state. */}
          <Title order={1} size="h3" visibleFrom="lg">
            {t('app.title')}
          </Title>
        </Group>
        <WorkshopNav />
        <Group gap="xs" wrap="nowrap">
          <SyncIndicator database={database} />
          <UploadProgress />
          <AddedWorkBadge database={database} />
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
        <SessionHeader />
      </Group>
    </AppShell.Header>
  );
}

function SignedInAs() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const role = t(`session.roles.${user.role}`);
  return (
    <Text size="xs" c="dimmed" truncate="end">
      {t('app.signedInAs', { name: user.displayName, role })}
    </Text>
  );
}
