import { read as readFd } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { crc32, createInflateRaw } from 'node:zlib';
import { partName, XlsxRefusal } from './xlsx-refusal.js';

/** How far a workbook may expand when unzipped. */
export interface ZipLimits {
  /** Largest total of the parts' unzipped sizes, in bytes. */
  totalBytes: number;
  /** Largest ratio of a part's unzipped to zipped size, for parts over a mebibyte unzipped. */
  ratio: number;
  /** Most parts a workbook may hold. */
  parts: number;
}

export const ZIP_LIMITS: ZipLimits = { totalBytes: 1024 * 1024 * 1024, ratio: 200, parts: 1000 };

/** Where each part lies in the file, from its local header to the end of its data (descriptor included), and the directory. */
export interface ZipLayout {
  parts: { name: string; start: number; end: number }[];
  directory: { start: number; end: number };
}

/** One part as the central directory lists it, with where its data lies in the file. */
interface ZipPart {
  name: string;
  flags: number;
  method: number;
  crc: number;
  zipped: number;
  size: number;
  offset: number;
  /** Where the part's zipped data begins, once its local header has been read. */
  dataStart: number;
}

const WORKBOOK = 'workbook';
const WORKBOOK_PART = 'xl/workbook.xml';
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MEBIBYTE = 1024 * 1024;

/**
 * Checks a workbook's ZIP before any of it is parsed: the central directory read, every part's
 * declared sizes within the limits (so a zip bomb is refused from its directory, before anything
 * is inflated), the parts laid end to end as a streaming reader expects, each part's local header
 * agreeing with the directory, and each part inflated once to verify its size and CRC-32, never
 * past its declared size. Throws an `XlsxRefusal` naming the part.
 */
export async function checkWorkbookZip(
  file: number,
  size: number,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<ZipLayout> {
  const { parts, start } = await readDirectory(file, size, limits);
  const ends = await checkLayout(file, parts, start);
  for (const part of parts) await verifyContent(file, part);
  return {
    parts: parts.map((part, i) => ({ name: part.name, start: part.offset, end: ends[i] as number })),
    directory: { start, end: size },
  };
}

async function readDirectory(
  file: number,
  size: number,
  limits: ZipLimits,
): Promise<{ parts: ZipPart[]; start: number }> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(file, size - tailLength, tailLength);
  let end = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tailLength) {
      end = i;
      break;
    }
  }
  if (end < 0) refuse(WORKBOOK, 'it is not a ZIP file (an XLSX workbook is one): its end record is missing');
  const count = tail.readUInt16LE(end + 10);
  const length = tail.readUInt32LE(end + 12);
  const start = tail.readUInt32LE(end + 16);
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 8) !== count)
    refuse(WORKBOOK, 'it is a ZIP split across several files, which a workbook never is');
  if (count === 0xffff || start === 0xffffffff)
    refuse(WORKBOOK, 'it is a ZIP64 archive, larger than a feed workbook can be');
  if (count > limits.parts)
    refuse(WORKBOOK, `it holds ${count} parts, more than the ${limits.parts} allowed`);
  if (start + length !== size - tailLength + end)
    refuse(WORKBOOK, 'its central directory is not where its end record says');
  const directory = await read(file, start, length);
  const parts: ZipPart[] = [];
  let at = 0;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > length || directory.readUInt32LE(at) !== CENTRAL)
      refuse(WORKBOOK, `entry ${n + 1} of its central directory is damaged`);
    const nameLength = directory.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (next > length) refuse(WORKBOOK, `entry ${n + 1} of its central directory is damaged`);
    const part: ZipPart = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      zipped: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
      dataStart: 0,
    };
    checkDeclared(part, limits);
    total += part.size;
    if (total > limits.totalBytes)
      refuse(part.name, `the workbook unzips to more than the ${limits.totalBytes / MEBIBYTE} MiB allowed`);
    if (parts.some((p) => p.name === part.name)) refuse(part.name, 'the part appears twice in the workbook');
    parts.push(part);
    at = next;
  }
  if (at !== length) refuse(WORKBOOK, 'its central directory holds more than its end record counts');
  if (!parts.some((p) => p.name === WORKBOOK_PART))
    refuse(WORKBOOK_PART, 'the part is missing: the file is a ZIP but not an XLSX workbook');
  return { parts: parts.sort((a, b) => a.offset - b.offset), start };
}

function checkDeclared(part: ZipPart, limits: ZipLimits): void {
  if (part.flags & 1) refuse(part.name, 'the part is encrypted; send the workbook without a password');
  if (part.method !== 0 && part.method !== 8)
    refuse(part.name, `the part is compressed by method ${part.method}; workbooks use deflate`);
  if (part.method === 0 && part.zipped !== part.size)
    refuse(part.name, 'the part is stored uncompressed but its two sizes differ');
  if (part.size === 0xffffffff || part.zipped === 0xffffffff)
    refuse(part.name, 'the part is larger than a feed workbook can hold');
  if (part.size > MEBIBYTE && part.size / Math.max(1, part.zipped) > limits.ratio)
    refuse(
      part.name,
      `the part unzips ${Math.round(part.size / Math.max(1, part.zipped))} times larger than it is zipped, more than the ${limits.ratio} times a workbook does: it looks like a zip bomb`,
    );
}

/** The parts must lie end to end from the start of the file to the central directory. Where each ends. */
async function checkLayout(file: number, parts: ZipPart[], directoryStart: number): Promise<number[]> {
  const ends: number[] = [];
  let expected = 0;
  for (const part of parts) {
    if (part.offset !== expected) refuse(part.name, 'the part is not where the previous one ends');
    const header = await read(file, part.offset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
      refuse(part.name, 'the part has no local header where the directory says');
    const nameLength = header.readUInt16LE(26);
    const name = (await read(file, part.offset + 30, nameLength)).toString('utf8');
    const deferred = (part.flags & 8) !== 0;
    if (
      name !== part.name ||
      header.readUInt16LE(8) !== part.method ||
      (header.readUInt16LE(6) & 8) !== (part.flags & 8) ||
      (!deferred &&
        (header.readUInt32LE(14) !== part.crc ||
          header.readUInt32LE(18) !== part.zipped ||
          header.readUInt32LE(22) !== part.size))
    )
      refuse(part.name, 'the part’s local header disagrees with the central directory');
    part.dataStart = part.offset + 30 + nameLength + header.readUInt16LE(28);
    const dataEnd = part.dataStart + part.zipped;
    expected = deferred ? dataEnd + (await descriptorLength(file, part, dataEnd)) : dataEnd;
    ends.push(expected);
  }
  if (expected !== directoryStart) refuse(WORKBOOK, 'there is data between its last part and its directory');
  return ends;
}

/** The length of the data descriptor after a part, which must repeat the directory's figures. */
async function descriptorLength(file: number, part: ZipPart, at: number): Promise<number> {
  const bytes = await read(file, at, 16);
  const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DESCRIPTOR ? 4 : 0;
  if (
    bytes.length < signed + 12 ||
    bytes.readUInt32LE(signed) !== part.crc ||
    bytes.readUInt32LE(signed + 4) !== part.zipped ||
    bytes.readUInt32LE(signed + 8) !== part.size
  )
    refuse(part.name, 'the part’s data descriptor disagrees with the central directory');
  return signed + 12;
}

/** Inflates a part, never past its declared size, and checks its size and CRC-32. */
async function verifyContent(file: number, part: ZipPart): Promise<void> {
  const start = part.dataStart;
  let size = 0;
  let crc = 0;
  let overflowed = false;
  const sink = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > part.size) {
        // Inflating stops here, whatever the rest would come to.
        overflowed = true;
        return;
      }
      crc = crc32(chunk, crc);
    }
  };
  try {
    if (part.zipped > 0) {
      const source = Readable.from(chunksOf(file, start, start + part.zipped));
      if (part.method === 8) await pipeline(source, createInflateRaw(), sink);
      else await pipeline(source, sink);
    }
  } catch {
    if (!overflowed) refuse(part.name, 'the part’s compressed data is damaged');
  }
  if (overflowed) refuse(part.name, 'the part unzips to more than its declared size');
  if (size !== part.size) refuse(part.name, 'the part unzips to less than its declared size');
  if (crc >>> 0 !== part.crc) refuse(part.name, 'the part’s CRC-32 checksum does not match its content');
}

const readAt = promisify(readFd);

/**
 * The bytes of the file from `start` to `end`, a chunk at a time. (Not a file read stream: the
 * file belongs to the service, and such a stream closes the descriptor when it is destroyed.)
 */
export async function* chunksOf(file: number, start: number, end: number): AsyncGenerator<Buffer> {
  for (let at = start; at < end; at += 64 * 1024) yield await read(file, at, Math.min(64 * 1024, end - at));
}

/** Bytes of the file at a position: fewer at its end. */
export async function read(file: number, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await readAt(file, buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function refuse(part: string, problem: string): never {
  throw new XlsxRefusal(partName(part), `The workbook cannot be read: ${problem}.`);
}
