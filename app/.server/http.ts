/** The client's address. The server overwrites this header on every request, so a client cannot forge it. */
const CLIENT_IP_HEADER = "x-baton-client-ip";

export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER);
}

/** 404 when a thing is missing or the viewer may not know it exists. */
export function invariantResponse(condition: unknown, message = "Not found", status = 404): asserts condition {
  if (!condition) throw new Response(message, { status });
}
