import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Light badges and buttons (pale background, coloured text) read in daylight:
 * Mantine's default puts shade 9 text on a tinted background, 4.3:1 for
 * teal and green, under WCAG AA's 4.5:1. Ours is that text darkened a
 * quarter on the palest shade, 6:1 or better for every colour.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme,
  });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  const shades = input.theme.colors[parsed.color];
  if (!shades) return colors;
  return {
    ...colors,
    background: shades[0],
    hover: shades[1],
    color: darken(shades[9], 0.25),
  };
};

/**
 * Secondary ("dimmed") text is gray 7: Mantine's gray 6 is 3.3:1 on white,
 * which a service lane in sunlight cannot read.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: { '--mantine-color-dimmed': theme.colors.gray[7] },
  dark: {},
});

// Large type and targets for a bright service lane and gloved hands. Filled controls use
// shade 8: white on the default shade 6 of blue is 3.5:1, under WCAG AA's 4.5:1.
// `closeLabel` names every close button (notifications, dialogs) in the screen's language.
export function laneTheme(closeLabel: string) {
  return createTheme({
    primaryColor: 'blue',
    primaryShade: 8,
    fontSizes: { md: '18px', lg: '20px' },
    defaultRadius: 'md',
    variantColorResolver,
    components: {
      Button: { defaultProps: { size: 'lg' } },
      // The eye that shows the password is a glove-sized target too.
      PasswordInput: {
        defaultProps: { rightSectionWidth: 52 },
        styles: { visibilityToggle: { minWidth: 44, minHeight: 44 } },
      },
      CloseButton: { defaultProps: { size: 44, 'aria-label': closeLabel } },
    },
  });
}
