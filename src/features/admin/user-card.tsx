import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SiteUser } from '../../schema/index.js';
import type { UserChanges } from './admin-api.js';
import type { Secret } from './reset-secret-dialog.js';
import { RoleSelect } from './role-select.js';

/** One person of the site, with what an admin can change about them. */
export function UserCard(props: {
  user: SiteUser;
  disabled: boolean;
  onChange: (username: string, changes: UserChanges) => void;
  onReset: (user: SiteUser, secret: Secret) => void;
}) {
  const { t } = useTranslation();
  const { user, disabled, onChange, onReset } = props;
  const name = user.displayName;
  return (
    <Paper withBorder p="md" radius="md" aria-label={name} component="section">
      <Group justify="space-between" wrap="wrap" gap="md">
        <Stack gap={2}>
          <Group gap="sm">
            <Text fz={22} fw={600}>
              {name}
            </Text>
            <Badge color={user.active ? 'teal' : 'gray'} variant="light" size="lg">
              {user.active ? t('admin.active') : t('admin.inactive')}
            </Badge>
          </Group>
          <Text c="dimmed">{user.username}</Text>
        </Stack>
        <Group gap="sm" wrap="wrap">
          <RoleSelect
            aria-label={t('admin.roleOf', { name })}
            value={user.role}
            onChange={(role) => onChange(user.username, { role })}
            disabled={disabled}
            size="lg"
            // Wide enough for the longest role, "Customer-care clerk", at the lane's type size.
            w={280}
          />
          <Button
            variant="default"
            mih={56}
            disabled={disabled}
            aria-label={t('admin.resetPasswordOf', { name })}
            onClick={() => onReset(user, 'password')}
          >
            {t('admin.resetPassword')}
          </Button>
          <Button
            variant="default"
            mih={56}
            disabled={disabled}
            aria-label={t('admin.resetPinOf', { name })}
            onClick={() => onReset(user, 'pin')}
          >
            {t('admin.resetPin')}
          </Button>
          <Button
            variant="light"
            color={user.active ? 'red' : 'teal'}
            mih={56}
            disabled={disabled}
            aria-label={
              user.active
                ? t('admin.deactivateUser', { name })
                : t('admin.reactivateUser', { name })
            }
            onClick={() => onChange(user.username, { active: !user.active })}
          >
            {user.active ? t('admin.deactivate') : t('admin.reactivate')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
