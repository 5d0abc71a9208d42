/**
 * Only same-site paths: "/x" yes, "//evil.test" and "https://…" no. The result is always ASCII, so it fits in a
 * Location header: characters beyond ASCII ("/learn/ü", "/€") are percent-encoded as UTF-8, the way a browser
 * sends them, and existing %-escapes are kept as they are.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines inside a URL ("/\t/evil.test" becomes //evil.test), and a header cannot
  // carry control characters at all.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  try {
    // eslint-disable-next-line no-control-regex -- every character beyond ASCII
    return to.replace(/[^\u0000-\u007f]+/g, (s) => encodeURIComponent(s));
  } catch {
    return fallback; // a lone surrogate has no UTF-8 form: no page has such an address
  }
}
