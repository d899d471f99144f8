import { parseMonthIndex } from '@parity/engine';
import type { BlockWriter } from './block-spool.js';
import type { RowReader } from './ingest.js';
import type { ReturnFigure } from './return-rows.js';

/** One provider's rows for one month: read by the dataset's or return's own checks, as a feed's are. */
export interface ExtractPart {
  provider: string;
  period: string;
  reader: RowReader & { rows?: ReturnFigure[] };
  /** A dataset part's blocks, hashed as they are sealed. */
  writer?: BlockWriter;
}

/**
 * An extract's parts by provider and month. A plain CSV line finds its part in place: the provider
 * compared with each known one while they are few (an extract's usual case), the month as an index
 * from the term's first month, so no string, key or iterator is made per row.
 */
export class ExtractParts {
  private readonly byKey = new Map<string, ExtractPart>();
  private readonly byProvider = new Map<string, (ExtractPart | undefined)[]>();
  private readonly providerNames: string[] = [];
  private readonly providerMonths: (ExtractPart | undefined)[][] = [];
  private readonly firstMonth: number;

  constructor(termStart: string) {
    this.firstMonth = parseMonthIndex(termStart);
  }

  get(provider: string, period: string): ExtractPart | undefined {
    return this.byKey.get(`${provider}\u0000${period}`);
  }

  add(part: ExtractPart): void {
    this.byKey.set(`${part.provider}\u0000${part.period}`, part);
    let months = this.byProvider.get(part.provider);
    if (!months) {
      months = [];
      this.byProvider.set(part.provider, months);
      this.providerNames.push(part.provider);
      this.providerMonths.push(months);
    }
    months[parseMonthIndex(part.period) - this.firstMonth] = part;
  }

  /** The part of the provider written at `text[start, end)` for the month of that index, if made. */
  find(text: string, start: number, end: number, monthIndex: number): ExtractPart | undefined {
    const names = this.providerNames;
    if (names.length > 8) return this.byProvider.get(text.slice(start, end))?.[monthIndex - this.firstMonth];
    const length = end - start;
    outer: for (let p = 0; p < names.length; p++) {
      const provider = names[p] as string;
      if (provider.length !== length) continue;
      for (let i = 0; i < length; i++)
        if (provider.charCodeAt(i) !== text.charCodeAt(start + i)) continue outer;
      return this.providerMonths[p]?.[monthIndex - this.firstMonth];
    }
    return undefined;
  }

  /** Every part, in the order made. */
  values(): Iterable<ExtractPart> {
    return this.byKey.values();
  }

  /** Every part, by provider then month. */
  all(): ExtractPart[] {
    return [...this.byKey.values()].sort((a, b) =>
      a.provider === b.provider ? a.period.localeCompare(b.period) : a.provider.localeCompare(b.provider),
    );
  }
}
