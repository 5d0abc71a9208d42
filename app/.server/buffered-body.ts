import { Writable } from "node:stream";

/**
 * A sink for React's pipeable render that hands over the whole page as one buffer when rendering ends: one
 * socket write instead of a stream hop and a write per small chunk (issue 16).
 */
export function bufferedBody(finished: (body: Buffer<ArrayBuffer>) => void): Writable {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
    final(done) {
      finished(Buffer.concat(chunks));
      done();
    },
  });
  // React ends its destination twice; Node answers the second call by building an error nobody sees.
  const end = sink.end.bind(sink);
  sink.end = ((...args: Parameters<Writable["end"]>) => (sink.writableEnded ? sink : end(...args))) as Writable["end"];
  return sink;
}
