import { AstUtils, type ValidationAcceptor } from 'langium';
import { type BaselineTarget, isContract, isYearClause } from '../language/generated/ast.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

/**
 * A baseline year is the year the contract improves on, so it comes before the contract's year:
 * a baseline of the same or a later year would compare the figure with itself or the future.
 */
export function checkBaselineTarget(baseline: BaselineTarget, accept: ValidationAcceptor): void {
  if (!baseline.year) return;
  const contract = AstUtils.getContainerOfType(baseline, isContract);
  const year = contract?.members.find(isYearClause)?.year;
  if (!year || baseline.year < year) return;
  report(
    accept,
    'error',
    IssueCodes.BaselineNotBefore,
    `The baseline ${baseline.year} is not before the contract's year ${year}: name an earlier year, e.g. 'baseline ${previousYear(year)}', or give the baseline's value.`,
    { node: baseline, property: 'year' },
  );
}

function previousYear(year: string): string {
  const start = Number(year.slice(0, 4)) - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
