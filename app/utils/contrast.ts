/**
 * WCAG 2 contrast of a brand colour against white text (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): the
 * server refuses a colour below AA and the settings page shows the same number while HR picks one.
 */
export const AA_RATIO = 4.5;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export const isHexColor = (text: string) => HEX_COLOR.test(text);

/** sRGB channel (0–255) to its linear value, as the relative luminance formula defines it. */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of #rrggbb: 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of white text on this colour, from 1 (white) to 21 (black). */
export const contrastWithWhite = (hex: string) => 1.05 / (relativeLuminance(hex) + 0.05);

/** "4.4:1": rounded down, so a colour just short of 4.5:1 is never shown as 4.5:1 and refused. */
export const formatRatio = (ratio: number) => `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;
