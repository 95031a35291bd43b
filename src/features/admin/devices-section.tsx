import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codedError, type CodedError, type EnrolledDevice } from '../../schema/index.js';
import { dropEnrolment, useCodedText, useSession } from '../session/index.js';
import { listDevices, revokeDevice } from './devices-api.js';
import { asCoded } from './use-admin-users.js';

/** The site's enrolled tablets for its admin: when each was enrolled and last used, and revoking one. */
export function DevicesSection({ online }: { online: boolean }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const thisTablet = useSession((state) => state.enrolment?.deviceId);
  const [devices, setDevices] = useState<EnrolledDevice[] | null>(null);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const [confirming, setConfirming] = useState<EnrolledDevice | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((current) => current + 1), []);

  useEffect(() => {
    if (!online) return;
    let current = true;
    listDevices().then(
      (loaded) => current && setDevices(loaded),
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    return () => {
      current = false;
    };
  }, [online, version]);

  async function revoke(device: EnrolledDevice) {
    setConfirming(null);
    setRefusal(null);
    try {
      await revokeDevice(device.id);
      notifications.show({
        color: 'teal',
        message: t('admin.devices.revokedNotice', { name: device.name }),
      });
      if (device.id === thisTablet) await dropEnrolment(codedError('DEVICE_REVOKED'));
      else reload();
    } catch (error) {
      setRefusal(asCoded(error));
    }
  }

  return (
    <Stack gap="sm" component="section" aria-label={t('admin.devices.title')}>
      <Title order={3}>{t('admin.devices.title')}</Title>
      <Text c="dimmed">{t('admin.devices.intro')}</Text>
      {refusal && (
        <Alert color="red" role="alert">
          {codedText(refusal)}
        </Alert>
      )}
      {devices?.length === 0 && <Text>{t('admin.devices.empty')}</Text>}
      {devices?.map((device) => (
        <DeviceCard
          key={device.id}
          device={device}
          isThisTablet={device.id === thisTablet}
          disabled={!online}
          onRevoke={() => setConfirming(device)}
        />
      ))}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('admin.devices.revokeConfirmTitle', { name: confirming?.name ?? '' })}
      >
        <Stack>
          <Text>{t('admin.devices.revokeConfirm')}</Text>
          {confirming?.id === thisTablet && (
            <Text fw={600}>{t('admin.devices.revokeThisConfirm')}</Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" mih={56} onClick={() => setConfirming(null)}>
              {t('admin.devices.cancel')}
            </Button>
            <Button color="red" mih={56} onClick={() => confirming && void revoke(confirming)}>
              {t('admin.devices.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function DeviceCard(props: {
  device: EnrolledDevice;
  isThisTablet: boolean;
  disabled: boolean;
  onRevoke: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { device, isThisTablet, disabled, onRevoke } = props;
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language);
  const revoked = device.revokedAt !== null;
  return (
    <Paper withBorder p="md" radius="md" aria-label={device.name} component="section">
      <Group justify="space-between" wrap="wrap" gap="md">
        <Stack gap={2}>
          <Group gap="sm">
            <Text fz={20} fw={600}>
              {device.name}
            </Text>
            <Badge color={revoked ? 'gray' : 'teal'} variant="light" size="lg">
              {revoked ? t('admin.devices.revoked') : t('admin.devices.active')}
            </Badge>
            {isThisTablet && (
              <Badge color="blue" variant="light" size="lg">
                {t('admin.devices.thisTablet')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed">
            {t('admin.devices.enrolled', { time: time(device.enrolledAt), who: device.enrolledBy })}
          </Text>
          <Text c="dimmed">
            {device.lastSeenAt === null
              ? t('admin.devices.neverSeen')
              : t('admin.devices.lastSeen', { time: time(device.lastSeenAt) })}
          </Text>
          {revoked && device.revokedAt !== null && (
            <Text c="dimmed">
              {t('admin.devices.revokedBy', {
                time: time(device.revokedAt),
                who: device.revokedBy ?? '',
              })}
            </Text>
          )}
        </Stack>
        {!revoked && (
          <Button
            variant="light"
            color="red"
            mih={56}
            disabled={disabled}
            aria-label={t('admin.devices.revokeDevice', { name: device.name })}
            onClick={onRevoke}
          >
            {t('admin.devices.revoke')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
