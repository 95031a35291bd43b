import { Badge, Text } from '@mantine/core';
import { IconBan, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ERROR_MESSAGES, type ErrorCode, type SignOff } from '../../schema/index.js';
import { useCodedText } from '../session/index.js';

/**
 * What the server said of a sign-off's job revision, shown wherever a sign-off
 * is: "not yet valid" while it waits for its job (未生效 · 待核验), the refusal
 * when it was refused, and "void" when a reopening superseded its round.
 */
export function ServerCheckBadge(props: {
  signOff: Pick<SignOff, 'serverCheck' | 'serverCheckCode'>;
  voided: boolean;
}) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const { serverCheck, serverCheckCode } = props.signOff;
  if (serverCheck === 'refused') {
    // A code this app version does not know (from a newer server) is not shown raw.
    const message = isErrorCode(serverCheckCode) ? codedText(serverCheckCode) : '';
    return (
      <Text size="lg" fw={700} c="red.8" role="status">
        <IconBan size={18} aria-hidden /> {t('workshop.qc.serverRefused', { message }).trim()}
      </Text>
    );
  }
  if (props.voided)
    return (
      <Badge color="gray" size="lg" radius="sm" leftSection={<IconBan size={16} aria-hidden />}>
        {t('workshop.qc.voided')}
      </Badge>
    );
  if (serverCheck !== 'pending') return null;
  return (
    <Badge
      color="orange"
      size="lg"
      radius="sm"
      leftSection={<IconHourglass size={16} aria-hidden />}
    >
      {t('workshop.qc.serverPending')}
    </Badge>
  );
}

function isErrorCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && Object.hasOwn(ERROR_MESSAGES, code);
}
