import { useTranslation } from 'react-i18next';
import { ERROR_MESSAGES, type ErrorCode } from '../../schema/index.js';
import type { Language } from '../../i18n/index.js';

/** An error code's message in the user's language (undefined for no error). */
export function useErrorText(): (code: string | undefined | null) => string | undefined {
  const { i18n } = useTranslation();
  return (code) =>
    code && code in ERROR_MESSAGES
      ? ERROR_MESSAGES[code as ErrorCode][i18n.language as Language]
      : undefined;
}
