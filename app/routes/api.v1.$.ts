import { apiError } from "~/.server/api/respond";

/** Any other path under /api/v1: a JSON 404 rather than Baton's HTML page. */
const unknownPath = () => apiError(404, "not_found", "There is no such API path; see /api/v1/openapi.json.");

export const loader = unknownPath;
export const action = unknownPath;
