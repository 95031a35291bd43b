import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconTrash, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IdleLockNote } from './idle-lock-input.js';
import { PinPad } from './pin-pad.js';
import { useSession, type KnownProfile } from './session-state.js';
import { removeFromTablet } from './token-refresh.js';
import { useCodedText } from './use-coded-text.js';

/** 谁在使用?: the tablet's people as big buttons; a tap and a PIN switch them in. */
export function WhoAreYouScreen({ onPassword }: { onPassword: () => void }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const known = useSession((state) => state.knownUsers);
  const notice = useSession((state) => state.notice);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = known.find((profile) => profile.user.id === chosenId);
  if (chosen) return <PinPad profile={chosen} onBack={() => setChosenId(null)} />;

  return (
    <Stack gap="lg">
      <Title order={2}>{t('session.whoAreYou')}</Title>
      {notice && (
        <Alert color="orange" role="alert">
          {codedText(notice)}
        </Alert>
      )}
      <Text size="lg">{known.length ? t('session.tapYourName') : t('session.nobodyKnown')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {known.map((profile) => (
          <PersonButton key={profile.user.id} profile={profile} onChoose={setChosenId} />
        ))}
      </SimpleGrid>
      <Group justify="space-between" align="end">
        <Button size="lg" mih={56} variant="light" onClick={onPassword}>
          {t('session.signInWithPassword')}
        </Button>
        <IdleLockNote />
      </Group>
    </Stack>
  );
}

function PersonButton(props: { profile: KnownProfile; onChoose: (userId: string) => void }) {
  const { t } = useTranslation();
  const { user } = props.profile;
  const role = t(`session.roles.${user.role}`);
  const [confirming, setConfirming] = useState(false);
  return (
    <Paper withBorder radius="md" pr="xs">
      <Group wrap="nowrap" gap="xs">
        <UnstyledButton flex={1} mih={88} p="md" onClick={() => props.onChoose(user.id)}>
          <Group wrap="nowrap" gap="md">
            <IconUserCircle size={48} stroke={1.5} />
            <div>
              <Text fz={24} fw={600} lh={1.2}>
                {user.displayName}
              </Text>
              <Text c="dimmed">{t('session.userRole', { role, username: user.username })}</Text>
            </div>
          </Group>
        </UnstyledButton>
        <ActionIcon
          size={56}
          variant="subtle"
          color="gray"
          aria-label={t('session.removeFromTablet', { name: user.displayName })}
          onClick={() => setConfirming(true)}
        >
          <IconTrash size={24} />
        </ActionIcon>
      </Group>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('session.removeFromTablet', { name: user.displayName })}
      >
        <Text mb="lg">{t('session.removeConfirm', { name: user.displayName })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('session.cancel')}
          </Button>
          <Button color="red" onClick={() => void removeFromTablet(user.id, null)}>
            {t('session.remove')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
