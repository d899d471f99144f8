import type { DatasetField } from '../model/measure.js';

/**
 * The order a dataset declares within a row (`discharged_on: date not before admitted_on`), once.
 * Dates and date-times are compared as the canonical text the codecs give (`YYYY-MM-DD`, and UTC
 * `YYYY-MM-DDTHH:MM[:SS]`), whose order is the calendar's.
 */

/** Each ordered pair of a dataset's fields, by position: the later field and the one it is not before. */
export function rowOrders(fields: readonly DatasetField[]): { later: number; earlier: number }[] {
  return fields.flatMap((field, later) => {
    const earlier = field.notBefore === undefined ? -1 : fields.findIndex((f) => f.name === field.notBefore);
    return earlier >= 0 ? [{ later, earlier }] : [];
  });
}

/** Whether canonical `later` comes before canonical `earlier` (both given). */
export function outOfOrder(later: string, earlier: string): boolean {
  return later < earlier;
}

/** The problem with a row whose `later` field comes before its `earlier` one; values are not repeated. */
export function rowOrderProblem(later: DatasetField, earlier: DatasetField): string {
  return `comes before ${earlier.name} in the same row, and ${later.name} may not be before ${earlier.name}`;
}
