import { Alert, PasswordInput, TextInput } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CodedError } from '../../schema/index.js';
import { useCodedText } from './use-coded-text.js';

/** What the online forms at the tablet's door share: sign-in and enrolling it. */
export interface Credentials {
  username: string;
  password: string;
}

/** Username and password, large for a bright lane; the labels say whose (the person's or the admin's). */
export function CredentialFields(props: {
  value: Credentials;
  onChange: (value: Credentials) => void;
  usernameLabel: string;
  passwordLabel: string;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  return (
    <>
      <TextInput
        label={props.usernameLabel}
        size="xl"
        value={value.username}
        onChange={(event) => onChange({ ...value, username: event.currentTarget.value })}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <PasswordInput
        label={props.passwordLabel}
        size="xl"
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.currentTarget.value })}
        autoComplete="current-password"
        visibilityToggleButtonProps={{ 'aria-label': t('session.signIn.showPassword') }}
        required
      />
    </>
  );
}

/** No network (these forms need it), or the server's refusal in the user's language. */
export function DoorAlerts(props: {
  online: boolean;
  refusal: CodedError | null;
  needsNetwork: string;
}) {
  const codedText = useCodedText();
  const { online, refusal } = props;
  const unreachable = !online || refusal?.code === 'SERVER_UNREACHABLE';
  return (
    <>
      {unreachable && (
        <Alert color="orange" icon={<IconWifiOff />} role="alert">
          {props.needsNetwork}
        </Alert>
      )}
      {refusal && refusal.code !== 'SERVER_UNREACHABLE' && (
        <Alert color="red" role="alert">
          {codedText(refusal)}
        </Alert>
      )}
    </>
  );
}
