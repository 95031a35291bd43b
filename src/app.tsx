import {
  AppShell,
  Box,
  Center,
  Container,
  Group,
  Loader,
  SegmentedControl,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from './db/create-database.js';
import { LANGUAGES } from './i18n/index.js';
import { useHashRoute } from './components/use-hash-route.js';
import { OrderList } from './features/orders/order-list.js';
import { NewCheckInButton } from './features/check-in/find-vehicle.js';
import { SyncIndicator } from './features/sync/sync-indicator.js';
import { UploadProgress } from './features/photos/index.js';
import { AddedWorkBadge } from './features/added-work/index.js';
import { WorkshopNav } from './features/workshop/workshop-nav.js';
import { UpdatePrompt } from './features/pwa/update-prompt.js';
import { StorageStatus } from './features/pwa/storage-status.js';
import {
  LockScreen,
  SessionHeader,
  useCurrentUser,
  useIdleLock,
  useSession,
} from './features/session/index.js';

/**
 * The header's two rows: who and where (title, the role's screens, the person
 * and "switch user"), then the sync state and the language, each with the
 * room to be read whole on a 768 px portrait tablet.
 */
const HEADER_ROW_PX = 64;

// Each role's screens load when first opened (the service worker holds them offline), so
// the first screen waits only for what it shows.
const WalkaroundScreen = lazy(() =>
  import('./features/check-in/walkaround-screen.js').then((module) => ({
    default: module.WalkaroundScreen,
  })),
);
const DispatchBoard = lazy(() =>
  import('./features/workshop/dispatch-board.js').then((module) => ({
    default: module.DispatchBoard,
  })),
);
const MyJobs = lazy(() =>
  import('./features/workshop/my-jobs.js').then((module) => ({ default: module.MyJobs })),
);
const JobScreen = lazy(() =>
  import('./features/workshop/job-screen.js').then((module) => ({ default: module.JobScreen })),
);
const UsersAdminScreen = lazy(() =>
  import('./features/admin/users-admin-screen.js').then((module) => ({
    default: module.UsersAdminScreen,
  })),
);
const STATUS_ROW_PX = 56;
const HEADER_PX = HEADER_ROW_PX + STATUS_ROW_PX;

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
      <AppShell header={{ height: HEADER_PX }} padding="md">
        <AppHeader database={database} />
        <LockScreen>
          <UpdatePrompt />
        </LockScreen>
      </AppShell>
    );
  }
  return (
    <AppShell header={{ height: HEADER_PX }} footer={{ height: 36 }} padding="md">
      <AppHeader database={database} />
      <AppShell.Main>
        <UpdatePrompt />
        <Container size="lg" px={0}>
          <Suspense fallback={<ScreenLoading />}>
            {route.screen === 'order' ? (
              <WalkaroundScreen database={database} orderId={route.id} />
            ) : route.screen === 'board' ? (
              <DispatchBoard database={database} />
            ) : route.screen === 'jobs' ? (
              <MyJobs database={database} />
            ) : route.screen === 'job' ? (
              <JobScreen database={database} orderId={route.id} />
            ) : route.screen === 'admin' ? (
              <UsersAdminScreen database={database} />
            ) : (
              <OrderList
                database={database}
                newOrderButton={<NewCheckInButton database={database} />}
              />
            )}
          </Suspense>
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
      <Group h={HEADER_ROW_PX} px="md" gap="md" justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
              {t('app.title')}
            </Title>
          </Group>
          <WorkshopNav />
        </Group>
        <SessionHeader />
      </Group>
      <Group
        h={STATUS_ROW_PX}
        px="md"
        gap="sm"
        justify="space-between"
        wrap="nowrap"
        bg="gray.0"
        style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group gap="xs" wrap="nowrap" miw={0} style={{ flex: '1 1 auto' }}>
          <SyncIndicator database={database} />
          <UploadProgress />
          <AddedWorkBadge database={database} />
        </Group>
        <Box style={{ flexShrink: 0 }}>
          <SegmentedControl
            aria-label={t('language.label')}
            styles={{ label: { minHeight: 44, display: 'flex', alignItems: 'center' } }}
            value={i18n.language}
            onChange={(language) => void i18n.changeLanguage(language)}
            data={LANGUAGES.map((language) => ({
              value: language,
              label: language === 'en' ? t('language.en') : t('language.zh'),
            }))}
          />
        </Box>
      </Group>
    </AppShell.Header>
  );
}

/** While a screen's code loads (the first time it opens): a spinner, named for a screen reader. */
function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <Center h={200} role="status" aria-label={t('app.loadingScreen')} data-loading>
      <Loader />
    </Center>
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
