/**
 * The calendar of Parity, once: NHS financial years (`2026/27`, April to March) and their quarters,
 * months (`YYYY-MM`), dates (`YYYY-MM-DD`) and date-times (`YYYY-MM-DDTHH:MM`, UTC), day and minute
 * numbers, and the message that says what is wrong with a date, month or year as written. The
 * language, the service and the evaluation all read time through this module.
 */
export {
  dateProblem,
  dayNumber,
  dayNumberAt,
  isDateAt,
  minuteNumber,
  parseDay,
  parseMinute,
  readDate,
  readDateTime,
} from './date-text.js';
export {
  addCalendarMonths,
  addCalendarMonthsToMinute,
  dateOfDayNumber,
  daysFromCivil,
  daysInMonth,
  firstDayOfMonthIndex,
  isLeapYear,
  MINUTES_PER_DAY,
  monthIndexOfDay,
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
