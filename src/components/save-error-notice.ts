import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalSaveError } from '../db/save-locally.js';
import type { Language } from '../i18n/index.js';
import { codedError } from '../schema/index.js';

/** Shows a failed local save as a red notice in the user's language; it stays until dismissed. */
export function useSaveErrorNotice(): (error: unknown) => void {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      console.error(error, (error as { cause?: unknown }).cause);
      const coded = error instanceof LocalSaveError ? error.coded : codedError('LOCAL_SAVE_FAILED');
      notifications.show({
        color: 'red',
        title: t('errors.title'),
        message: coded.message[i18n.language as Language] ?? coded.message.en,
        autoClose: false,
      });
    },
    [t, i18n],
  );
}
