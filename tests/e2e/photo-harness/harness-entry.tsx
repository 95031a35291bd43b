/**
 * A page for tests/e2e/photos.test.ts: the photos feature's public parts on
 * the app's real database, blob store and sync, without the rest of the app
 * (its check-in screens are built elsewhere). A production build, as on a
 * tablet. `window.photoHarness` lets the test read what the page saved.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider, Stack } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { createRoot } from 'react-dom/client';
import { createDatabase, type LaneDatabase } from '../../../src/db/create-database.js';
import { startSync } from '../../../src/sync/replication.js';
import {
  loadSession,
  enrolThisTablet,
  signInWithPassword,
  tabletAccessTokens,
} from '../../../src/features/session/index.js';
import { DEMO_PASSWORD, DEMO_USER } from '../../../src/schema/index.js';
import { setupI18n } from '../../../src/i18n/index.js';
import type { Photo } from '../../../src/schema/index.js';
import {
  PhotoPicker,
  PhotoThumbnails,
  UploadProgress,
  usePhotos,
} from '../../../src/features/photos/index.js';

export const HARNESS_ORDER_ID = 'order-e2e-photos';

declare global {
  interface Window {
    photoHarness?: { added: Photo[] };
  }
}

function Harness({ database }: { database: LaneDatabase }) {
  const { photos } = usePhotos(database, HARNESS_ORDER_ID);
  return (
    <Stack p="md">
      <UploadProgress />
      <PhotoPicker
        database={database}
        orderId={HARNESS_ORDER_ID}
        subject="damage"
        subjectRef="mark-e2e-1"
        onAdded={(photo) => window.photoHarness?.added.push(photo)}
      />
      <PhotoThumbnails ids={photos.map((photo) => photo.id)} />
    </Stack>
  );
}

async function boot(): Promise<void> {
  if (import.meta.env.DEV) throw new Error('The photos harness must be a production build.');
  await setupI18n();
  const database = await createDatabase();
  // The picker stamps records with the signed-in person, and uploads need their token.
  await loadSession();
  // A fresh harness page is a new tablet: the demo admin enrols it first.
  await enrolThisTablet({
    username: 'admin',
    password: DEMO_PASSWORD,
    deviceName: 'Photo harness',
  });
  await signInWithPassword(DEMO_USER.username, DEMO_PASSWORD);
  startSync(database, '', { tokens: tabletAccessTokens });
  window.photoHarness = { added: [] };
  createRoot(document.getElementById('root') as HTMLElement).render(
    <MantineProvider>
      <Notifications />
      <Harness database={database} />
    </MantineProvider>,
  );
}

void boot();
