import {
  localSeconds,
  monthIndexOfDay,
  parseMonthIndex,
  SECONDS_PER_DAY,
  type TimeZone,
} from '../calendar/index.js';
import { DomainError } from '../core/errors.js';
import type { Dataset, DatasetField } from '../model/measure.js';
import {
  expectedStoredValue,
  identifyingFieldMessage,
  identifyingName,
  identifyingValueAt,
  identifyingValueProblem,
  SnapshotPeople,
  snapshotKeyField,
} from '../records/index.js';
import {
  decodeNumber,
  describeValue,
  type FieldSlot,
  slotFor,
  TypeCode,
  typeCodeOf,
} from './field-decoders.js';
import type { FieldValue, RecordRow } from './observations.js';
import { NOT_FAST } from './quantity-values.js';
import type { RowContext } from './row-context.js';

/** Validates each row against its dataset and decodes it into a row context, once per row. */
export interface DatasetReader {
  dataset: Dataset;
  slots: Map<string, FieldSlot>;
  /** The first pseudonym field: whose record a row is. */
  personSlot: FieldSlot | undefined;
  /** Slot of the submitting provider's ODS code; `month` is the slot after it. */
  providerSlot: number;
  read(row: RecordRow, context: RowContext): void;
}

export function createDatasetReader(dataset: Dataset): DatasetReader {
  const fields = dataset.fields;
  const reserved = fields.find((field) => field.name === 'provider' || field.name === 'month');
  if (reserved) {
    throw new DomainError(
      'invalid-model',
      `Dataset ${dataset.name} declares a field '${reserved.name}', a name every record already uses for its submission.`,
      { dataset: dataset.name },
    );
  }
  refuseIdentifyingFields(dataset);
  const slots = new Map(fields.map((field, index) => [field.name, slotFor(field, index)]));
  const providerSlot = fields.length;
  const keySlots = new Map<string, number>([
    ...fields.map((field, index) => [field.name, index] as const),
    ['provider', providerSlot],
    ['month', providerSlot + 1],
  ]);
  const readRaw = createRawReader(dataset, keySlots);
  const decode = createDecoder(dataset);
  const datedBy = datedBySlot(dataset, slots);
  const zone = dataset.timeZone ?? 'UTC';
  const person = fields.find((field) => field.type === 'pseudonym');
  const snapshotKey = snapshotKeyField(dataset);
  const keyIndex = snapshotKey ? fields.indexOf(snapshotKey) : -1;
  // The people of each provider's monthly snapshot, so that none is counted twice.
  const snapshots = new Map<string, SnapshotPeople>();
  return {
    dataset,
    slots,
    personSlot: person && slots.get(person.name),
    providerSlot,
    read(row, context) {
      readRaw(row, context);
      decode(context);
      const month = context.raw[providerSlot + 1];
      if (datedBy === undefined) context.monthIndex = monthOfRow(context, month, false);
      else {
        context.monthIndex = monthOfDatedBy(context, datedBy, zone);
        // A snapshot month may come with a dated row; it is not used, but it must still be a month.
        if (month !== undefined && month !== null && month !== '') monthOfRow(context, month, true);
      }
      if (keyIndex >= 0) {
        const snapshot = `${String(context.raw[providerSlot])} ${context.monthIndex}`;
        const people = snapshots.get(snapshot) ?? new SnapshotPeople();
        snapshots.set(snapshot, people);
        const repeated = people.repeat(String(context.texts[keyIndex]), context.rowNumber);
        if (repeated) throw invalidRecord(context, (snapshotKey as DatasetField).name, repeated);
      }
    },
  };
}

/**
 * Copies a row's values into slots in one `for…in` pass, refusing keys the dataset does not have.
 * Rows from one source almost always list their keys in the same order, so the slot of each
 * position is remembered: a string identity check instead of a lookup per key.
 */
function createRawReader(
  dataset: Dataset,
  keySlots: Map<string, number>,
): (row: RecordRow, context: RowContext) => void {
  const slotCount = keySlots.size;
  const seen = new Float64Array(slotCount).fill(-1);
  const orderKeys = new Array<string>(slotCount + 1).fill('');
  const orderSlots = new Int32Array(slotCount + 1);
  return (row, context) => {
    const { raw, stamp } = context;
    let position = 0;
    for (const key in row) {
      let slot = orderSlots[position] as number;
      if (key !== orderKeys[position]) {
        const found = keySlots.get(key);
        if (found === undefined) throw invalidRecord(context, key, `is not in dataset ${dataset.name}`);
        slot = found;
        orderKeys[position] = key;
        orderSlots[position] = slot;
      }
      position++;
      raw[slot] = row[key];
      seen[slot] = stamp;
    }
    for (let slot = 0; slot < slotCount; slot++) if (seen[slot] !== stamp) raw[slot] = undefined;
  };
}

/** Checks each field's value against its type and decodes it into the context's slots. */
function createDecoder(dataset: Dataset): (context: RowContext) => void {
  const fields = dataset.fields;
  const codes = Int32Array.from(fields, (field) => typeCodeOf(field.type));
  const required = Uint8Array.from(fields, (field) => (field.optional ? 0 : 1));
  // A listed code's number is its position in the list, so rows are hashed without their code text.
  const codeLists = fields.map((field) => field.codes && new Map(field.codes.map((code, at) => [code, at])));
  const refuse = (context: RowContext, index: number) => {
    const field = fields[index] as Dataset['fields'][number];
    const value = context.raw[index];
    if (value === undefined || value === null || value === '')
      return invalidRecord(context, field.name, 'is required but missing');
    return invalidRecord(
      context,
      field.name,
      `must be ${expectedStoredValue(field)}, not ${describeValue(value)}`,
    );
  };
  return (context) => {
    const { raw, numbers, texts, exactOnly } = context;
    for (let i = 0; i < codes.length; i++) {
      const value = raw[i];
      const code = codes[i] as number;
      if (value === undefined || value === null || value === '') {
        if (required[i] === 1) throw refuse(context, i);
        numbers[i] = Number.NaN;
        texts[i] = undefined;
        exactOnly[i] = 0;
      } else if (code === TypeCode.Text) {
        if (typeof value !== 'string') throw refuse(context, i);
        const codes = codeLists[i];
        const position = codes === undefined ? 0 : codes.get(value);
        if (position === undefined) throw refuse(context, i);
        // A listed code is the commissioner's own text; any other text may be what a feed must not carry.
        if (codes === undefined) {
          const identifies = identifyingValueAt(value);
          if (identifies !== undefined)
            throw invalidRecord(
              context,
              (fields[i] as Dataset['fields'][number]).name,
              identifyingValueProblem(identifies),
            );
        }
        texts[i] = value;
        numbers[i] = position;
      } else {
        const decoded = decodeNumber(code, value);
        if (Number.isNaN(decoded)) throw refuse(context, i);
        exactOnly[i] = decoded === NOT_FAST ? 1 : 0;
        numbers[i] = decoded;
      }
    }
  };
}

/** A model whose dataset declares a field that would hold identifiable data is not evaluated. */
function refuseIdentifyingFields(dataset: Dataset): void {
  for (const field of dataset.fields) {
    const what = identifyingName(field.name);
    if (what === undefined) continue;
    throw new DomainError(
      'invalid-model',
      `Dataset ${dataset.name}: ${identifyingFieldMessage(field.name, what)}`,
      {
        dataset: dataset.name,
        field: field.name,
      },
    );
  }
}

function datedBySlot(dataset: Dataset, slots: Map<string, FieldSlot>): FieldSlot | undefined {
  if (dataset.datedBy === undefined) return undefined;
  const slot = slots.get(dataset.datedBy);
  if (!slot || (slot.kind !== 'day' && slot.kind !== 'second')) {
    throw new DomainError(
      'invalid-model',
      `Dataset ${dataset.name} is dated by '${dataset.datedBy}', which is not one of its date or date-time fields.`,
    );
  }
  return slot;
}

function monthOfDatedBy(context: RowContext, slot: FieldSlot, zone: TimeZone): number {
  const value = context.numbers[slot.index] as number;
  if (Number.isNaN(value))
    throw invalidRecord(context, slot.field.name, 'is missing, and the dataset is dated by it');
  if (slot.kind === 'day') return monthIndexOfDay(value);
  // A date-time's month is the month on the dataset's clock: 00:30 BST on 1 May is May's.
  return monthIndexOfDay(Math.floor(localSeconds(value, zone) / SECONDS_PER_DAY));
}

function monthOfRow(context: RowContext, month: FieldValue, dated: boolean): number {
  const index = typeof month === 'string' ? parseMonthIndex(month) : Number.NaN;
  if (!Number.isNaN(index)) return index;
  if (dated)
    throw invalidRecord(context, 'month', `must be a month written YYYY-MM, not ${describeValue(month)}`);
  const problem =
    month === undefined || month === null || month === ''
      ? 'is required but missing'
      : `must be a month written YYYY-MM, not ${describeValue(month)}`;
  throw invalidRecord(
    context,
    'month',
    `${problem}: the dataset is not dated by a field, so each row gives its month`,
  );
}

export function invalidRecord(context: RowContext, field: string, problem: string): DomainError {
  return new DomainError('invalid-record', `Row ${context.rowNumber}: field '${field}' ${problem}.`, {
    row: context.rowNumber,
    field,
  });
}
