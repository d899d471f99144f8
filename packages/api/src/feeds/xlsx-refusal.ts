/**
 * A workbook refused before or while its rows are read: the part of the ZIP it concerns (e.g.
 * `xl/worksheets/sheet1.xml`, or `workbook` for the file as a whole) and what is wrong, in words
 * for the person who sent it. Reported as the feed's error at row 0, in the part's column.
 */
export class XlsxRefusal extends Error {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(message);
    this.name = 'XlsxRefusal';
  }
}

/** A part name fit to quote back: printable, at most 100 characters. */
export function partName(name: string): string {
  const printable = name.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 100)}…` : printable;
}
