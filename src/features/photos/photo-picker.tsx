import { Button, FileButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCamera } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Photo } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { useAuthor } from '../session/index.js';
import { addPhoto, type PhotoAuthor, type PhotoTarget } from './data.js';
import { PhotoReductionError } from './reduction-steps.js';

export interface PhotoPickerProps extends PhotoTarget {
  database: LaneDatabase;
  /** Called with the stored photo; the parent attaches its id to a damage mark or checklist item. */
  onAdded: (photo: Photo) => void;
  author?: PhotoAuthor;
  /** Button text and accessible name; "Add photo" unless given. */
  label?: string;
}

/**
 * A large button that opens the camera on a tablet (a file picker on a
 * desktop), reduces the photo and saves it on the spot.
 */
export function PhotoPicker({
  database,
  onAdded,
  author: givenAuthor,
  label,
  ...target
}: PhotoPickerProps) {
  const sessionAuthor = useAuthor();
  const author = givenAuthor ?? sessionAuthor;
  const { t } = useTranslation();
  const showSaveError = useSaveErrorNotice();
  const [busy, setBusy] = useState(false);
  const resetInput = useRef<() => void>(null);
  const name = label ?? t('photos.add');

  const onFile = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      onAdded(await addPhoto(database, author, file, target));
    } catch (error) {
      if (error instanceof PhotoReductionError) {
        notifications.show({
          color: 'red',
          title: t('photos.notAddedTitle'),
          message: t(error.reason === 'unreadable' ? 'photos.notAnImage' : 'photos.tooLarge'),
          autoClose: false,
        });
      } else {
        showSaveError(error);
      }
    } finally {
      setBusy(false);
      // The same file can be picked again (a second damage mark, a retry).
      resetInput.current?.();
    }
  };

  return (
    <FileButton
      onChange={(file) => void onFile(file)}
      accept="image/*"
      capture="environment"
      resetRef={resetInput}
      disabled={busy}
      inputProps={{ 'aria-label': name }}
    >
      {(props) => (
        <Button
          {...props}
          size="lg"
          mih={48}
          leftSection={<IconCamera aria-hidden />}
          loading={busy}
          aria-busy={busy}
          aria-label={busy ? t('photos.reducing') : undefined}
        >
          {name}
        </Button>
      )}
    </FileButton>
  );
}
