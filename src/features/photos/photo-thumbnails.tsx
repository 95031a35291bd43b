import { Badge, Box, Group, Image, Modal, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blobStore } from '../../db/blob-store.js';
import { usePhotoUrl } from './photo-source.js';

const THUMBNAIL_PX = 96;

/** The photos with these ids (their SHA-256) as tappable thumbnails; a tap shows the photo large. */
export function PhotoThumbnails({ ids }: { ids: readonly string[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <Group gap="sm">
        {ids.map((sha256, index) => (
          <PhotoThumbnail
            key={sha256}
            sha256={sha256}
            number={index + 1}
            count={ids.length}
            onOpen={() => setOpen(sha256)}
          />
        ))}
      </Group>
      {open && <PhotoViewer sha256={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function PhotoThumbnail(props: {
  sha256: string;
  number: number;
  count: number;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const photo = usePhotoUrl(props.sha256);
  const onServer = useOnServer(props.sha256);
  const alt = t('photos.thumbnail', { number: props.number, count: props.count });
  if (photo.state === 'loading') {
    return <Skeleton width={THUMBNAIL_PX} height={THUMBNAIL_PX} aria-label={alt} />;
  }
  if (photo.state === 'missing') {
    return (
      <Box w={THUMBNAIL_PX} h={THUMBNAIL_PX} bg="gray.1" p={4} role="img" aria-label={alt}>
        <Text size="xs" c="dimmed">
          {t('photos.unavailable')}
        </Text>
      </Box>
    );
  }
  return (
    <UnstyledButton onClick={props.onOpen} pos="relative" data-photo={props.sha256}>
      <Image src={photo.url} alt={alt} w={THUMBNAIL_PX} h={THUMBNAIL_PX} fit="cover" radius="sm" />
      {!onServer && (
        <Badge size="sm" tt="none" color="orange.9" pos="absolute" bottom={4} left={4}>
          {t('photos.notOnServer')}
        </Badge>
      )}
    </UnstyledButton>
  );
}

function PhotoViewer({ sha256, onClose }: { sha256: string; onClose: () => void }) {
  const { t } = useTranslation();
  const photo = usePhotoUrl(sha256);
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      closeButtonProps={{ 'aria-label': t('photos.close') }}
    >
      {photo.url && <Image src={photo.url} alt={t('photos.thumbnail', { number: 1, count: 1 })} />}
    </Modal>
  );
}

/** Whether the server has confirmed the photo; true for one fetched from the server. */
function useOnServer(sha256: string): boolean {
  const [uploaded, setUploaded] = useState<{ sha256: string; value: boolean } | null>(null);
  useEffect(() => {
    const subscription = blobStore()
      .uploaded$(sha256)
      .subscribe({ next: (value) => setUploaded({ sha256, value }), error: () => {} });
    return () => subscription.unsubscribe();
  }, [sha256]);
  // Unknown yet: do not flash "not yet on server".
  return uploaded?.sha256 !== sha256 || uploaded.value;
}
