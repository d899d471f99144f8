import { createReadStream } from 'node:fs';
import type { Progress } from './progress.js';

/** A file as a web stream of bytes, counted into the progress as they are read. */
export function fileStream(path: string, progress: Progress): ReadableStream<Uint8Array> {
  const chunks = createReadStream(path)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = (await chunks.next()) as IteratorResult<Buffer>;
      if (done) {
        controller.close();
        return;
      }
      progress.add(value.byteLength);
      controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
