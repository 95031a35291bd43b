import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceTablet } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { codedError, DEVICE_NAME_MAX_LENGTH, type CodedError } from '../../schema/index.js';
import { CodedRequestError } from './auth-client.js';
import { CredentialFields, DoorAlerts, type Credentials } from './door-fields.js';
import { enrolThisTablet } from './enrolment.js';
import { useSession } from './session-state.js';
import { useCodedText } from './use-coded-text.js';
import { useOnline } from './use-online.js';

/** A tablet nobody enrolled (or whose enrolment was revoked): a site admin enrols it, online. */
export function EnrolScreen() {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const online = useOnline();
  // Why the tablet is here again (revoked): said until it is enrolled anew.
  const notice = useSession((state) => state.notice);
  const [admin, setAdmin] = useState<Credentials>({ username: '', password: '' });
  // No default name: each tablet is named by the admin, so the list tells them apart.
  const [deviceName, setDeviceName] = useState('');
  const [siteId, setSiteId] = useState('');
  const [needsSite, setNeedsSite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await enrolThisTablet({
        ...admin,
        deviceName,
        ...(needsSite ? { siteId: siteId.trim() } : {}),
      });
    } catch (error) {
      const coded = error instanceof CodedRequestError ? error.coded : codedError('SERVER_ERROR');
      // The admin's username exists at several sites: ask which one this tablet belongs to.
      if (coded.code === 'LOGIN_SITE_REQUIRED') setNeedsSite(true);
      setRefusal(coded);
      setBusy(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} gap="md" maw={520} mx="auto">
      <Title order={2}>{t('session.enrol.title')}</Title>
      {notice && (
        <Alert color="red" role="alert">
          {codedText(notice)}
        </Alert>
      )}
      <Text>{t('session.enrol.intro')}</Text>
      <DoorAlerts
        online={online}
        refusal={refusal}
        needsNetwork={t('session.enrol.needsNetwork')}
      />
      <TextInput
        label={t('session.enrol.deviceName')}
        description={t('session.enrol.deviceNameHint')}
        size="xl"
        value={deviceName}
        placeholder={t('session.enrol.namePlaceholder')}
        maxLength={DEVICE_NAME_MAX_LENGTH}
        onChange={(event) => setDeviceName(event.currentTarget.value)}
        required
      />
      <CredentialFields
        value={admin}
        onChange={setAdmin}
        usernameLabel={t('session.enrol.adminUsername')}
        passwordLabel={t('session.enrol.adminPassword')}
      />
      {needsSite && (
        <TextInput
          label={t('session.signIn.site')}
          size="xl"
          value={siteId}
          onChange={(event) => setSiteId(event.currentTarget.value)}
          autoCapitalize="none"
          required
        />
      )}
      <Button
        type="submit"
        mih={56}
        leftSection={<IconDeviceTablet />}
        loading={busy}
        style={{ alignSelf: 'flex-end' }}
      >
        {t('session.enrol.submit')}
      </Button>
    </Stack>
  );
}
