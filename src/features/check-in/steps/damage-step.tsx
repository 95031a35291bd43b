import { Group } from '@mantine/core';
import { DamageMap } from '../../damage/index.js';
import { editDamageMarkPhotos } from '../photo-links.js';
import { PhotoPicker, PhotoThumbnails } from '../../photos/index.js';
import type { StepProps } from '../step-context.js';

/** The damage map, with each marker's photos taken through the photo feature. */
export function DamageStep({ database, author, order, showError }: StepProps) {
  return (
    <DamageMap
      database={database}
      author={author}
      orderId={order.id}
      onError={showError}
      renderPhotos={(mark) => (
        <Group>
          <PhotoThumbnails ids={mark.photoIds} />
          <PhotoPicker
            database={database}
            author={author}
            orderId={order.id}
            subject="damage"
            subjectRef={mark.id}
            onAdded={(photo) =>
              void editDamageMarkPhotos(database, author, mark.id, photo.id).catch(showError)
            }
          />
        </Group>
      )}
    />
  );
}
