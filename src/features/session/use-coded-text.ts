import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.js';
import { ERROR_MESSAGES, type CodedError, type ErrorCode } from '../../schema/index.js';

/** A refusal's message in the user's language. */
export function useCodedText(): (error: CodedError | ErrorCode) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (error) => {
      const message = typeof error === 'string' ? ERROR_MESSAGES[error] : error.message;
      return message[i18n.language as Language] ?? message.en;
    },
    [i18n.language],
  );
}
