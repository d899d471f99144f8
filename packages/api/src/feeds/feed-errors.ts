import { identifyingValueAt } from '@parity/engine';

/** One problem with a feed: the 1-based data row (0 for the header or the file as a whole) and column. */
export interface FeedError {
  row: number;
  column: string;
  message: string;
}

/** How many errors a refusal lists; the rest are only counted. */
export const LISTED_ERRORS = 100;

/**
 * Collects every error of a feed but keeps only the first hundred, so a file of a million bad rows
 * costs a counter, not a million messages.
 */
export class FeedErrors {
  readonly listed: FeedError[] = [];
  total = 0;
  /** How many of the errors are rows the caller may not send (an extract's row for another provider). */
  refused = 0;

  /**
   * A column named by what would identify someone (a data row run into the header, a JSON key
   * that is an NHS number) is not repeated: it is named as what it looks like.
   */
  add(row: number, column: string, message: string): void {
    this.total++;
    if (this.listed.length >= LISTED_ERRORS) return;
    const identifies = identifyingValueAt(column);
    if (identifies === undefined) this.listed.push({ row, column, message });
    else {
      const hidden = `(a column named by what looks like ${identifies}, not repeated)`;
      this.listed.push({ row, column: hidden, message: message.replaceAll(column, hidden) });
    }
  }

  /** A row the caller has no right to send: an error that makes the refusal a 403. */
  refuse(row: number, column: string, message: string): void {
    this.refused++;
    this.add(row, column, message);
  }

  get any(): boolean {
    return this.total > 0;
  }
}
