// COPY … FROM STDIN and COPY … TO STDOUT on a pg client, through pg-copy-streams (the pg project's streaming COPY).
import { once } from "node:events";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { from as copyFromStdin, to as copyToStdout } from "pg-copy-streams";

/** A COPY … FROM STDIN kept open while rows are written to it: PostgreSQL loads each chunk while the next is read. */
export function copyInto(client: pg.Client, sql: string) {
  const stream = client.query(copyFromStdin(sql));
  const failed = once(stream, "error").then(([error]) => Promise.reject(error as Error));
  failed.catch(() => {}); // Seen by the next write or by end().
  return {
    async write(data: Buffer) {
      if (!stream.write(data)) await Promise.race([once(stream, "drain"), failed]);
    },
    async end() {
      stream.end();
      await Promise.race([once(stream, "finish"), failed]);
    },
  };
}

/** Each line COPY … TO STDOUT writes (one row of its text format; newlines inside values are escaped). */
export async function copyLines(client: pg.Client, sql: string, onRow: (row: string) => void) {
  const stream = client.query(copyToStdout(sql));
  // A chunk may end inside a character: the decoder keeps its first bytes for the next one.
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.write(chunk)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) onRow(line);
  }
}
