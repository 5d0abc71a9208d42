/** A browser's multipart upload of a CSV to the import page. */
export function uploadRequest(cookie: string, csv: string, fileName = "people.csv") {
  const form = new FormData();
  form.append("file", new File([csv], fileName, { type: "text/csv" }));
  const headers = new Headers({ Origin: "http://localhost:3000", "x-baton-client-ip": "203.0.113.9", Cookie: cookie });
  return new Request("http://localhost:3000/hr/import", { method: "POST", headers, body: form });
}
