/**
 * The customer's signature on the repair order: shows the latest one with its
 * status (valid, void, not yet on server) and lets the customer sign or sign
 * again; a new signature supersedes the old one, which is kept unchanged.
 */
import { Badge, Button, Card, Code, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Signature, SignatureValidity } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { useAuthor } from '../session/index.js';
import {
  signCheckIn,
  useBlobUrl,
  useCheckInSignatureStatus,
  useSignatures,
  type SignatureAuthor,
} from './data.js';
import { SignaturePad, type SignatureCapture } from './signature-pad.js';
import { shortHash } from './signature-rules.js';
import { SIGNATURE_IMAGE_SIZE } from './signature-image.js';
import { strokesToSvgPath } from './strokes.js';

interface CustomerSignatureProps {
  database: LaneDatabase;
  orderId: string;
  /** `checkInContentHash` of the order as it is now. */
  contentHash: string;
  /** Filled in as the signer's name; the customer may correct it. */
  customerName?: string;
  author?: SignatureAuthor;
}

export function CustomerSignature(props: CustomerSignatureProps) {
  const sessionAuthor = useAuthor();
  const { database, orderId, contentHash, customerName, author = sessionAuthor } = props;
  const { t } = useTranslation();
  const showSaveError = useSaveErrorNotice();
  const status = useCheckInSignatureStatus(database, orderId, contentHash);
  const { signatures } = useSignatures(database, orderId, 'check-in');
  const [signingAgain, setSigningAgain] = useState(false);
  const { signature, validity } = status;
  const padOpen = !status.loading && (validity !== 'valid' || signingAgain);

  const sign = async (capture: SignatureCapture) => {
    try {
      await signCheckIn(database, author, {
        orderId,
        contentHash,
        supersedes: signature?.id ?? '',
        ...capture,
      });
      setSigningAgain(false);
    } catch (error) {
      showSaveError(error);
    }
  };

  return (
    <Card withBorder component="section" aria-label={t('signatures.title')}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4">
            {t('signatures.title')}
          </Title>
          <SignatureBadges
            validity={validity}
            onServer={status.onServer}
            hasSignature={!!signature}
          />
        </Group>
        {signature && <SignatureRecord signature={signature} />}
        {signatures.length > 1 && (
          <Text size="sm" c="dimmed">
            {t('signatures.earlier', { count: signatures.length - 1 })}
          </Text>
        )}
        {padOpen && <Text>{t('signatures.intro')}</Text>}
        {padOpen && (
          <SignaturePad
            key={signature?.id ?? 'first'}
            defaultSignerName={signature?.signerName ?? customerName ?? ''}
            onConfirm={sign}
            onCancel={validity === 'valid' ? () => setSigningAgain(false) : undefined}
          />
        )}
        {!padOpen && !status.loading && (
          <Group>
            <Button size="lg" variant="default" onClick={() => setSigningAgain(true)}>
              {t('signatures.signAgain')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function SignatureBadges(props: {
  validity: SignatureValidity;
  onServer: boolean;
  hasSignature: boolean;
}) {
  const { t } = useTranslation();
  const colour = { valid: 'green', void: 'red', missing: 'gray' }[props.validity];
  return (
    <Group gap="xs" role="status">
      <Badge
        size="lg"
        color={colour}
        tt="none"
        styles={{ root: { height: 'auto', paddingBlock: 4 }, label: { whiteSpace: 'normal' } }}
      >
        {t(`signatures.status.${props.validity}`)}
      </Badge>
      {props.hasSignature && (
        <Badge size="lg" tt="none" variant="light" color={props.onServer ? 'blue' : 'orange'}>
          {t(props.onServer ? 'signatures.status.onServer' : 'signatures.status.notOnServer')}
        </Badge>
      )}
    </Group>
  );
}

function SignatureRecord({ signature }: { signature: Signature }) {
  const { t, i18n } = useTranslation();
  const imageUrl = useBlobUrl(signature.imageId);
  const alt = t('signatures.imageAlt', { name: signature.signerName });
  const { width, height } = SIGNATURE_IMAGE_SIZE;
  return (
    <Stack gap={4}>
      {imageUrl ? (
        <Image src={imageUrl} alt={alt} maw={450} fit="contain" bd="1px solid gray.3" />
      ) : (
        // The image blob may not be on this tablet yet; the strokes always are.
        <svg
          role="img"
          aria-label={alt}
          viewBox={`0 0 ${width} ${height}`}
          style={{ maxWidth: 450 }}
        >
          <path
            d={strokesToSvgPath(signature.strokes, width, height)}
            fill="none"
            stroke="#111"
            strokeWidth={4}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      )}
      <Text>{t('signatures.signedBy', { name: signature.signerName })}</Text>
      <Text size="sm">
        {t('signatures.signedAt', {
          time: new Date(signature.signedAt).toLocaleString(i18n.language),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('signatures.contentHash')}{' '}
        <Code title={signature.contentHash}>{shortHash(signature.contentHash)}</Code>
      </Text>
    </Stack>
  );
}
