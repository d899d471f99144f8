/**
 * Records, once: the codec of each field type (a cell's text to the engine's value, with the
 * message that names what is wrong) and the one rule for patient-identifiable data, by name of a
 * field or column and by value of a cell. The language's dataset checks, the service's feed path
 * and the engine's row decoding all use it.
 */
export {
  type CellReading,
  type CellValue,
  expectedCell,
  expectedStoredValue,
  isTextType,
  quoteCell,
  readCell,
} from './codecs.js';
export {
  identifyingColumnMessage,
  identifyingFieldMessage,
  identifyingName,
  nameWords,
} from './identifiable-names.js';
export {
  identifyingValueAt,
  identifyingValueProblem,
  isEmailAt,
  isNhsNumberAt,
  isPhoneNumberAt,
  isPostcodeAt,
} from './identifiable-values.js';
export { readBoolean, readDecimal, readInteger, readPence } from './numbers.js';
export { outOfOrder, rowOrderProblem, rowOrders } from './row-order.js';
export { SnapshotPeople, snapshotKeyField } from './snapshot-people.js';
export {
  isPseudonymAt,
  MAX_DIGITS,
  MAX_PSEUDONYM_LENGTH,
  MAX_TEXT_LENGTH,
  maxLength,
  valueLimitProblem,
} from './value-limits.js';
