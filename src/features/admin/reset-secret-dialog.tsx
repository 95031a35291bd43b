import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodedError, SiteUser } from '../../schema/index.js';
import { useCodedText } from '../session/index.js';
import { changeUser } from './admin-api.js';
import { asCoded } from './use-admin-users.js';

export type Secret = 'password' | 'pin';

/** A new password or PIN for someone who forgot theirs. */
export function ResetSecretDialog(props: {
  user: SiteUser | null;
  secret: Secret;
  onClose: () => void;
  onSaved: (user: SiteUser) => void;
}) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const { user, secret } = props;
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const close = () => {
    setValue('');
    setRefusal(null);
    props.onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    setBusy(true);
    try {
      const saved = await changeUser(user.username, { [secret]: value });
      close();
      props.onSaved(saved);
    } catch (error) {
      setRefusal(asCoded(error));
    } finally {
      setBusy(false);
    }
  };

  const name = user?.displayName ?? '';
  return (
    <Modal
      opened={user !== null}
      onClose={close}
      title={
        secret === 'pin' ? t('admin.resetPinOf', { name }) : t('admin.resetPasswordOf', { name })
      }
    >
      <Stack component="form" onSubmit={submit} gap="md">
        {refusal && (
          <Alert color="red" role="alert">
            {codedText(refusal)}
          </Alert>
        )}
        <PasswordInput
          label={secret === 'pin' ? t('admin.fields.newPin') : t('admin.fields.newPassword')}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          inputMode={secret === 'pin' ? 'numeric' : 'text'}
          autoComplete={secret === 'pin' ? 'off' : 'new-password'}
          visibilityToggleButtonProps={{ 'aria-label': t('session.signIn.showPassword') }}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" mih={56} onClick={close}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" mih={56} loading={busy}>
            {t('admin.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
