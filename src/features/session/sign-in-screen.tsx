import { Alert, Button, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { IconLogin, IconWifiOff } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { codedError, type CodedError } from '../../schema/index.js';
import { CodedRequestError } from './auth-client.js';
import { signInWithPassword } from './session-actions.js';
import { useCodedText } from './use-coded-text.js';
import { useOnline } from './use-online.js';

/** Username and password, online only: the first time someone uses this tablet. */
export function SignInScreen({ onUsePin }: { onUsePin: (() => void) | null }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const online = useOnline();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const unreachable = !online || refusal?.code === 'SERVER_UNREACHABLE';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await signInWithPassword(username, password);
    } catch (error) {
      const coded = error instanceof CodedRequestError ? error.coded : codedError('SERVER_ERROR');
      setRefusal(coded);
      setBusy(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} gap="md" maw={480} mx="auto">
      <Title order={2}>{t('session.signIn.title')}</Title>
      {unreachable && (
        <Alert color="orange" icon={<IconWifiOff />} role="alert">
          {t('session.signIn.needsNetwork')}
        </Alert>
      )}
      {refusal && refusal.code !== 'SERVER_UNREACHABLE' && (
        <Alert color="red" role="alert">
          {codedText(refusal)}
        </Alert>
      )}
      <TextInput
        label={t('session.signIn.username')}
        size="xl"
        value={username}
        onChange={(event) => setUsername(event.currentTarget.value)}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <PasswordInput
        label={t('session.signIn.password')}
        size="xl"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        autoComplete="current-password"
        visibilityToggleButtonProps={{ 'aria-label': t('session.signIn.showPassword') }}
        required
      />
      <Group justify="space-between">
        {onUsePin ? (
          <Button variant="subtle" mih={56} onClick={onUsePin}>
            {t('session.signIn.usePin')}
          </Button>
        ) : (
          <span />
        )}
        <Button type="submit" mih={56} leftSection={<IconLogin />} loading={busy}>
          {t('session.signIn.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
