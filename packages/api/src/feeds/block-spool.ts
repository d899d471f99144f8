import { createHash, webcrypto } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { tempFolder } from './temp-folders.js';

const gzipAsync = promisify(gzip);

/** Rows per stored block: about a megabyte of JSON, so reading one back holds little memory. */
export const BLOCK_ROWS = 10_000;
/** Compressions running at once on libuv's thread pool while the next rows are parsed. */
const IN_FLIGHT = 3;
/** Compressed bytes kept in memory before the spool moves to a temporary file. */
const SPOOL_MEMORY_BYTES = 16 * 1024 * 1024;

/** One stored block: gzipped NDJSON, the first line naming the columns. */
export interface StoredBlock {
  sequence: number;
  rowCount: number;
  data: Uint8Array;
}

/** The first line of a record block: the columns each following line (a JSON array) holds. */
export function blockHeader(columns: readonly string[]): string {
  return JSON.stringify({ columns });
}

/**
 * Gathers a feed's rows (NDJSON lines) into gzipped blocks. Each line is copied into the block's
 * byte buffer as it comes, so row strings die young instead of piling up for the garbage collector.
 * Compression (level 1: about a third of the size, at the least CPU) runs on the thread pool while
 * parsing goes on; `settle` waits when too many are in flight, which slows the reading of the
 * request body to match.
 */
export class BlockWriter {
  private buffer: Buffer = Buffer.alloc(0);
  private used = 0;
  private blockCount = 0;
  private readonly inFlight: Promise<StoredBlock>[] = [];
  private sequence = 0;
  private headerBytes?: Buffer;
  readonly spool: BlockSpool;
  rows = 0;
  /** Each block's sha256 before compression, in order, when the writer is made `hashed`. */
  private readonly blockDigests?: string[];
  private readonly buffers: BlockBuffers;

  constructor(
    private readonly blockRows = BLOCK_ROWS,
    options: { hashed?: boolean; memory?: SpoolMemory; buffers?: BlockBuffers } = {},
  ) {
    if (options.hashed) this.blockDigests = [];
    this.spool = new BlockSpool(options.memory);
    this.buffers = options.buffers ?? new BlockBuffers();
  }

  /**
   * The sha256 of the rows written, as lowercase hex: of the list of the blocks' own sha256 (each
   * hashed on the thread pool beside its compression), so the same rows give the same digest.
   * After `finish`, for a writer made `hashed`.
   */
  digest(): string {
    return this.blockDigests ? createHash('sha256').update(this.blockDigests.join('\n')).digest('hex') : '';
  }

  /** Names the columns each row holds, in order; once, before the first row. */
  setColumns(columns: readonly string[]): void {
    this.headerBytes = Buffer.from(`${blockHeader(columns)}\n`);
    this.buffer = this.freshBuffer(2 * 1024 * 1024);
  }

  /** Appends one row, given as a line of JSON. */
  add(line: string): void {
    // Room for the line at its longest in UTF-8 (three bytes a UTF-16 unit) and its newline.
    const buffer = this.reserve(line.length * 3 + 1);
    this.commit(this.used + buffer.write(line, this.used, 'utf8'));
  }

  /** The block's bytes, with room for `bytes` more at `offset`, for a row written in place. */
  reserve(bytes: number): Buffer {
    if (this.used + bytes + 1 > this.buffer.length) this.grow(bytes + 1);
    return this.buffer;
  }

  /** Where the next row goes in the block's bytes. */
  get offset(): number {
    return this.used;
  }

  /** Keeps the row written in place up to `end`. */
  commit(end: number): void {
    this.used = end;
    this.buffer[this.used++] = 10;
    this.rows++;
    if (++this.blockCount >= this.blockRows) this.seal();
  }

  /** Waits until few enough compressions are in flight. */
  async settle(): Promise<void> {
    while (this.inFlight.length > IN_FLIGHT)
      await this.spool.add(await (this.inFlight.shift() as Promise<StoredBlock>));
  }

  /** Seals the last block and waits for every compression; the blocks are then in the spool. */
  async finish(): Promise<BlockSpool> {
    if (this.blockCount > 0) this.seal();
    while (this.inFlight.length > 0)
      await this.spool.add(await (this.inFlight.shift() as Promise<StoredBlock>));
    return this.spool;
  }

  /** Drops everything: nothing of a refused feed is kept. */
  async discard(): Promise<void> {
    this.blockCount = 0;
    this.used = this.headerBytes?.length ?? 0;
    await Promise.allSettled(this.inFlight.splice(0));
    await this.spool.dispose();
  }

  private freshBuffer(size: number): Buffer {
    const header = this.headerBytes ?? Buffer.alloc(0);
    const buffer = this.buffers.take(Math.max(size, header.length + 1));
    header.copy(buffer, 0);
    this.used = header.length;
    return buffer;
  }

  private grow(room: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + room));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }

  private seal(): void {
    const sequence = this.sequence++;
    const rowCount = this.blockCount;
    const sealed = this.buffer;
    const bytes = sealed.subarray(0, this.used);
    this.blockCount = 0;
    this.buffer = this.freshBuffer(sealed.length);
    const digests = this.blockDigests;
    const hashed = digests
      ? webcrypto.subtle.digest('SHA-256', bytes).then((digest) => {
          digests[sequence] = Buffer.from(digest).toString('hex');
        })
      : undefined;
    const block = Promise.all([gzipAsync(bytes, { level: 1, chunkSize: 1024 * 1024 }), hashed]).then(
      ([data]) => {
        // Both done with the bytes: the buffer takes the next block's rows.
        this.buffers.give(sealed);
        return { sequence, rowCount, data };
      },
    );
    block.catch(() => undefined);
    this.inFlight.push(block);
  }
}

/**
 * Block buffers given back once compressed, for the next blocks to fill: a few megabytes reused
 * rather than a fresh buffer per block (an extract's parts share them).
 */
export class BlockBuffers {
  private readonly free: Buffer[] = [];

  take(size: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length >= size);
    if (index < 0) return Buffer.allocUnsafe(size);
    return this.free.splice(index, 1)[0] as Buffer;
  }

  give(buffer: Buffer): void {
    if (this.free.length < 8) this.free.push(buffer);
  }
}

/**
 * The memory compressed blocks may hold before they go to a temporary file: 16 MB, for one feed or
 * shared by all the parts of an extract, so many parts cost no more memory than one feed.
 */
export class SpoolMemory {
  private left = SPOOL_MEMORY_BYTES;

  /** Takes `bytes` if they are left; false when they are not. */
  take(bytes: number): boolean {
    if (bytes > this.left) return false;
    this.left -= bytes;
    return true;
  }

  give(bytes: number): void {
    this.left += bytes;
  }
}

/**
 * Compressed blocks waiting for the submission's transaction: in memory while its `SpoolMemory`
 * lasts, then in a temporary file, so a feed of any size allowed costs little memory and holds no
 * database lock while it uploads.
 */
export class BlockSpool {
  private readonly held: StoredBlock[] = [];
  private heldBytes = 0;

  constructor(private readonly memory = new SpoolMemory()) {}

  private file?: {
    directory: string;
    handle: FileHandle;
    size: number;
    entries: { sequence: number; rowCount: number; offset: number; length: number }[];
  };

  get count(): number {
    return this.held.length + (this.file?.entries.length ?? 0);
  }

  async add(block: StoredBlock): Promise<void> {
    if (!this.file && this.memory.take(block.data.byteLength)) {
      this.held.push(block);
      this.heldBytes += block.data.byteLength;
      return;
    }
    if (!this.file) {
      const directory = await tempFolder('feed');
      this.file = {
        directory,
        handle: await open(join(directory, 'blocks'), 'w+', 0o600),
        size: 0,
        entries: [],
      };
      for (const held of this.held.splice(0)) await this.write(held);
      this.memory.give(this.heldBytes);
      this.heldBytes = 0;
    }
    await this.write(block);
  }

  /** The blocks in order, read back one at a time. */
  async *blocks(): AsyncGenerator<StoredBlock> {
    for (const block of this.held) yield block;
    if (!this.file) return;
    for (const entry of this.file.entries) {
      const data = Buffer.alloc(entry.length);
      await this.file.handle.read(data, 0, entry.length, entry.offset);
      yield { sequence: entry.sequence, rowCount: entry.rowCount, data };
    }
  }

  async dispose(): Promise<void> {
    this.held.length = 0;
    this.memory.give(this.heldBytes);
    this.heldBytes = 0;
    const file = this.file;
    this.file = undefined;
    if (!file) return;
    await file.handle.close().catch(() => undefined);
    await rm(file.directory, { recursive: true, force: true });
  }

  private async write(block: StoredBlock): Promise<void> {
    const file = this.file as NonNullable<BlockSpool['file']>;
    await file.handle.write(block.data, 0, block.data.byteLength, file.size);
    file.entries.push({
      sequence: block.sequence,
      rowCount: block.rowCount,
      offset: file.size,
      length: block.data.byteLength,
    });
    file.size += block.data.byteLength;
  }
}
