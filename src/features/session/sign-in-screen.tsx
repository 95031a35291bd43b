import { Button, Group, Stack, Title } from '@mantine/core';
import { IconLogin } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { codedError, type CodedError } from '../../schema/index.js';
import { CodedRequestError } from './auth-client.js';
import { CredentialFields, DoorAlerts, type Credentials } from './door-fields.js';
import { signInWithPassword } from './session-actions.js';
import { useOnline } from './use-online.js';

/** Username and password, online only: the first time someone uses this tablet. */
export function SignInScreen({ onUsePin }: { onUsePin: (() => void) | null }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [credentials, setCredentials] = useState<Credentials>({ username: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await signInWithPassword(credentials.username, credentials.password);
    } catch (error) {
      setRefusal(error instanceof CodedRequestError ? error.coded : codedError('SERVER_ERROR'));
      setBusy(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} gap="md" maw={480} mx="auto">
      <Title order={2}>{t('session.signIn.title')}</Title>
      <DoorAlerts
        online={online}
        refusal={refusal}
        needsNetwork={t('session.signIn.needsNetwork')}
      />
      <CredentialFields
        value={credentials}
        onChange={setCredentials}
        usernameLabel={t('session.signIn.username')}
        passwordLabel={t('session.signIn.password')}
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
