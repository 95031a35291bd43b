import { MantineProvider } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, laneTheme } from './theme.js';

/** Mantine with the lane's theme, its texts in the screen's language. */
export function LaneMantine({ children }: { children: ReactNode }) {
  // `t` is a new function when the language changes, so the theme follows it.
  const { t } = useTranslation();
  const theme = useMemo(() => laneTheme(t('app.close')), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}
