/**
 * What a logo upload may be (docs/decisions/021): a PNG, JPEG or WebP, told from its bytes — never from the name or
 * the type the browser sent — small enough to serve on every sign-in page. SVG is refused: it can carry scripts.
 */
import { imageSize } from "image-size";

export const MAX_LOGO_BYTES = 512 * 1024;
const MAX_SIDE = 2000;
const MIN_SIDE = 16;

const ACCEPTED = new Map([
  ["png", "image/png"],
  ["jpg", "image/jpeg"],
  ["webp", "image/webp"],
]);

export const LOGO_RULES_TEXT = `A PNG, JPEG or WebP image, at most 512 KB and ${MAX_SIDE} × ${MAX_SIDE} pixels. A wide logo about 40 pixels high looks best.`;

export type LogoCheck = { ok: true; mimeType: string; width: number; height: number } | { ok: false; message: string };

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

export const tooLargeLogoMessage = (bytes?: number) =>
  `${bytes ? `The file is ${kilobytes(bytes)}; a` : "A"} logo may be at most ${kilobytes(MAX_LOGO_BYTES)}. Save it smaller (a PNG about 200 pixels wide is plenty) and upload it again.`;

const SVG_MESSAGE = "SVG logos are not accepted: an SVG file can carry scripts. Export the logo as a PNG (or JPEG/WebP) and upload that.";

/** An SVG (or other XML/HTML text) starts with "<" once a byte-order mark and white space are skipped. */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart();
  return head.startsWith("<");
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, message: "Choose an image file to upload." };
  if (bytes.length > MAX_LOGO_BYTES) return { ok: false, message: tooLargeLogoMessage(bytes.length) };
  let found: { type?: string; width?: number; height?: number };
  try {
    found = imageSize(bytes);
  } catch {
    found = {};
  }
  if (found.type === "svg" || looksLikeMarkup(bytes)) return { ok: false, message: SVG_MESSAGE };
  const mimeType = found.type ? ACCEPTED.get(found.type) : undefined;
  if (!mimeType) {
    const what = found.type ? `a ${found.type.toUpperCase()} image` : "not an image Baton can read";
    return { ok: false, message: `This file is ${what}, whatever its name says. Upload a PNG, JPEG or WebP image.` };
  }
  const { width = 0, height = 0 } = found;
  if (width > MAX_SIDE || height > MAX_SIDE)
    return { ok: false, message: `The image is ${width} × ${height} pixels; at most ${MAX_SIDE} pixels each side. Make it smaller and upload it again.` };
  if (width < MIN_SIDE || height < MIN_SIDE)
    return { ok: false, message: `The image is ${width} × ${height} pixels; a logo needs at least ${MIN_SIDE} pixels each side.` };
  return { ok: true, mimeType, width, height };
}
