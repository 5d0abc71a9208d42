import type { LoaderFunctionArgs } from "@remix-run/node";
import { courseItemAnalysis, parseAttemptFilter } from "~/.server/analysis/course-analysis";
import { itemAnalysisCsvResponse } from "~/.server/analysis/item-analysis-csv";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const analysis = await courseItemAnalysis(params.courseSlug ?? "", parseAttemptFilter(new URL(request.url)));
  invariantResponse(analysis, "Course not found");
  return itemAnalysisCsvResponse(analysis);
}
