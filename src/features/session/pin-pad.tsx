import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBackspace, IconCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../schema/index.js';
import { switchWithPin } from './session-actions.js';
import type { KnownProfile } from './session-state.js';
import { useCodedText } from './use-coded-text.js';
import { usePinPause } from './use-pin-pause.js';

const MAX_PIN_LENGTH = 8;
const MIN_PIN_LENGTH = 4;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const KEY_HEIGHT = 72;

/** Big digits for gloved fingers; a keyboard types into the PIN field as well. */
export function PinPad({ profile, onBack }: { profile: KnownProfile; onBack: () => void }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const { user } = profile;
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<ErrorCode | null>(null);
  const { setFailures, secondsLeft } = usePinPause(user.id);
  const paused = secondsLeft > 0;
  const shownRefusal = paused ? 'PIN_LOCKED' : refusal;
  const input = useRef<HTMLInputElement>(null);

  // Keyboard typing goes on after a wrong PIN or a pause without a tap on the field.
  useEffect(() => {
    if (!checking && !paused) input.current?.focus();
  }, [checking, paused]);

  // Full-width digits from a Chinese keyboard count as digits.
  const type = (next: string) =>
    setPin(next.normalize('NFKC').replace(/\D/g, '').slice(0, MAX_PIN_LENGTH));
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (pin.length < MIN_PIN_LENGTH || checking || paused) return;
    setChecking(true);
    const outcome = await switchWithPin(user.id, pin).catch(() => null);
    if (outcome?.kind === 'signed-in') return;
    setChecking(false);
    setPin('');
    // The tablet's storage failed: nobody gets in, and nothing counts against the person.
    if (!outcome) return setRefusal('LOCAL_SAVE_FAILED');
    if (outcome.kind === 'unknown-user') return onBack();
    setFailures(outcome.failures);
    setRefusal(outcome.kind === 'paused' ? 'PIN_LOCKED' : 'PIN_WRONG');
  };

  return (
    <Stack component="form" onSubmit={submit} gap="md" maw={420} mx="auto">
      <Title order={2}>{t('session.pinFor', { name: user.displayName })}</Title>
      <TextInput
        ref={input}
        type="password"
        label={t('session.pin')}
        size="xl"
        value={pin}
        onChange={(event) => type(event.currentTarget.value)}
        inputMode="none"
        autoComplete="off"
        autoFocus
        disabled={paused || checking}
      />
      {shownRefusal && (
        <Alert color="red" role="alert" title={codedText(shownRefusal)}>
          {paused && t('session.pausedFor', { seconds: secondsLeft })}
        </Alert>
      )}
      <SimpleGrid cols={3} spacing="sm">
        {DIGITS.map((digit) => (
          <DigitKey
            key={digit}
            digit={digit}
            disabled={paused || checking}
            onPress={type}
            pin={pin}
          />
        ))}
        <Button
          h={KEY_HEIGHT}
          variant="default"
          aria-label={t('session.deleteDigit')}
          onClick={() => setPin(pin.slice(0, -1))}
          disabled={checking || pin.length === 0}
        >
          <IconBackspace size={32} />
        </Button>
        <DigitKey digit="0" disabled={paused || checking} onPress={type} pin={pin} />
        <Button
          h={KEY_HEIGHT}
          type="submit"
          color="teal"
          leftSection={<IconCheck size={28} />}
          loading={checking}
          disabled={paused || pin.length < MIN_PIN_LENGTH}
        >
          {t('session.confirmPin')}
        </Button>
      </SimpleGrid>
      {checking && (
        <Text c="dimmed" ta="center">
          {t('session.checking')}
        </Text>
      )}
      <Group justify="center">
        <Button variant="subtle" size="lg" mih={56} onClick={onBack} disabled={checking}>
          {t('session.notYou', { name: user.displayName })}
        </Button>
      </Group>
    </Stack>
  );
}

function DigitKey(props: {
  digit: string;
  pin: string;
  disabled: boolean;
  onPress: (pin: string) => void;
}) {
  const { digit, pin, disabled, onPress } = props;
  return (
    <Button
      h={KEY_HEIGHT}
      variant="default"
      fz={32}
      disabled={disabled || pin.length >= MAX_PIN_LENGTH}
      onClick={() => onPress(pin + digit)}
    >
      {digit}
    </Button>
  );
}
