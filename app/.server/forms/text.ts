import { z } from "zod";

/**
 * Text people type, trimmed, refusing C0 control characters (NUL, escape, …) and DEL: stored, they break
 * CSV exports, e-mails and terminals, and nobody types them on purpose. Multi-line text keeps tab, line feed
 * and carriage return; a single-line field refuses those too.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
// eslint-disable-next-line no-control-regex -- as above
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]*$/;

export const CONTROL_CHARACTER_MESSAGE = "This text holds an invisible control character (such as NUL). Remove it and try again.";
export const LINE_BREAK_MESSAGE = "Keep this to one line.";

/** For text read outside a form (an imported file): true when `text()` would refuse it. */
export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return !(options.multiline ? MULTI_LINE : SINGLE_LINE).test(value);
}

/**
 * A zod string that trims and refuses control characters; still a ZodString, so `.min()` and `.max()` chain.
 * Single-line fields report a line break as such, since that one can be typed by pasting.
 */
export function text(options: { multiline?: boolean; required_error?: string } = {}) {
  const base = z.string({ required_error: options.required_error }).trim();
  if (options.multiline) return base.regex(MULTI_LINE, CONTROL_CHARACTER_MESSAGE);
  return base.regex(/^[^\r\n]*$/, LINE_BREAK_MESSAGE).regex(SINGLE_LINE, CONTROL_CHARACTER_MESSAGE);
}
