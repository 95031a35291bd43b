import { Alert, Button, Center, Group, Loader, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus, IconWifiOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { SiteUser } from '../../schema/index.js';
import { IdleLockInput, useCodedText, useCurrentUser, useOnline } from '../session/index.js';
import { AddUserDialog } from './add-user-dialog.js';
import { AuditLogSection } from './audit-log-section.js';
import { DevicesSection } from './devices-section.js';
import { ResetSecretDialog, type Secret } from './reset-secret-dialog.js';
import { useAdminUsers } from './use-admin-users.js';
import { SiteDetailsSection } from './site-details-section.js';
import { UserCard } from './user-card.js';

const NO_USERS: SiteUser[] = [];

/** The site admin's users and tablets, and the audit log: add, deactivate, reset, revoke. Online only. */
export function UsersAdminScreen({ database }: { database: LaneDatabase }) {
  const codedText = useCodedText();
  const me = useCurrentUser();
  if (me.role === 'admin') return <UsersAdmin database={database} />;
  return (
    <Alert color="red" role="alert">
      {codedText('ROLE_FORBIDDEN')}
    </Alert>
  );
}

function UsersAdmin({ database }: { database: LaneDatabase }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const online = useOnline();
  const { users, refusal, reload, change } = useAdminUsers(online);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<{ user: SiteUser; secret: Secret } | null>(null);
  const saved = (user: SiteUser) =>
    notifications.show({ color: 'teal', message: t('admin.saved', { name: user.displayName }) });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('admin.title')}</Title>
        <Button
          mih={56}
          leftSection={<IconUserPlus />}
          disabled={!online}
          onClick={() => setAdding(true)}
        >
          {t('admin.addUser')}
        </Button>
      </Group>
      {!online && (
        <Alert color="orange" icon={<IconWifiOff />} role="alert">
          {t('admin.needsNetwork')}
        </Alert>
      )}
      {refusal && online && (
        <Alert color="red" role="alert">
          {codedText(refusal)}
        </Alert>
      )}
      {users === null && online && !refusal && (
        <Center h={120} role="status" aria-label={t('admin.loading')} data-loading>
          <Loader />
        </Center>
      )}
      {users?.map((user) => (
        <UserCard
          key={user.id}
          user={user}
          disabled={!online}
          onChange={(username, changes) => void change(username, changes)}
          onReset={(who, secret) => setResetting({ user: who, secret })}
        />
      ))}
      <AddUserDialog
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          void reload();
        }}
      />
      <ResetSecretDialog
        user={resetting?.user ?? null}
        secret={resetting?.secret ?? 'password'}
        onClose={() => setResetting(null)}
        onSaved={(user) => {
          saved(user);
          void reload();
        }}
      />
      <SiteDetailsSection online={online} />
      <IdleLockInput />
      <DevicesSection online={online} />
      <AuditLogSection online={online} database={database} users={users ?? NO_USERS} />
    </Stack>
  );
}
