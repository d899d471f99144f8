/**
 * The calendar of Parity, once: NHS financial years (`2026/27`, April to March) and their quarters,
 * months (`YYYY-MM`), dates (`YYYY-MM-DD`) and date-times (ISO 8601, held as UTC seconds; clock
 * times read as UTC or Europe/London), day numbers, and the message that says what is wrong with a date, month or year as written. The
 * language, the service and the evaluation all read time through this module.
 */
export {
  dateProblem,
  dayNumber,
  dayNumberAt,
  isDateAt,
  parseDay,
  readDate,
} from './date-text.js';
export {
  type DateTimeReading,
  dateTimeText,
  monthOfStored,
  parseDateTime,
  readDateTimeText,
} from './date-times.js';
export {
  addCalendarMonths,
  addCalendarMonthsToInstant,
  dateOfDayNumber,
  daysFromCivil,
  daysInMonth,
  firstDayOfMonthIndex,
  isLeapYear,
  monthIndexOfDay,
  SECONDS_PER_DAY,
} from './days.js';
export {
  daysInFinancialYear,
  financialYearOf,
  financialYearProblem,
  financialYearStarting,
  monthsOfQuarter,
  monthsOfYear,
  periodsOfTerm,
  QUARTERS,
  quarterOf,
  startYearOf,
  yearsOfTerm,
} from './financial-year.js';
export {
  addMonths,
  dayAfterMonth,
  firstDayOf,
  monthIndexAt,
  monthProblem,
  monthRange,
  monthsOfTerm,
  monthText,
  parseMonthIndex,
  readMonth,
} from './months.js';
export { instantOfLocal, localSeconds, type TimeZone } from './time-zone.js';
