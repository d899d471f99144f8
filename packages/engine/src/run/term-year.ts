import { financialYearOf, yearsOfTerm } from '../calendar/index.js';
import { DomainError, DomainErrorCodes } from '../core/errors.js';
import type { ContractModel } from '../model/index.js';

/**
 * A term of several financial years is paid year by year: the contract in one year of its term
 * is the same contract with that year and that year's value. Which year a request means is its
 * own (`year`), or the year of the term its as-of date falls in: before the term its first year,
 * after it its last.
 */
export function contractForYear(model: ContractModel, year: string): ContractModel {
  const contract = model.contract;
  const years = yearsOfTerm(contract.term);
  if (!years.includes(year)) {
    throw new DomainError(
      DomainErrorCodes.PeriodOutsideContract,
      `${year} is not a year of ${contract.name}'s term (${years.join(', ')}).`,
      { year },
    );
  }
  if (year === contract.year) return model;
  const valuePence = contract.valuesByYear?.[year];
  if (contract.valuePence !== undefined && valuePence === undefined) {
    throw new DomainError(
      DomainErrorCodes.InvalidModel,
      `${contract.name} gives no value for ${year}, a year of its term: it cannot be priced for that year.`,
      { year },
    );
  }
  return { ...model, contract: { ...contract, year, valuePence } };
}

/** The year of the term a date falls in; before the term its first year, after it its last. */
export function termYearOn(model: ContractModel, date: string): string {
  const years = yearsOfTerm(model.contract.term);
  const year = financialYearOf(date.slice(0, 7));
  if (years.includes(year)) return year;
  return year < (years[0] as string) ? (years[0] as string) : (years.at(-1) as string);
}

/** The financial years of the contract's term, in order. */
export function termYears(model: ContractModel): string[] {
  return yearsOfTerm(model.contract.term);
}
