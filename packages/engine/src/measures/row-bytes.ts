import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Dataset } from '../model/measure.js';
import type { FieldSlot } from './field-decoders.js';
import type { RowContext } from './row-context.js';
import type { RowHashSink } from './row-hash.js';

/**
 * The rows hash of a provider's month is the sha256 of its rows as the engine read them, so two
 * feeds that mean the same rows (keys in another order, `0.10` for `0.1`, a date-time with seconds)
 * give the same hash, and any change to a value gives another. The bytes hashed are:
 *
 * 1. A header, in UTF-8: `parity-rows/2`, the provider's ODS code, the month (`YYYY-MM`), then each
 *    field of the dataset as `name:type`, in declared order, each followed by a newline.
 * 2. For each row, in the order read:
 *    - one little-endian float64 per field, in declared order: quantities as units at the field's
 *      places (pence for money, 10⁻⁶ for decimals), dates as days since 1970-01-01, date-times as
 *      minutes since 1970-01-01T00:00, booleans as 1 or 0, a code from the field's list as its
 *      position in the list (from 0), other text 0; NaN (0x7FF8000000000000) when the value is
 *      missing; +Infinity when the value is too large or precise for a float64;
 *    - for each text field without a list of codes (pseudonyms, free text), in declared order: its
 *      length in UTF-16 code units as a little-endian uint32 (0xFFFFFFFF when missing), then the
 *      code units, little-endian;
 *    - for each field written as +Infinity: the value's text in UTF-8 after its length (uint32).
 *
 * Writing the decoded numbers is a single copy per row: building text per row cost more than every
 * measure's evaluation together.
 */
export const ROWS_FORMAT = 'parity-rows/2';

const MISSING = 0xffffffff;

/** Writes a group's header into its sink. */
export function writeRowsHeader(dataset: Dataset, provider: string, month: string, sink: RowHashSink): void {
  const fields = dataset.fields.map((field) => `${field.name}:${field.type}\n`).join('');
  sink.updateDirect(utf8ToBytes(`${ROWS_FORMAT}\n${provider}\n${month}\n${fields}`));
}

/** A writer of one decoded row's bytes, for the dataset whose fields are `slots`. */
export function createRowBytesWriter(slots: FieldSlot[]): (context: RowContext, sink: RowHashSink) => void {
  const textSlots = Int32Array.from(
    slots.filter((slot) => slot.kind === 'text' && !slot.field.codes),
    (slot) => slot.index,
  );
  const numberBytes = slots.length * 8;
  // The context's numbers as bytes: a view made once, as every row of a run shares the context.
  let numbers: Float64Array | undefined;
  let numbersAsBytes: Uint8Array = new Uint8Array(0);
  return (context, sink) => {
    const { texts, exactOnly, raw } = context;
    if (context.numbers !== numbers) {
      numbers = context.numbers;
      numbersAsBytes = new Uint8Array(numbers.buffer, numbers.byteOffset, numberBytes);
    }
    sink.reserve(numberBytes);
    sink.bytes.set(numbersAsBytes, sink.length);
    sink.length += numberBytes;
    for (let t = 0; t < textSlots.length; t++) writeText(sink, texts[textSlots[t] as number]);
    for (let i = 0; i < exactOnly.length; i++) {
      if (exactOnly[i] === 1) writeExact(sink, String(raw[i]));
    }
  };
}

function writeText(sink: RowHashSink, text: string | undefined): void {
  if (text === undefined) {
    sink.reserve(4);
    sink.view.setUint32(sink.length, MISSING, true);
    sink.length += 4;
    return;
  }
  const length = text.length;
  if (!sink.reserve(4 + length * 2)) {
    sink.updateDirect(lengthAndUnits(text));
    return;
  }
  const { view } = sink;
  let at = sink.length;
  view.setUint32(at, length, true);
  at += 4;
  for (let i = 0; i < length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), true);
  sink.length = at;
}

/** A text too long for the sink's buffer, written in one piece. */
function lengthAndUnits(text: string): Uint8Array {
  const bytes = new Uint8Array(4 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, text.length, true);
  for (let i = 0; i < text.length; i++) view.setUint16(4 + i * 2, text.charCodeAt(i), true);
  return bytes;
}

function writeExact(sink: RowHashSink, text: string): void {
  const bytes = utf8ToBytes(text);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length, true);
  sink.updateDirect(length);
  sink.updateDirect(bytes);
}
