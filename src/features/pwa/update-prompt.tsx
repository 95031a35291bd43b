/**
 * Registers the service worker (prompt mode, through workbox-window) and
 * offers a waiting new version. The app never reloads itself: the user
 * chooses when, and every field is already saved when they do.
 */
import { Alert, Button, Group } from '@mantine/core';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';

export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();

  if (!needRefresh) return null;
  return (
    <Alert color="blue" role="alert" title={t('update.available')} m="md">
      <Group>
        <Button onClick={() => void updateServiceWorker(true)}>{t('update.reload')}</Button>
        <Button variant="default" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </Button>
      </Group>
    </Alert>
  );
}
