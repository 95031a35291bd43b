import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RxDatabaseProvider } from 'rxdb/plugins/react';
import { App } from './app.js';
import { LaneMantine } from './lane-mantine.js';
import { resumeLastRoute } from './components/use-hash-route.js';
import { createDatabase } from './db/create-database.js';
import { setupI18n } from './i18n/index.js';
import { startSync } from './sync/replication.js';
import { useSyncStatus } from './sync/sync-store.js';
import {
  loadSession,
  registerPendingSignerKeys,
  tabletAccessTokens,
  whenTabletKnowsSomeone,
} from './features/session/index.js';
import { codedError } from './schema/index.js';

async function boot(): Promise<void> {
  resumeLastRoute();
  await setupI18n();
  const database = await createDatabase();
  await loadSession();
  // Sync signs in as the tablet's people; a tablet nobody signed in on yet keeps everything local.
  useSyncStatus.getState().markFailed(codedError('AUTH_REQUIRED'));
  whenTabletKnowsSomeone(() =>
    startSync(database, '', { tokens: tabletAccessTokens, beforePush: registerPendingSignerKeys }),
  );
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <LaneMantine>
        <Notifications position="top-center" />
        <RxDatabaseProvider database={database}>
          <App database={database} />
        </RxDatabaseProvider>
      </LaneMantine>
    </StrictMode>,
  );
}

void boot();
