/**
 * A person's name from what the file holds: first + last columns joined, or one column kept as given, except
 * "Last, First" (said by the header, or a value with one comma) turned round to "First Last".
 */

export type NameOrder = "first-last" | "last-first";

/** Endings after a comma that are part of the name, not a first name: "Sam Lee, Jr." stays as it is. */
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "mba", "msc", "bsc"]);

const collapse = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/**
 * The order a name column's header states, e.g. "Name (Last, First)", "Employee Name - Surname, Forename".
 * Undefined when the header says nothing about order (a plain "Name", or "First Name" alone).
 */
export function nameOrderFromHeader(header: string): NameOrder | undefined {
  const h = header.toLowerCase();
  const last = h.search(/last|surname|family/);
  const first = h.search(/first|given|forename/);
  if (last === -1 || first === -1) return undefined;
  return last < first ? "last-first" : "first-last";
}

/**
 * The name to store: first + last joined when either is given; otherwise the single column, turned round when
 * it holds exactly one comma ("Okafor, Amara" → "Amara Okafor") unless the header says "first-last". A value
 * without a comma is kept as given even under a "Last, First" header: where a surname ends is not ours to guess.
 */
export function personName(parts: { full?: string | null; first?: string | null; last?: string | null }, order?: NameOrder): string {
  const first = collapse(parts.first);
  const last = collapse(parts.last);
  if (first || last) return [first, last].filter(Boolean).join(" ");
  const full = collapse(parts.full);
  if (order === "first-last") return full;
  const pieces = full.split(",");
  if (pieces.length !== 2) return full;
  const [surname, given] = pieces.map((p) => p.trim());
  if (!surname || !given || SUFFIXES.has(given.toLowerCase().replace(/\./g, ""))) return full;
  return `${given} ${surname}`;
}

/**
 * A name as people are compared when a file names a manager: "Okafor, Amara", "amara  OKAFOR" and "Amara Okafor"
 * are one key; accents, case and punctuation other than hyphens and apostrophes do not count.
 */
export function nameKey(name: string): string {
  const turned = personName({ full: name });
  // Most names are plain ASCII: they need no Unicode decomposition.
  return (/^[\x20-\x7e]*$/.test(turned) ? turned : turned.normalize("NFKD").replace(/\p{M}/gu, ""))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'’ -]/gu, " ")
    .replace(/’/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
