import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blobStore } from '../../db/blob-store.js';
import { useBlobUploadStatus } from '../../sync/blob-upload.js';

/**
 * For the header: "Uploading photo 2 of 5 · 40%" while an upload runs,
 * "2 photos not yet on server" while some wait, nothing when all are there.
 */
export function UploadProgress() {
  const { t } = useTranslation();
  const current = useBlobUploadStatus((status) => status.current);
  const waiting = useNotUploadedCount();
  if (!current && waiting === 0) return null;
  const text = current
    ? t('photos.uploading', {
        number: current.number,
        total: current.of,
        percent: current.bytesTotal
          ? Math.min(100, Math.round((current.bytesSent / current.bytesTotal) * 100))
          : 0,
      })
    : t('photos.waiting', { count: waiting });
  return (
    <Badge
      size="lg"
      tt="none"
      fw={600}
      style={{ flexShrink: 0 }}
      variant="dot"
      color={current ? 'blue' : 'orange'}
      c="gray.9"
      bg="white"
      role="status"
      aria-label={t('photos.uploadLabel')}
      aria-live="polite"
      data-waiting={waiting}
    >
      {text}
    </Badge>
  );
}

function useNotUploadedCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const subscription = blobStore()
      .notUploadedCount$()
      .subscribe({ next: setCount, error: () => setCount(0) });
    return () => subscription.unsubscribe();
  }, []);
  return count;
}
