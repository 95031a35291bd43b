import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_MESSAGES, type ErrorCode } from '../../schema/index.js';
import type { Language } from '../../i18n/index.js';
import { useSiteUsers } from '../session/index.js';

/** An error code's message in the user's language. */
export function useErrorMessage(): (code: ErrorCode) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (code) => ERROR_MESSAGES[code][i18n.language as Language] ?? ERROR_MESSAGES[code].en,
    [i18n.language],
  );
}

/** A time as the user's language writes it. */
export function useFormatTime(): (ms: number) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (ms) => new Date(ms).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }),
    [i18n.language],
  );
}

/** A username as the person's display name (records keep the username). */
export function useDisplayName(): (username: string) => string {
  const users = useSiteUsers();
  return useCallback(
    (username) => users.find((user) => user.username === username)?.displayName ?? username,
    [users],
  );
}
