import { Alert, Button, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodedError } from '../../schema/index.js';
import { useCodedText } from '../session/index.js';
import { addUser, type NewUser } from './admin-api.js';
import { RoleSelect } from './role-select.js';
import { asCoded } from './use-admin-users.js';

const EMPTY: NewUser = { username: '', displayName: '', role: 'technician', password: '', pin: '' };

/** A new person of the site: the server checks every field and names what it refuses. */
export function AddUserDialog(props: {
  opened: boolean;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const [user, setUser] = useState<NewUser>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const set = (change: Partial<NewUser>) => setUser((current) => ({ ...current, ...change }));
  const fieldError = (field: keyof NewUser) =>
    refusal?.field === `/${field}` ? codedText(refusal) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await addUser({
        ...user,
        username: user.username.trim(),
        displayName: user.displayName.trim(),
      });
      setUser(EMPTY);
      setRefusal(null);
      props.onAdded();
    } catch (error) {
      setRefusal(asCoded(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('admin.addUser')} size="lg">
      <Stack component="form" onSubmit={submit} gap="md">
        {refusal && !refusal.field && (
          <Alert color="red" role="alert">
            {codedText(refusal)}
          </Alert>
        )}
        <TextInput
          label={t('admin.fields.username')}
          value={user.username}
          onChange={(event) => set({ username: event.currentTarget.value })}
          error={fieldError('username')}
          autoCapitalize="none"
          required
        />
        <TextInput
          label={t('admin.fields.displayName')}
          value={user.displayName}
          onChange={(event) => set({ displayName: event.currentTarget.value })}
          error={fieldError('displayName')}
          required
        />
        <RoleSelect
          label={t('admin.fields.role')}
          value={user.role}
          onChange={(role) => set({ role })}
        />
        <PasswordInput
          label={t('admin.fields.password')}
          value={user.password}
          onChange={(event) => set({ password: event.currentTarget.value })}
          error={fieldError('password')}
          visibilityToggleButtonProps={{ 'aria-label': t('session.signIn.showPassword') }}
          autoComplete="new-password"
          required
        />
        <TextInput
          label={t('admin.fields.pin')}
          value={user.pin}
          onChange={(event) => set({ pin: event.currentTarget.value })}
          error={fieldError('pin')}
          inputMode="numeric"
          autoComplete="off"
          required
        />
        <Group justify="flex-end">
          <Button variant="default" mih={56} onClick={props.onClose}>
            {t('admin.cancel')}
          </Button>
          <Button type="submit" mih={56} loading={busy}>
            {t('admin.addUser')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
