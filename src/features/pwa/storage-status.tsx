/**
 * Asks the browser to keep this site's storage (navigator.storage.persist)
 * and shows how much of the quota the tablet's records use.
 */
import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface StorageState {
  used: number;
  quota: number;
  persisted: boolean;
}

export async function requestPersistentStorage(): Promise<StorageState | null> {
  if (!navigator.storage?.estimate) return null;
  const persisted =
    (await navigator.storage.persisted?.()) || (await navigator.storage.persist?.()) || false;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { used: usage, quota, persisted };
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}

export function StorageStatus() {
  const { t } = useTranslation();
  const [state, setState] = useState<StorageState | null>(null);
  useEffect(() => {
    let active = true;
    const refresh = () => void requestPersistentStorage().then((next) => active && setState(next));
    refresh();
    const timer = window.setInterval(refresh, 60_000);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, []);
  if (!state) return null;
  return (
    <Text
      size="xs"
      c="dimmed"
      truncate="end"
      title={state.persisted ? t('storage.persisted') : t('storage.notPersisted')}
    >
      {t('storage.usage', { used: formatBytes(state.used), quota: formatBytes(state.quota) })}
    </Text>
  );
}
