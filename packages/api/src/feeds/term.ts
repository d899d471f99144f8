/**
 * Months, quarters and years of a contract term. Financial years run April to March: `2026/27`,
 * quarters `2026/27 Q1` (April to June) to `2026/27 Q4` (January to March).
 */

/** Every month from start to end, `YYYY-MM`, inclusive. */
export function monthsOf(term: { start: string; end: string }): string[] {
  const months: string[] = [];
  let year = Number(term.start.slice(0, 4));
  let month = Number(term.start.slice(5, 7));
  for (let guard = 0; guard < 1200; guard++) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    if (label > term.end) break;
    months.push(label);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

export function financialYearOf(month: string): string {
  const year = Number(month.slice(0, 4));
  const start = Number(month.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export function quarterOf(month: string): string {
  const m = Number(month.slice(5, 7));
  const quarter = m >= 4 && m <= 6 ? 1 : m >= 7 && m <= 9 ? 2 : m >= 10 ? 3 : 4;
  return `${financialYearOf(month)} Q${quarter}`;
}

/** Labels of every month, quarter and year that overlaps the term. */
export function periodsOfTerm(term: { start: string; end: string }): Set<string> {
  const labels = new Set<string>();
  for (const month of monthsOf(term)) {
    labels.add(month);
    labels.add(quarterOf(month));
    labels.add(financialYearOf(month));
  }
  return labels;
}
