import type { action } from "~/routes/_app.hr.import";
import { having, type RouteData } from "../../factories";

type ImportData = RouteData<Awaited<ReturnType<typeof action>>>;

/** The preview the import page answered with (fails the test on anything else), and the fields that confirm it. */
export function previewOf(data: ImportData) {
  const shown = having(data, "preview");
  if (shown.upload === null) throw new Error("the preview kept no upload to confirm");
  return { ...shown, upload: shown.upload, confirm: { intent: "confirm", upload: shown.upload, fingerprint: shown.preview.fingerprint } };
}
