import { formatPounds, formatShare } from './money.js';
import type { Position } from './position.js';

/**
 * The position as tables: payment lines (money), indicators (year to date and forecast) and
 * measures year to date. Text only goes in through `textContent`, never as HTML.
 */
export function renderPosition(position: Position): HTMLElement {
  const root = element('div', 'position');
  root.append(
    element(
      'p',
      'summary',
      `${position.contract} as of ${position.asOf}, against the feeds of ${position.feed}`,
    ),
  );
  root.append(
    section(
      'Indicators',
      ['Indicator', 'Year to date', 'Forecast', 'Forecast £'],
      position.indicators.map((i) => ({
        cells: [
          i.indicator,
          i.yearToDate
            ? `${i.yearToDate.numerator} of ${i.yearToDate.denominator} (${formatShare(i.yearToDate.score)})`
            : 'no data',
          i.forecast ? formatShare(i.forecast.score) : '',
          i.forecast ? formatPounds(poundsOf(BigInt(i.forecast.pence))) : '',
        ],
        title: i.text,
      })),
    ),
    section(
      'Payments',
      ['Line', 'Period', 'Amount', 'Status'],
      position.lines.map((line) => ({
        cells: [
          `${line.kind} ${shortName(line.clause)}`,
          line.period,
          formatPounds(line.pounds),
          status(line.status, line.provisional),
        ],
        title: `${line.provider}: ${line.explanation}`,
      })),
    ),
    section(
      'Measures, year to date',
      ['Measure', 'Value', 'Of', 'Status'],
      position.measures
        .filter((m) => m.view === 'year-to-date')
        .map((m) => ({
          cells: [
            m.title,
            formatShare(m.value),
            m.numerator === undefined ? '' : `${m.numerator} of ${m.denominator}`,
            m.status,
          ],
          title: `${m.provider}: ${m.explanation}`,
        })),
    ),
  );
  return root;
}

function section(
  heading: string,
  columns: string[],
  rows: { cells: string[]; title: string }[],
): HTMLElement {
  const part = element('section');
  part.append(element('h3', undefined, heading));
  if (rows.length === 0) {
    part.append(element('p', 'empty', 'None.'));
    return part;
  }
  const table = element('table');
  const head = element('tr');
  for (const column of columns) head.append(element('th', undefined, column));
  table.append(head);
  for (const row of rows) {
    const tr = element('tr');
    tr.title = row.title;
    for (const cell of row.cells) tr.append(element('td', undefined, cell));
    table.append(tr);
  }
  part.append(table);
  return part;
}

/** The last part of a qualified name: `demo.bradford.SmiPhysicalHealthCquin` → `SmiPhysicalHealthCquin`. */
function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function status(status: string, provisional: boolean): string {
  return provisional ? `${status} (provisional)` : status;
}

function poundsOf(pence: bigint): string {
  const sign = pence < 0n ? '-' : '';
  const abs = pence < 0n ? -pence : pence;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
