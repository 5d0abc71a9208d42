/**
 * How big one import may be. 200,000 people is the size the import is tested and benchmarked at
 * (docs/benchmarks.md); a generated file of that size is about 21 MB, and real exports carry longer names.
 */
export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** What the Import page and the CLI's usage say. */
export const IMPORT_LIMITS_TEXT = `Up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} people (rows) and ${megabytes(MAX_IMPORT_BYTES)} per file.`;

export function tooManyBytesMessage(bytes?: number): string {
  const size = bytes === undefined ? "larger than" : `${(bytes / (1024 * 1024)).toFixed(1)} MB, more than`;
  return `The file is ${size} the ${megabytes(MAX_IMPORT_BYTES)} an import can take. Split it into smaller files and import each: nothing was imported.`;
}

export function tooManyRowsMessage(maxRows = MAX_IMPORT_ROWS): string {
  return `The file lists more than ${maxRows.toLocaleString("en-GB")} people, the most one import can take. Split it into smaller files and import each: nothing was imported.`;
}
