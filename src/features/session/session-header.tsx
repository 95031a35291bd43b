import { Button, Group, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { lockTablet, useSession } from './session-state.js';

/** Who is at the tablet, and "switch user", which locks at once. */
export function SessionHeader() {
  const { t } = useTranslation();
  const user = useSession((state) => state.user);
  if (!user) return null;
  const role = t(`session.roles.${user.role}`);
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      aria-label={t('session.currentUser', { name: user.displayName, role })}
      role="group"
    >
      {/* In portrait the footer names who is signed in: the header keeps its room for the screens. */}
      <Stack gap={0} visibleFrom="md">
        <Text fw={600} lh={1.2} truncate="end" maw={180}>
          {user.displayName}
        </Text>
        <Text size="sm" c="gray.7" lh={1.2}>
          {role}
        </Text>
      </Stack>
      <Button
        mih={48}
        style={{ flexShrink: 0 }}
        variant="light"
        leftSection={<IconLock size={22} />}
        onClick={() => lockTablet()}
      >
        {t('session.switchUser')}
      </Button>
    </Group>
  );
}
