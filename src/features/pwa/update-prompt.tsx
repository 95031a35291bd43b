/**
 * Registers the service worker (prompt mode, through workbox-window) and
 * offers a waiting new version. The app never reloads itself: the user
 * chooses when, and every field is already saved when they do.
 */
import { Alert, Button, Group } from '@mantine/core';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../sync/sync-store.js';

export function UpdatePrompt() {
  const { t } = useTranslation();
  const [registration, setRegistration] = useState<ServiceWorkerRegistration | null>(null);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ onRegisteredSW: (_url, registered) => setRegistration(registered ?? null) });
  const outdated = useSyncStatus((state) => state.outdated);

  // The server refused this version (426): look for the new one now rather than at the next visit.
  useEffect(() => {
    if (outdated) void registration?.update();
  }, [outdated, registration]);

  if (!needRefresh) return null;
  return (
    <Alert color="blue" role="alert" title={t('update.available')} m="md">
      <Group>
        <Button onClick={() => installUpdate(updateServiceWorker)}>{t('update.reload')}</Button>
        <Button variant="default" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </Button>
      </Group>
    </Alert>
  );
}

/**
 * workbox-window reloads on its own only if this page already had a service
 * worker when it registered, so a tablet whose first visit installed the app
 * would never pick up the update: reload when the new worker takes control.
 */
function installUpdate(updateServiceWorker: (reload?: boolean) => Promise<void>): void {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  void updateServiceWorker(true);
}
