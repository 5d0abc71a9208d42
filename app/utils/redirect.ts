/** Only same-site paths: "/x" yes, "//evil.test" and "https://…" no. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines inside a URL ("/\t/evil.test" becomes //evil.test), and a header cannot
  // carry control characters at all.
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  return to;
}
