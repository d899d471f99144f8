import { createHash, type Hash } from 'node:crypto';
import { ApiError } from '../errors.js';

/**
 * The request body as it streams in: each chunk is counted against the size limit and added to the
 * content hash on its way to the parser, so the file is never held whole. A parser that stops early
 * (a bad header) leaves the rest to `drain`, so the hash always covers every byte.
 */
export class FeedBody {
  private readonly hash: Hash = createHash('sha256');
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private finished = false;
  bytes = 0;

  /**
   * The chunks, for a parser. Its iterator has no `return`, so a parser that breaks off does not
   * close the body: reads go on from where it stopped.
   */
  readonly chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({ next: () => this.next() }),
  };

  constructor(
    body: ReadableStream<Uint8Array> | null,
    private readonly limit: number,
  ) {
    this.reader = body?.getReader();
  }

  private async next(): Promise<IteratorResult<Uint8Array>> {
    if (!this.reader || this.finished) return { done: true, value: undefined };
    const { done, value } = await this.reader.read();
    if (done) {
      this.finished = true;
      return { done: true, value: undefined };
    }
    this.bytes += value.byteLength;
    if (this.bytes > this.limit) {
      this.finished = true;
      await this.reader.cancel().catch(() => undefined);
      throw new ApiError(
        'payload-too-large',
        `The body is larger than the ${this.limit} bytes allowed here.`,
      );
    }
    this.hash.update(value);
    return { done: false, value };
  }

  /** Reads (counts and hashes) whatever the parser left unread. */
  async drain(): Promise<void> {
    while (!(await this.next()).done) {
      // Nothing to do with the bytes but count and hash them.
    }
  }

  /** sha256 of every byte read, as lowercase hex. Call once, after the body has been read. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
