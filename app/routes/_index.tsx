import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getViewer, homeFor } from "~/.server/auth/require-user";

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getViewer(request);
  throw redirect(found ? homeFor(found.person.role) : "/login");
}
