import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * An incremental sha256. noble's `sha256.create()` is one; so is Node's `createHash('sha256')`,
 * which a server may pass in because native hashing is some twenty times faster than JavaScript.
 * Both give the same digest.
 */
export interface Sha256 {
  update(bytes: Uint8Array): unknown;
  digest(): Uint8Array;
}

export type Sha256Factory = () => Sha256;

/** The default: noble's pure-JavaScript sha256, which runs anywhere. */
export const nobleSha256: Sha256Factory = () => sha256.create();

/** Bytes collected before a hash update: large enough that the per-call cost does not matter. */
const SINK_BYTES = 16 * 1024;

/**
 * The canonical text of a group's rows on its way into the group's hash. Writers put bytes at
 * `length` after `reserve`, which hands the full buffer to the hash first when needed. `view`
 * writes four bytes at a time, which is most of the speed of hashing a million rows.
 */
export class RowHashSink {
  readonly bytes = new Uint8Array(SINK_BYTES);
  readonly view = new DataView(this.bytes.buffer);
  length = 0;
  private readonly hash: Sha256;

  constructor(createHash: Sha256Factory) {
    this.hash = createHash();
  }

  /** Makes room for `count` more bytes; false when they would not fit even in an empty buffer. */
  reserve(count: number): boolean {
    if (this.length + count <= this.bytes.length) return true;
    this.flush();
    return count <= this.bytes.length;
  }

  /** Hashes bytes too long for the buffer, after what is already in it. */
  updateDirect(bytes: Uint8Array): void {
    this.flush();
    this.hash.update(bytes);
  }

  flush(): void {
    if (this.length > 0) this.hash.update(this.bytes.subarray(0, this.length));
    this.length = 0;
  }

  digestHex(): string {
    this.flush();
    return bytesToHex(this.hash.digest());
  }
}
