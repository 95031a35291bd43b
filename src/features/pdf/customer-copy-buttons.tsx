/**
 * Download, print or share the customer's copy of the repair order. The PDF
 * code and its font load only when a button is pressed, so the app starts fast.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconPrinter, IconShare } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  customerLanguageOf,
  type CheckInSheet,
  type DamageMark,
  type Photo,
  type RepairOrder,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { blobStore } from '../../db/blob-store.js';
import { useSiteDetails } from '../session/index.js';
import { useCheckInSignatureStatus } from '../signatures/index.js';
import { canSharePdf, downloadPdf, openPrintWindow, printPdf, sharePdf } from './customer-copy.js';
import type { PdfLanguage } from './format.js';
import { printedPhotosOf } from './printed-photos.js';

interface CustomerCopyButtonsProps {
  database: LaneDatabase;
  order: RepairOrder;
  sheet: CheckInSheet | null;
  marks: readonly DamageMark[];
  photos?: readonly Photo[];
  /** `checkInContentHash` of the order now. */
  contentHash: string;
  advisorName?: string;
}

type Action = 'download' | 'print' | 'share';

export function CustomerCopyButtons(props: CustomerCopyButtonsProps) {
  const { t } = useTranslation();
  const { database, order, contentHash } = props;
  const status = useCheckInSignatureStatus(database, order.id, contentHash);
  // The dealer's details as this tablet last read them from the server.
  const site = useSiteDetails();
  const [busy, setBusy] = useState<Action | null>(null);
  const [failed, setFailed] = useState(false);
  const ready = status.validity === 'valid' && status.signature !== null;

  const makePdf = async () => {
    const signature = status.signature;
    const [{ buildCheckInPdf, customerCopyFileName }, image, printedPhotos] = await Promise.all([
      import('./build-check-in-pdf.js'),
      signature ? blobStore().get(signature.imageId) : undefined,
      printedPhotosOf(database, order.id),
    ]);
    const blob = await buildCheckInPdf({
      site,
      order,
      sheet: props.sheet,
      marks: props.marks,
      photos: props.photos,
      printedPhotos,
      signature,
      signatureImage: image?.blob ?? null,
      contentHash,
      // The customer's language on the order, not the advisor's screen.
      language: customerLanguageOf(order) satisfies PdfLanguage,
      advisorName: props.advisorName,
    });
    return { blob, fileName: customerCopyFileName(order.orderNumber) };
  };

  const run = async (action: Action) => {
    setBusy(action);
    setFailed(false);
    const viewer = action === 'print' ? openPrintWindow() : null;
    try {
      const { blob, fileName } = await makePdf();
      if (action === 'download') downloadPdf(blob, fileName);
      else if (action === 'print') printPdf(blob, viewer);
      else await sharePdf(blob, fileName, `${t('pdf.title')} ${order.orderNumber}`);
    } catch (error) {
      console.error(error);
      viewer?.close();
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  const button = (action: Action, icon: ReactNode, label: string) => (
    <Button
      size="lg"
      variant={action === 'download' ? 'filled' : 'default'}
      leftSection={icon}
      loading={busy === action}
      disabled={!ready || (busy !== null && busy !== action)}
      onClick={() => void run(action)}
    >
      {label}
    </Button>
  );

  return (
    <Stack gap="xs">
      <Text fw={600}>{t('pdf.buttons.heading')}</Text>
      <Text size="sm" c="dimmed" data-copy-language={customerLanguageOf(order)}>
        {t('pdf.buttons.language', {
          language: t(`order.customerLanguages.${customerLanguageOf(order)}`),
        })}
      </Text>
      {!ready && !status.loading && (
        <Text size="sm" c="dimmed">
          {t('pdf.buttons.needsSignature')}
        </Text>
      )}
      <Group>
        {button('download', <IconDownload size={20} />, t('pdf.buttons.download'))}
        {button('print', <IconPrinter size={20} />, t('pdf.buttons.print'))}
        {canSharePdf() && button('share', <IconShare size={20} />, t('pdf.buttons.share'))}
      </Group>
      {failed && <Alert color="red">{t('pdf.buttons.failed')}</Alert>}
    </Stack>
  );
}
