import { type AggregateObservation, type ContractModel, periodsOfTerm, type RecordRow } from '@parity/engine';

/**
 * The record rows of one stored block of a dataset's submission, decompressed: NDJSON whose first
 * line names the columns and each later line is a row's values in that order. Columns the dataset
 * no longer has (the feed was checked against an earlier version) are left out; every row is the
 * submitting provider's, and a snapshot's rows are for the month its feed was sent for. Shared by
 * the service's reads and by evaluations of local files, so both give the engine the same rows.
 */
export function* recordsOfBlock(
  text: string,
  fields: ReadonlySet<string>,
  submission: { provider: string; period: string },
  snapshot: boolean,
): Generator<RecordRow> {
  let columns: string[] | undefined;
  for (const line of linesOf(text)) {
    if (!columns) {
      columns = (JSON.parse(line) as { columns: string[] }).columns.map((c) => (fields.has(c) ? c : ''));
      continue;
    }
    const values = JSON.parse(line) as RecordRow[string][];
    const row: RecordRow = { provider: submission.provider };
    if (snapshot) row.month = submission.period;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as string;
      if (column !== '') row[column] = values[i];
    }
    yield row;
  }
}

/** The non-empty lines of a block of NDJSON. */
export function* linesOf(text: string): Generator<string> {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    if (end > start) yield text.slice(start, end);
    start = end + 1;
  }
}

/**
 * Whether a stored aggregate figure is one this version of the contract reads: a measure it still
 * has, a party to it, a period of its term (a submission checked against an earlier version may
 * name what this one no longer has).
 */
export function readsAggregate(model: ContractModel): (observation: AggregateObservation) => boolean {
  const measures = new Set(model.measures.map((m) => m.name));
  const parties = new Set(model.contract.parties.map((p) => p.ods));
  const periods = periodsOfTerm(model.contract.term);
  return (observation) =>
    measures.has(observation.measure) && parties.has(observation.provider) && periods.has(observation.period);
}
